/**
 * `npm run package`: builds appPackage/build/appPackage.<env>.zip (manifest.json, color.png,
 * outline.png and the language files) for TANDEM_ENV (default `local`), filling `${{NAME}}`
 * placeholders from env/.env.<env>, env/.env.<env>.user and the environment, as Teams Toolkit does.
 * Exits 1, naming every problem, when a placeholder has no value or the package is invalid.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackageVariables, preparePackage, zipPackage } from './lib/app-package.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const envName = process.env.TANDEM_ENV || 'local';
if (!/^[a-z0-9-]+$/.test(envName)) {
  console.error(`TANDEM_ENV must match [a-z0-9-]+, got "${envName}"`);
  process.exit(1);
}

const appPackageDir = path.join(root, 'appPackage');
const { files, problems } = await preparePackage(
  appPackageDir,
  loadPackageVariables(root, envName, process.env),
  envName,
);
if (problems.length) {
  console.error(`Cannot build the Teams app package for env "${envName}":`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

const target = path.join(appPackageDir, 'build', `appPackage.${envName}.zip`);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, await zipPackage(files));
console.log(`wrote ${path.relative(process.cwd(), target)}: ${files.map((f) => f.name).join(', ')}`);
