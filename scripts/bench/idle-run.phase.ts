import { sleep } from '../../tests/support/sync-fixtures.js';
import type { BenchContext } from './bench-context.js';
import type { BenchMember } from './bench-tandem.js';
import { graphRoot } from './initial-sync.phase.js';
import { NaiveSync } from './naive-sync.js';
import type { RequestCounts } from './request-counter.js';

export interface IdleRunFigures {
  tandem: { requests: RequestCounts; mailboxRequests: number; wallMs: number } | { error: string };
  naive: { httpCalls: number; wallMs: number };
}

/**
 * Figure 2: a run when nothing changed on either side ("sync now" after convergence). Tandem
 * should send one delta request; the naive client re-lists the whole folder.
 */
export async function idleRunPhase(
  ctx: BenchContext,
  member: BenchMember,
  converged: boolean,
  folderId: string,
): Promise<IdleRunFigures> {
  const token = () => ctx.sandbox.token(member.user.userPrincipalName, 'graph');
  const naive = await new NaiveSync(graphRoot(ctx), token, member.user.id).pull(folderId);
  if (!converged) return { tandem: { error: 'the initial pull did not converge' }, naive };
  await ctx.sandbox.tool('DELETE', '/metrics');
  ctx.counter.take();
  const started = Date.now();
  try {
    await ctx.tandem.api(member, 'POST', '/sync/contacts/run');
    for (;;) {
      const view = await ctx.tandem.syncView(member);
      const ran = view.lastRunAt !== null && Date.parse(view.lastRunAt) >= started - 5;
      if (ran && view.state === 'idle') break;
      if (Date.now() - started > 60_000) throw new Error(`no idle run within 60 s (state ${view.state})`);
      await sleep(50);
    }
  } catch (err) {
    return { tandem: { error: (err as Error).message }, naive };
  }
  const wallMs = Date.now() - started;
  const mailbox = await ctx.sandbox.tandemMailbox(member.user.id);
  return {
    tandem: { requests: ctx.counter.take(), mailboxRequests: mailbox.requests, wallMs },
    naive: { httpCalls: naive.httpCalls, wallMs: naive.wallMs },
  };
}
