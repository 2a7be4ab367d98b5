/**
 * Writes appPackage/color.png (192×192) and appPackage/outline.png (32×32) from
 * scripts/lib/icons.ts. Deterministic: running it twice gives byte-identical files.
 *
 *   npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderColorIcon, renderOutlineIcon } from './lib/icons.js';
import { encodePng } from './lib/png.js';

const appPackageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'appPackage');

for (const [file, image] of [
  ['color.png', renderColorIcon()],
  ['outline.png', renderOutlineIcon()],
] as const) {
  const target = path.join(appPackageDir, file);
  writeFileSync(target, encodePng(image));
  console.log(`wrote ${path.relative(process.cwd(), target)} (${image.width}×${image.height})`);
}
