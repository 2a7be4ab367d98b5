import { contactDefinition } from '../../src/crm/contacts/contact.definition.js';
import { actorOf } from '../../src/tenancy/principal.js';
import {
  bulkContacts,
  crmContactsByEmail,
  crmFieldsOf,
  graphContactOf,
  sleep,
} from '../../tests/support/sync-fixtures.js';
import { outlookOf, takeUser, TANDEM_FOLDER, waitConverged, type BenchContext } from './bench-context.js';

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
 * Figure 3: end-to-end latency with change notifications. One contact at a time is created on one
 * side (Outlook through Graph as the user; the CRM as the user in the app) and timed until it is
 * visible on the other side (a member of its own; a delta round returns changes only, so the folder's
 * size does not enter). The naive baseline polls: its latency is its poll interval.
 */
export async function latencyPhase(ctx: BenchContext, naiveRequestsPerPoll: number): Promise<LatencyFigures> {
  const user = takeUser(ctx);
  const member = await ctx.tandem.addMember(ctx.orgId, user);
  const box = outlookOf(ctx, user);
  const started = Date.now();
  try {
    await ctx.tandem.api(member, 'PUT', '/sync/contacts', { enabled: true });
    await waitConverged(
      ctx.tandem,
      member,
      started,
      async () => (await box.folderId(TANDEM_FOLDER)) !== null,
      60_000,
    );
  } catch (err) {
    const error = { error: (err as Error).message };
    return { toCrm: error, toOffice: error, naiveRequestsPerPoll };
  }
  const folderId = (await box.folderId(TANDEM_FOLDER))!;
  const samples = ctx.options.latencySamples;
  const db = ctx.tandem.tandem.db;

  const actor = actorOf(await ctx.tandem.principal(member, ctx.tenantId));
  const fromOutlook = (person: ReturnType<typeof bulkContacts>[number]) =>
    timeOne(
      async () => void (await box.create(folderId, graphContactOf(person))),
      async () => (await crmContactsByEmail(db, ctx.orgId, person.email)).length > 0,
    );
  const fromCrm = (person: ReturnType<typeof bulkContacts>[number]) =>
    timeOne(
      async () =>
        void (await ctx.tandem.container.records.create(actor, contactDefinition, crmFieldsOf(person))),
      async () => (await box.findByEmail(folderId, person.email)).length > 0,
    );
  const seed = ctx.options.seed;
  return {
    toCrm: await series(bulkContacts(seed, 'lato', samples), fromOutlook, APART_MS),
    toOffice: await series(bulkContacts(seed, 'latc', samples), fromCrm, APART_MS),
    toCrmBurst: await series(bulkContacts(seed, 'latob', samples), fromOutlook, 0),
    toOfficeBurst: await series(bulkContacts(seed, 'latcb', samples), fromCrm, 0),
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
