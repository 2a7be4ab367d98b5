import { ceilingPerSecond, type BenchContext } from './bench-context.js';
import { parseBenchOptions } from './bench-options.js';
import {
  machineFacts,
  renderReport,
  writeReport,
  type BenchReport,
  type ModuleFigures,
} from './bench-report.js';
import { BENCH_MODULE_DESCRIPTORS, type BenchModule } from './bench-modules.js';
import { BenchTandem } from './bench-tandem.js';
import { idleRunPhase } from './idle-run.phase.js';
import { initialSyncPhase } from './initial-sync.phase.js';
import { latencyPhase } from './latency.phase.js';
import { memoryPhase } from './memory.phase.js';
import { RequestCounter } from './request-counter.js';
import { SandboxProcess } from './sandbox-process.client.js';

/**
 * `npm run bench:sync`: Tandem's sync against the sandbox with Outlook's limits on, and the naive
 * baseline doing the same jobs in the same run; writes docs/PERFORMANCE.md and its JSON.
 */
const argv = process.argv.slice(2);
const options = parseBenchOptions(argv, process.env.DATABASE_URL);
const log = (message: string) =>
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const started = Date.now();
// The report never shows the database URL (it may carry a password).
const { databaseUrl: _databaseUrl, ...shownOptions } = options;

const report: BenchReport = {
  command: `npm run bench:sync${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
  date: new Date().toISOString(),
  machine: machineFacts(options.databaseUrl),
  options: shownOptions,
  modules: [],
  failures: [],
  wallSeconds: 0,
};

log('starting the sandbox and Tandem');
const sandbox = await SandboxProcess.start({
  seed: options.seed,
  contactsPerUser: 0,
  eventsPerUser: 0,
  tasksPerUser: 0,
});
// Tandem's own budget (9,000 per 10 min) is compressed like Outlook's window, or it would be the limit.
const tandem = await BenchTandem.start(sandbox, {
  databaseUrl: options.databaseUrl,
  env: { SYNC_GRAPH_REQUESTS_PER_10_MINUTES: String(9_000 * options.timeScale) },
});
const counter = new RequestCounter(new URL(sandbox.url).origin);

async function phase<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  log(`${name}…`);
  try {
    const result = await run();
    log(`${name}: done`);
    return result;
  } catch (err) {
    report.failures.push(`${name}: ${(err as Error).message}`);
    log(`${name} failed: ${(err as Error).stack}`);
    return undefined;
  }
}

/** One module's phases: initial push and pull, then an idle run, then latency. */
async function measureModule(ctx: BenchContext, module: BenchModule): Promise<ModuleFigures> {
  const figures: ModuleFigures = {
    module: module.key,
    label: module.label,
    noun: module.noun,
    remoteName: module.remoteName,
    manualNote: module.manualNote,
    items: module.size(ctx.options),
  };
  const initial = ctx.options.phases.includes('initial')
    ? await phase(`${module.noun}: initial sync of ${figures.items} each way`, () =>
        initialSyncPhase(ctx, module),
      )
    : undefined;
  if (initial) {
    const { pullMember, pullConverged, pullFolderId, ...transfer } = initial;
    figures.initial = transfer;
    figures.idle = await phase(`${module.noun}: idle incremental run`, () =>
      idleRunPhase(ctx, module, pullMember, pullConverged, pullFolderId),
    );
  }
  const perPoll = figures.initial?.pull.naive.httpCalls ?? 0;
  if (ctx.options.phases.includes('latency'))
    figures.latency = await phase(`${module.noun}: latency with webhooks`, () =>
      latencyPhase(ctx, module, perPoll),
    );
  return figures;
}

try {
  const tenant = sandbox.tenants[0]!;
  const adminUser = tenant.users.find((u) => u.isAdministrator)!;
  const admin = await tandem.provision(adminUser, tenant.id, tenant.displayName);
  await sandbox.tool('PUT', '/throttling', {
    enabled: true,
    concurrency: 4,
    requestsPer10Minutes: 10_000,
    timeScale: options.timeScale,
  });
  await sandbox.tool('PUT', '/faults', {
    seed: options.seed,
    latency: { baseMs: options.graphLatencyMs, jitterMs: Math.round(options.graphLatencyMs / 2) },
    rules: [],
  });
  log(`limits on: 4 in flight, ${ceilingPerSecond(options)} req/s per mailbox`);
  const ctx: BenchContext = {
    options,
    sandbox,
    tandem,
    counter,
    tenantId: tenant.id,
    orgId: admin.orgId,
    naiveUser: adminUser,
    spareUsers: tenant.users.filter((u) => u !== adminUser),
  };
  for (const key of options.modules) {
    const module = BENCH_MODULE_DESCRIPTORS[key];
    report.modules.push(await measureModule(ctx, module));
  }
  if (options.phases.includes('memory') && options.modules.includes('contacts'))
    report.memory = await phase(`memory at ${options.memorySizes.join(', ')} contacts`, () =>
      memoryPhase(ctx),
    );
} finally {
  report.wallSeconds = Math.round((Date.now() - started) / 1000);
  writeReport(report);
  process.stdout.write(`\n${renderReport(report)}\n`);
  counter.close();
  await tandem.stop();
  await sandbox.stop();
}
process.exit(report.failures.length ? 1 : 0);
