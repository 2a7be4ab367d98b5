import { ensureTabsBuilt } from './app/tabs.build.js';
import { startTandem } from './app/tandem.js';
import { loadConfigOrExit } from './config/load-config.js';
import { createLogger } from './platform/logging/logger.js';
import { sandboxBanner } from './sandbox/banner.js';

const config = loadConfigOrExit();
const logger = createLogger({ level: config.log.level });
// The tabs build (fresh clone only) runs while the database and the sandbox start; until it ends,
// /tabs answers 503 tabs_not_built.
const tabsBuilt = ensureTabsBuilt(logger);
const starting = startTandem(config, logger).catch((err: unknown) => {
  logger.fatal({ err }, 'Tandem failed to start');
  process.exit(1);
});
// Installed before start-up ends: the server may already answer (and be told to stop) while the
// rest starts; a signal then waits for the start and stops what it started.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    starting
      .then((tandem) => tandem.stop())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  });
}
const tandem = await starting;

if (tandem.sandbox) process.stdout.write(sandboxBanner(tandem.sandbox));
await tabsBuilt;
