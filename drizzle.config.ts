import { defineConfig } from 'drizzle-kit';

/** Generates SQL migrations from the `*.table.ts` files; `drizzle/` is committed and applied at start. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/*.table.ts',
  out: './drizzle',
});
