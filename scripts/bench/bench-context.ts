import { OutlookMailbox } from '../../tests/support/outlook-mailbox.js';
import { sleep } from '../../tests/support/sync-fixtures.js';
import { TodoMailbox } from '../../tests/support/todo-mailbox.js';
import type { BenchMember, BenchTandem, SyncView } from './bench-tandem.js';
import type { RequestCounter } from './request-counter.js';
import { UNCOUNTED_HEADER } from './request-counter.js';
import type { SandboxProcess, SandboxUser } from './sandbox-process.client.js';

export const BENCH_PHASES = ['initial', 'latency', 'memory'] as const;
export type BenchPhase = (typeof BENCH_PHASES)[number];
/** The synced modules the benchmark can measure (a descriptor each in bench-modules.ts). */
export const BENCH_MODULES = ['contacts', 'tasks'] as const;
export type BenchModuleKey = (typeof BENCH_MODULES)[number];

export interface BenchOptions {
  /** Contacts pushed and pulled in the initial-sync figures. */
  contacts: number;
  /** Tasks pushed and pulled in the initial-sync figures. */
  tasks: number;
  /** The modules measured, in this order (the memory figures are contacts'). */
  modules: BenchModuleKey[];
  /** Sequential creates timed on each side for the latency figures. */
  latencySamples: number;
  /** Folder sizes synced for the memory figures. */
  memorySizes: number[];
  /** Outlook's 10-minute window passes this many times faster. */
  timeScale: number;
  /** The phases to run, in their order: initial (then idle), latency, memory. */
  phases: BenchPhase[];
  /** Graph latency added to each request while it holds its mailbox slot (ms, plus up to half again of jitter). */
  graphLatencyMs: number;
  seed: number;
  /** PostgreSQL server for Tandem's database (a fresh database is created); PGlite files otherwise. */
  databaseUrl?: string;
  /** The Markdown report; the JSON goes next to it. */
  out: string;
  quick: boolean;
}

/** What every phase works with. */
export interface BenchContext {
  options: BenchOptions;
  sandbox: SandboxProcess;
  tandem: BenchTandem;
  counter: RequestCounter;
  tenantId: string;
  orgId: string;
  /**
   * The mailbox the naive client works in, shared by the modules (its own "Naive …" folder or list
   * each): the administrator's, which Tandem does not sync.
   */
  naiveUser: SandboxUser;
  /** Seeded users not used by a phase yet (each phase takes its own mailbox). */
  spareUsers: SandboxUser[];
}

export const TANDEM_FOLDER = 'Tandem Contacts';

/** The per-mailbox request ceiling of the configured throttling, in requests per second. */
export const ceilingPerSecond = (o: BenchOptions) => (10_000 * o.timeScale) / 600;

/** A mailbox as the user touches it in Outlook; its requests are not counted as Tandem's. */
export function outlookOf(ctx: BenchContext, user: SandboxUser): OutlookMailbox {
  return new OutlookMailbox(ctx.sandbox.url, userToken(ctx, user), user.id, { [UNCOUNTED_HEADER]: '1' });
}

/** A mailbox's To Do as the user touches it; its requests are not counted as Tandem's. */
export function todoOf(ctx: BenchContext, user: SandboxUser): TodoMailbox {
  return new TodoMailbox(ctx.sandbox.url, userToken(ctx, user), user.id, { [UNCOUNTED_HEADER]: '1' });
}

/** The user's delegated Graph token, fetched again after 30 minutes. */
function userToken(ctx: BenchContext, user: SandboxUser): () => Promise<string> {
  let cached: { token: string; at: number } | undefined;
  return async () => {
    if (!cached || Date.now() - cached.at > 30 * 60_000)
      cached = { token: await ctx.sandbox.token(user.userPrincipalName, 'graph'), at: Date.now() };
    return cached.token;
  };
}

export function takeUser(ctx: BenchContext): SandboxUser {
  const user = ctx.spareUsers.shift();
  if (!user) throw new Error('the benchmark ran out of seeded users');
  return user;
}

/** Thrown when the module stops in a state that needs the user (paused, failed, needs consent). */
export class StuckSyncError extends Error {}

/**
 * Waits until the member's module (contacts unless told) has finished a successful run after `since`, has
 * nothing pending and is idle, and `done()` holds (the data arrived). Returns the elapsed ms.
 */
export async function waitConverged(
  tandem: BenchTandem,
  member: BenchMember,
  since: number,
  done: () => Promise<boolean>,
  timeoutMs: number,
  module: BenchModuleKey = 'contacts',
): Promise<SyncView> {
  const deadline = since + timeoutMs;
  let view: SyncView | undefined;
  for (;;) {
    view = await tandem.syncView(member, module);
    if (['paused', 'failed', 'needs_consent', 'disabled'].includes(view.state))
      throw new StuckSyncError(`the module is ${view.state}: ${JSON.stringify(view.errors.slice(0, 3))}`);
    const succeeded = view.lastSuccessAt !== null && Date.parse(view.lastSuccessAt) >= since - 1000;
    if (view.state === 'idle' && view.pending === 0 && succeeded && (await done())) return view;
    if (Date.now() > deadline)
      throw new StuckSyncError(
        `not converged after ${timeoutMs} ms (state ${view.state}, pending ${view.pending}, last success ${view.lastSuccessAt})`,
      );
    await sleep(200);
  }
}
