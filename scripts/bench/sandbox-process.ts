import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/platform/logging/logger.js';
import { startSandbox } from '../../src/sandbox/sandbox.js';

/**
 * The benchmark's Microsoft 365 sandbox, in a process of its own so that its mailboxes (100,000
 * contacts…) and its CPU are not counted as Tandem's. Started by `sandbox-process.client.ts`:
 * argv = client id, app id URI, JSON seed options; prints one JSON line `{url, caPem, secret}`
 * on stdout once listening; stops on SIGTERM or when its parent goes away.
 */
const [clientId, appIdUri, seedJson = '{}'] = process.argv.slice(2);
if (!clientId || !appIdUri) {
  process.stderr.write('usage: sandbox-process.ts <clientId> <appIdUri> [seed JSON]\n');
  process.exit(2);
}
const sandbox = await startSandbox({
  port: 0,
  host: '127.0.0.1',
  dataDir: path.join(tmpdir(), 'tandem-bench-sandbox'),
  ephemeral: true,
  tandemApp: { clientId, appIdUri },
  seed: JSON.parse(seedJson) as Record<string, number>,
  logger: createLogger({ level: 'warn' }),
});
process.stdout.write(
  `${JSON.stringify({ url: sandbox.url, caPem: sandbox.caPem, secret: sandbox.tandemClientSecret })}\n`,
);
const stop = () => void sandbox.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
