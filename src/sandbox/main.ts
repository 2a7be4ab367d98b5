import { loadConfigOrExit } from '../config/load-config.js';
import { createLogger } from '../platform/logging/logger.js';
import { sandboxBanner } from './banner.js';
import { startConfiguredSandbox } from './sandbox.js';

/** `npm run sandbox`: the Microsoft 365 sandbox alone, with the settings `npm start` would use. */
const config = loadConfigOrExit();
if (config.isProduction) {
  process.stderr.write('The sandbox does not run in production.\n');
  process.exit(78);
}
const logger = createLogger({ level: config.log.level });
const sandbox = await startConfiguredSandbox(config, logger);
process.stdout.write(sandboxBanner(sandbox));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    sandbox.stop().then(() => process.exit(0));
  });
}
