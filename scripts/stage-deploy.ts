/**
 * Stages what the App Service apps run into appPackage/build/deploy for `teamsapp deploy`
 * (teamsapp.yml): the compiled server and tabs (dist/, from `npm run build` and
 * `npm run build:web`), migrations (drizzle/) and the package manifests. Never env/, sources or tests, so no
 * `.env.*.user` secret can be uploaded. `npm ci --omit=dev` then runs in the staged folder.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'appPackage', 'build', 'deploy');

const required = ['dist', 'drizzle', 'package.json', 'package-lock.json'];

const absent = required.filter((p) => !existsSync(path.join(root, p)));
if (absent.length) {
  console.error(`Cannot stage the deployment; missing: ${absent.join(', ')} (run \`npm run build\` first)`);
  process.exit(1);
}

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const p of required) {
  cpSync(path.join(root, p), path.join(target, p), {
    recursive: true,
    filter: (src) => !src.endsWith('.map'),
  });
  console.log(`staged ${p}`);
}
