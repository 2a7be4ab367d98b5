import { startTandem } from '../../../src/app/tandem.js';
import { parseConfig } from '../../../src/config/load-config.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { trustExtraCa } from '../../../src/platform/http/trust.js';
import { readFileSync } from 'node:fs';

/**
 * A Tandem worker in a process of its own, for the fault soak to kill (SIGKILL) in the middle of a
 * run: argv[2] is the settings as JSON (the same a test passes to TestApp). Prints one line once
 * listening, then serves until killed.
 */
const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const config = parseConfig(env);
if (config.auth.caFile) trustExtraCa(readFileSync(config.auth.caFile, 'utf8'));
// Logs go to stderr: stdout carries only the ready line.
const tandem = await startTandem(
  config,
  createLogger({ level: config.log.level, destination: process.stderr }),
);
process.stdout.write(`ready ${tandem.url}\n`);
