import { startTandem } from './app/tandem.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { createLogger } from './platform/logging/logger.js';
import { sandboxBanner } from './sandbox/banner.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger({ level: config.log.level });
const tandem = await startTandem(config, logger).catch((err: unknown) => {
  logger.fatal({ err }, 'Tandem failed to start');
  process.exit(1);
});

if (tandem.sandbox) process.stdout.write(sandboxBanner(tandem.sandbox));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    tandem.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
