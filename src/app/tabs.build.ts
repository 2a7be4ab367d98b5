import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Vite from 'vite';
import type { Logger } from '../platform/logging/logger.js';
import { TABS_DIST } from './tabs.routes.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the tabs with Vite when `dist/web` is missing (a fresh clone running `npm start`).
 * A deployment ships dist/web (`npm run build:web`); without Vite installed this only warns.
 */
export async function ensureTabsBuilt(logger: Logger): Promise<void> {
  if (existsSync(path.join(TABS_DIST, 'index.html'))) return;
  const started = Date.now();
  let vite: typeof Vite;
  try {
    vite = await import('vite');
  } catch {
    logger.warn('dist/web is missing and Vite is not installed: /tabs answers 503 until `npm run build:web`');
    return;
  }
  try {
    await vite.build({ configFile: path.join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' });
    logger.info({ ms: Date.now() - started }, 'tabs built into dist/web');
  } catch (err) {
    logger.error({ err }, 'building the tabs failed: /tabs answers 503 until `npm run build:web` succeeds');
  }
}
