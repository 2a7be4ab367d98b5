import { ceilingPerSecond, takeUser, waitConverged, type BenchContext } from './bench-context.js';
import type { BenchModule } from './bench-modules.js';
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
  /** The member whose module stays enabled with the pulled folder or list (used by the idle-run phase). */
  pullMember: BenchMember;
  /** Whether that member's first sync converged. */
  pullConverged: boolean;
  pullFolderId: string;
}

/**
 * Figure 1: the first sync of N items of a module each way — CRM → Office (N CRM records of a member
 * who enables the module) and Office → CRM (N items already in another member's "Tandem …" folder
 * or list, adopted on enable) — against the naive client doing the same transfer.
 */
export async function initialSyncPhase(ctx: BenchContext, module: BenchModule): Promise<InitialSyncFigures> {
  const n = module.size(ctx.options);
  const pushUser = takeUser(ctx);
  const pullUser = takeUser(ctx);
  const naiveUser = ctx.naiveUser;
  const pushItems = module.items(ctx.options.seed, 'push', n);
  const pullItems = module.items(ctx.options.seed, 'pull', n);

  // The naive client pushes the same items into a container of a mailbox Tandem does not sync.
  const naiveBox = module.remote(ctx, naiveUser);
  const naiveContainer = await naiveBox.ensureFolder(module.naiveContainerName);
  const naivePush = await new NaiveSync(graphRoot(ctx), () =>
    ctx.sandbox.token(naiveUser.userPrincipalName, 'graph'),
  ).push(
    module.itemsPath(naiveUser.id, naiveContainer),
    pushItems.map((i) => i.remote),
  );

  const pushMember = await ctx.tandem.addMember(ctx.orgId, pushUser);
  const principal = await ctx.tandem.principal(pushMember, ctx.tenantId);
  await ctx.tandem.createCrmRecords(
    principal,
    module.definition,
    pushItems.map((i) => i.crm),
  );
  const pushBox = module.remote(ctx, pushUser);
  const push = await measureEnable(ctx, module, pushMember, n, async () => {
    const container = await pushBox.folderId(module.containerName);
    return container !== null && (await pushBox.count(container)) >= n;
  });

  // Pull: the container exists on the Office side with N items before the member enables the module.
  const pullBox = module.remote(ctx, pullUser);
  const pullFolderId = await pullBox.ensureFolder(module.containerName);
  await pullBox.createMany(
    pullFolderId,
    pullItems.map((i) => i.remote),
  );
  const naivePull = await new NaiveSync(graphRoot(ctx), () =>
    ctx.sandbox.token(pullUser.userPrincipalName, 'graph'),
  ).pull(module.itemsPath(pullUser.id, pullFolderId));
  const pullMember = await ctx.tandem.addMember(ctx.orgId, pullUser);
  const pull = await measureEnable(ctx, module, pullMember, n, async () => {
    return (await module.countCrm(ctx.tandem.tandem.db, ctx.orgId, pullMember.userId)) >= n;
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

/** Enables the member's module and measures Tandem until the data has arrived. */
async function measureEnable(
  ctx: BenchContext,
  module: BenchModule,
  member: BenchMember,
  items: number,
  arrived: () => Promise<boolean>,
): Promise<TandemFigures> {
  await ctx.sandbox.tool('DELETE', '/metrics');
  ctx.counter.take();
  const started = Date.now();
  try {
    await ctx.tandem.api(member, 'PUT', `/sync/${module.key}`, { enabled: true });
    await waitConverged(ctx.tandem, member, started, arrived, 120_000 + items * 120, module.key);
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
