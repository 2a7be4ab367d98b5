// `npm run test:pg` runs the integration suite against a real PostgreSQL: it needs DATABASE_URL.
if (!process.env.DATABASE_URL) {
  process.stderr.write('Set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test\n');
  process.exit(2);
}
