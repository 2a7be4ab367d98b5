import { bulkContacts, countCrmContacts, graphContactOf } from '../../tests/support/sync-fixtures.js';
import {
  ceilingPerSecond,
  outlookOf,
  takeUser,
  TANDEM_FOLDER,
  waitConverged,
  type BenchContext,
} from './bench-context.js';
import type { BenchMember } from './bench-tandem.js';
import { NaiveSync, type NaiveFigures } from './naive-sync.js';
import type { RequestCounts } from './request-counter.js';

/** Tandem's figures for one job, or why it could not be measured. */
export type TandemFigures =
  | {
      items: number;
      /** HTTP requests Tandem's process sent to Graph (and the authority). */
      requests: RequestCounts;
      /** ⌈items / 20⌉: one full `$batch` per 20 items. */
      idealCalls: number;
      /** Requests the mailbox counted (batch items one by one, as Outlook's limits count them). */
      mailboxRequests: number;
      /** 429s the sandbox served to Tandem for this mailbox. */
      throttled: number;
      maxInFlight: number;
      wallMs: number;
      itemsPerSecond: number;
      /** Outlook's per-mailbox request budget, scaled (requests/s). */
      ceilingPerSecond: number;
    }
  | { error: string };

export interface InitialSyncFigures {
  push: { tandem: TandemFigures; naive: NaiveFigures };
  pull: { tandem: TandemFigures; naive: NaiveFigures };
  /** The member whose module stays enabled with the pulled folder (used by the idle-run phase). */
  pullMember: BenchMember;
  /** Whether that member's first sync converged. */
  pullConverged: boolean;
  pullFolderId: string;
}

/**
 * Figure 1: the first sync of N contacts each way — CRM → Outlook (N CRM records of a member who
 * enables the module) and Outlook → CRM (N contacts already in another member's "Tandem Contacts"
 * folder, adopted on enable) — against the naive client doing the same transfer.
 */
export async function initialSyncPhase(ctx: BenchContext): Promise<InitialSyncFigures> {
  const n = ctx.options.contacts;
  const pushUser = takeUser(ctx);
  const pullUser = takeUser(ctx);
  const naiveUser = takeUser(ctx);
  const pushPeople = bulkContacts(ctx.options.seed, 'push', n);
  const pullPeople = bulkContacts(ctx.options.seed, 'pull', n);

  // The naive client pushes the same people into a folder of a mailbox Tandem does not sync.
  const naiveBox = outlookOf(ctx, naiveUser);
  const naiveFolder = await naiveBox.ensureFolder('Naive Contacts');
  const naivePush = await new NaiveSync(
    graphRoot(ctx),
    () => ctx.sandbox.token(naiveUser.userPrincipalName, 'graph'),
    naiveUser.id,
  ).push(naiveFolder, pushPeople);

  const pushMember = await ctx.tandem.addMember(ctx.orgId, pushUser);
  const principal = await ctx.tandem.principal(pushMember, ctx.tenantId);
  await ctx.tandem.createCrmContacts(principal, pushPeople);
  const pushBox = outlookOf(ctx, pushUser);
  const push = await measureEnable(ctx, pushMember, n, async () => {
    const folder = await pushBox.folderId(TANDEM_FOLDER);
    return folder !== null && (await pushBox.count(folder)) >= n;
  });

  // Pull: the folder exists in Outlook with N contacts before the member enables the module.
  const pullBox = outlookOf(ctx, pullUser);
  const pullFolderId = await pullBox.ensureFolder(TANDEM_FOLDER);
  await pullBox.createMany(pullFolderId, pullPeople.map(graphContactOf));
  const naivePull = await new NaiveSync(
    graphRoot(ctx),
    () => ctx.sandbox.token(pullUser.userPrincipalName, 'graph'),
    pullUser.id,
  ).pull(pullFolderId);
  const pullMember = await ctx.tandem.addMember(ctx.orgId, pullUser);
  const pull = await measureEnable(ctx, pullMember, n, async () => {
    return (await countCrmContacts(ctx.tandem.tandem.db, ctx.orgId, pullMember.userId)) >= n;
  });
  return {
    push: { tandem: push, naive: naivePush },
    pull: { tandem: pull, naive: naivePull },
    pullMember,
    pullConverged: !('error' in pull),
    pullFolderId,
  };
}

export const graphRoot = (ctx: BenchContext) => `${ctx.sandbox.url}/v1.0`;

/** Enables the member's contacts module and measures Tandem until the data has arrived. */
async function measureEnable(
  ctx: BenchContext,
  member: BenchMember,
  items: number,
  arrived: () => Promise<boolean>,
): Promise<TandemFigures> {
  await ctx.sandbox.tool('DELETE', '/metrics');
  ctx.counter.take();
  const started = Date.now();
  try {
    await ctx.tandem.api(member, 'PUT', '/sync/contacts', { enabled: true });
    await waitConverged(ctx.tandem, member, started, arrived, 120_000 + items * 120);
  } catch (err) {
    return { error: (err as Error).message };
  }
  const wallMs = Date.now() - started;
  const requests = ctx.counter.take();
  const mailbox = await ctx.sandbox.tandemMailbox(member.user.id);
  return {
    items,
    requests,
    idealCalls: Math.ceil(items / 20),
    mailboxRequests: mailbox.requests,
    throttled: mailbox.throttled,
    maxInFlight: mailbox.maxInFlight,
    wallMs,
    itemsPerSecond: Math.round((items / wallMs) * 1000 * 10) / 10,
    ceilingPerSecond: ceilingPerSecond(ctx.options),
  };
}
