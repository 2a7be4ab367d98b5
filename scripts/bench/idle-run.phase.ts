import { sleep } from '../../tests/support/sync-fixtures.js';
import type { BenchContext } from './bench-context.js';
import type { BenchModule } from './bench-modules.js';
import type { BenchMember } from './bench-tandem.js';
import { graphRoot } from './initial-sync.phase.js';
import { NaiveSync } from './naive-sync.js';
import type { RequestCounts } from './request-counter.js';

export type RunFigures =
  { requests: RequestCounts; mailboxRequests: number; wallMs: number } | { error: string };

export interface IdleRunFigures {
  /** A periodic run (backstop, notification, outbox) with nothing new. */
  tandem: RunFigures;
  /** "Sync now" with nothing new (for contacts it also checks the master categories). */
  manual: RunFigures;
  naive: { httpCalls: number; wallMs: number };
}

/**
 * Figure 2: runs when nothing changed on either side, after convergence: a periodic run (what the
 * backstop and notifications start) should send one delta request; "sync now" of contacts also
 * checks the master categories. The naive client re-lists the whole folder or list.
 */
export async function idleRunPhase(
  ctx: BenchContext,
  module: BenchModule,
  member: BenchMember,
  converged: boolean,
  folderId: string,
): Promise<IdleRunFigures> {
  const token = () => ctx.sandbox.token(member.user.userPrincipalName, 'graph');
  const naive = await new NaiveSync(graphRoot(ctx), token).pull(module.itemsPath(member.user.id, folderId));
  if (!converged) {
    const error = { error: 'the initial pull did not converge' };
    return { tandem: error, manual: error, naive };
  }
  const target = { orgId: member.orgId, userId: member.userId, module: module.key };
  const runNow = () => ctx.tandem.api(member, 'POST', `/sync/${module.key}/run`);
  if (module.settleMs) {
    // The follow-up runs Tandem's own writes woke pass, then one run settles what they found.
    await sleep(module.settleMs);
    await measureRun(ctx, module, member, runNow);
  }
  const periodic = await measureRun(ctx, module, member, () =>
    ctx.tandem.container.syncTrigger!.requestRun(target, 'backstop'),
  );
  const manual = await measureRun(ctx, module, member, runNow);
  return { tandem: periodic, manual, naive };
}

/** One run started by `start`, counted from the sandbox's cleared metrics until it is over. */
async function measureRun(
  ctx: BenchContext,
  module: BenchModule,
  member: BenchMember,
  start: () => Promise<unknown>,
): Promise<RunFigures> {
  await ctx.sandbox.tool('DELETE', '/metrics');
  ctx.counter.take();
  const started = Date.now();
  try {
    await start();
    for (;;) {
      const view = await ctx.tandem.syncView(member, module.key);
      const ran = view.lastRunAt !== null && Date.parse(view.lastRunAt) >= started - 5;
      if (ran && view.state === 'idle') break;
      if (Date.now() - started > 60_000) throw new Error(`no idle run within 60 s (state ${view.state})`);
      await sleep(50);
    }
  } catch (err) {
    return { error: (err as Error).message };
  }
  const wallMs = Date.now() - started;
  const mailbox = await ctx.sandbox.tandemMailbox(member.user.id);
  return { requests: ctx.counter.take(), mailboxRequests: mailbox.requests, wallMs };
}
