import { loadConfigOrExit } from '../config/load-config.js';
import { createLogger } from '../platform/logging/logger.js';
import { sandboxBanner } from './banner.js';
import { startSandbox } from './sandbox.js';

/** `npm run sandbox`: the Microsoft 365 sandbox alone, with the settings `npm start` would use. */
const config = loadConfigOrExit();
if (config.isProduction || !config.auth.clientId) {
  process.stderr.write(
    'The sandbox runs outside production and needs AUTH_CLIENT_ID (env/.env.local sets it).\n',
  );
  process.exit(78);
}
const logger = createLogger({ level: config.log.level });
const sandbox = await startSandbox({
  port: config.sandbox.port,
  host: config.sandbox.host,
  dataDir: config.database.dataDir,
  tandemApp: { clientId: config.auth.clientId, appIdUri: config.auth.appIdUri },
  seed: { seed: config.sandbox.seed, contactsPerUser: config.sandbox.contactsPerUser },
  logger,
});
process.stdout.write(sandboxBanner(sandbox));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    sandbox.stop().then(() => process.exit(0));
  });
}
