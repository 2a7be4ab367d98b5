import { actorOf } from '../../src/tenancy/principal.js';
import { sleep } from '../../tests/support/sync-fixtures.js';
import { takeUser, waitConverged, type BenchContext } from './bench-context.js';
import type { BenchItem, BenchModule } from './bench-modules.js';

export interface LatencyStats {
  samples: number;
  /** Creates not visible on the other side within the timeout (not in the percentiles). */
  timeouts: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

export interface LatencyFigures {
  /** Changes apart (each after the notification window of the previous one has passed). */
  toCrm: LatencyStats | { error: string };
  toOffice: LatencyStats | { error: string };
  /** Changes back to back: each made as soon as the previous one was seen on the other side. */
  toCrmBurst?: LatencyStats | { error: string };
  toOfficeBurst?: LatencyStats | { error: string };
  /** A naive poller needs this many Graph requests per poll (full re-list at the default page size). */
  naiveRequestsPerPoll: number;
}

const SAMPLE_TIMEOUT_MS = 30_000;
/**
 * The pause before a change "apart": longer than the receiver's window of one run per subscription
 * per 5 s (RELIABILITY 18), which Tandem's own write-back of the previous sample opens.
 */
const APART_MS = 6_000;

export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(latencies: number[], timeouts: number): LatencyStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    samples: latencies.length + timeouts,
    timeouts,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1] ?? null,
  };
}

/** Times `create` until `visible` holds, polling every 20 ms; undefined after the timeout. */
async function timeOne(
  create: () => Promise<void>,
  visible: () => Promise<boolean>,
): Promise<number | undefined> {
  const started = performance.now();
  await create();
  while (performance.now() - started < SAMPLE_TIMEOUT_MS) {
    if (await visible()) return Math.round(performance.now() - started);
    await sleep(20);
  }
  return undefined;
}

/**
 * Figure 3: end-to-end latency with change notifications. One item of the module at a time is
 * created on one side (Outlook or To Do through Graph as the user; the CRM as the user in the app)
 * and timed until it is visible on the other side (a member of its own; a delta round returns
 * changes only, so the container's size does not enter). The naive baseline polls: its latency is
 * its poll interval.
 */
export async function latencyPhase(
  ctx: BenchContext,
  module: BenchModule,
  naiveRequestsPerPoll: number,
): Promise<LatencyFigures> {
  const user = takeUser(ctx);
  const member = await ctx.tandem.addMember(ctx.orgId, user);
  const box = module.remote(ctx, user);
  const started = Date.now();
  try {
    await ctx.tandem.api(member, 'PUT', `/sync/${module.key}`, { enabled: true });
    await waitConverged(
      ctx.tandem,
      member,
      started,
      async () => (await box.folderId(module.containerName)) !== null,
      60_000,
      module.key,
    );
  } catch (err) {
    const error = { error: (err as Error).message };
    return { toCrm: error, toOffice: error, naiveRequestsPerPoll };
  }
  const containerId = (await box.folderId(module.containerName))!;
  const samples = ctx.options.latencySamples;
  const db = ctx.tandem.tandem.db;

  const actor = actorOf(await ctx.tandem.principal(member, ctx.tenantId));
  const fromOffice = (item: BenchItem) =>
    timeOne(
      async () => void (await box.create(containerId, item.remote)),
      () => module.inCrm(db, ctx.orgId, item.key),
    );
  const fromCrm = (item: BenchItem) =>
    timeOne(
      async () => void (await ctx.tandem.container.records.create(actor, module.definition, item.crm)),
      () => module.inRemote(ctx, user, containerId, item.key),
    );
  const seed = ctx.options.seed;
  return {
    toCrm: await series(module.items(seed, 'lato', samples), fromOffice, APART_MS),
    toOffice: await series(module.items(seed, 'latc', samples), fromCrm, APART_MS),
    toCrmBurst: await series(module.items(seed, 'latob', samples), fromOffice, 0),
    toOfficeBurst: await series(module.items(seed, 'latcb', samples), fromCrm, 0),
    naiveRequestsPerPoll,
  };
}

/** Times `one` for each sample in turn, pausing `gapMs` before each. */
async function series<T>(
  items: T[],
  one: (item: T) => Promise<number | undefined>,
  gapMs: number,
): Promise<LatencyStats> {
  const latencies: number[] = [];
  let timeouts = 0;
  for (const item of items) {
    if (gapMs) await sleep(gapMs);
    const ms = await one(item);
    if (ms === undefined) timeouts++;
    else latencies.push(ms);
  }
  return stats(latencies, timeouts);
}
