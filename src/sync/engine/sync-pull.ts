import type { Database, Tx } from '../../platform/db/database.js';
import { GraphCallError } from '../graph/graph-port.js';
import type { MemberRecords } from './member-records.js';
import type { PullApplier } from './pull-apply.js';
import type { DuplicateIndex } from './sync-resource.js';
import type { RunContext } from './sync-run-context.js';
import type { SyncLinkRow } from './sync-link.table.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { SyncStateRepository } from './sync-state.repo.js';

/** The container itself answered 404: it was deleted in Office 365. */
export class ContainerGoneError extends Error {
  constructor(readonly graphError: GraphCallError) {
    super('The sync container no longer exists in Office 365', { cause: graphError });
    this.name = 'ContainerGoneError';
  }
}

/** A run would delete more CRM records than the breaker allows: nothing was deleted. */
export interface MassDeletePause {
  count: number;
  threshold: number;
  remoteIds: string[];
}

export interface PullDeps {
  db: Database;
  links: SyncLinkRepository;
  states: SyncStateRepository;
  memberRecords: MemberRecords;
  applier: PullApplier;
  leaseSeconds: number;
  massDelete: { min: number; percent: number };
  /** The engine's clock (rounds' age, the window of a fresh round). */
  now: () => Date;
}

/**
 * Office 365 → CRM: one delta round over the container, each page applied in its own transaction,
 * the delta link stored only with the last page's changes (same transaction). A lost delta link
 * (410 / SyncStateNotFound, also mid-paging) discards the partial round and re-enumerates the
 * container; links the enumeration did not see are confirmed gone (GET → 404) before they count as
 * deletions (mark and sweep).
 */
export class PullPhase {
  constructor(private readonly deps: PullDeps) {}

  async run(run: RunContext): Promise<MassDeletePause | undefined> {
    const now = this.deps.now();
    const fresh = () => run.resource.deltaUrl(run.mailbox.mailbox, run.containerId, now);
    const drop = () =>
      this.deps.db.scoped(run.target.orgId, (tx) =>
        this.deps.states.update(tx, run.target, { deltaLink: null }),
      );
    // A round older than the resource allows starts afresh, as after a 410 (its window moves).
    const aged = run.deltaLink !== null && roundAged(run, now);
    if (aged) await drop();
    const resume = aged ? null : run.deltaLink;
    try {
      return await this.round(run, resume ?? fresh(), resume === null, now);
    } catch (err) {
      if (!(err instanceof GraphCallError) || err.code !== 'CURSOR_EXPIRED') throw err;
      await drop();
      return this.round(run, fresh(), true, now);
    }
  }

  /** `full`: a fresh round begun at `now` (kept with its delta link), else the stored round going on. */
  private async round(
    run: RunContext,
    url: string,
    full: boolean,
    now: Date,
  ): Promise<MassDeletePause | undefined> {
    const { graph, auth, mailbox } = run.mailbox;
    const seen = new Set<string>();
    const deletions: SyncLinkRow[] = [];
    let duplicates: DuplicateIndex | undefined;
    const tagRound = {};
    const regroupRound = new Set<string>();
    try {
      for await (const page of graph.pages(auth, mailbox, url, { ...run.resource.readHeaders })) {
        const raw = page.items as Record<string, unknown>[];
        const items = run.resource.regroup
          ? await run.resource.regroup(
              run.mailbox,
              { containerId: run.containerId, items: raw },
              regroupRound,
            )
          : raw;
        // Only a full enumeration sweeps (links it did not see): an incremental round keeps no ids.
        if (full) for (const item of items) if (!item['@removed']) seen.add(String(item.id));
        const tags = await this.deps.applier.tagsOfUnlinked(run, items, tagRound);
        if (
          items.some(
            (i) => !i['@removed'] && !tags.linked.has(String(i.id)) && !tags.crmIds.has(String(i.id)),
          )
        ) {
          duplicates ??= await this.deps.db.scoped(run.target.orgId, (tx) =>
            this.deps.memberRecords.duplicates(tx, run.member.actor, run.resource),
          );
        }
        if (!page.deltaLink) {
          await this.inPage(run, async (tx) => {
            await this.deps.applier.applyItems(tx, run, items, tags.crmIds, duplicates, deletions);
          });
          continue;
        }
        if (full) deletions.push(...(await this.sweep(run, seen)));
        const link = { deltaLink: page.deltaLink, ...(full ? { deltaRoundAt: now } : {}) };
        return await this.finish(run, link, items, tags.crmIds, duplicates, deletions);
      }
    } catch (err) {
      if (err instanceof GraphCallError && err.code === 'NOT_FOUND') throw new ContainerGoneError(err);
      throw err;
    }
    return undefined;
  }

  /** The last page: its items, the deletions (unless the breaker trips) and the delta link, together. */
  private async finish(
    run: RunContext,
    link: { deltaLink: string; deltaRoundAt?: Date },
    items: Record<string, unknown>[],
    tagged: Map<string, string>,
    duplicates: DuplicateIndex | undefined,
    deletions: SyncLinkRow[],
  ): Promise<MassDeletePause | undefined> {
    const deleteCrm = run.settings.options.deleteCrmOnRemoteDelete === true;
    let pause: MassDeletePause | undefined;
    await this.inPage(run, async (tx) => {
      await this.deps.applier.applyItems(tx, run, items, tagged, duplicates, deletions);
      const unique = [...new Map(deletions.map((d) => [d.id, d])).values()];
      if (deleteCrm && unique.length) {
        const linked = await this.deps.links.count(tx, run.target);
        const threshold = Math.max(
          this.deps.massDelete.min,
          Math.ceil((linked * this.deps.massDelete.percent) / 100),
        );
        if (unique.length > threshold) {
          pause = { count: unique.length, threshold, remoteIds: unique.map((d) => d.remoteId!) };
          return;
        }
      }
      for (const link of unique) await this.deps.applier.applyDeletion(tx, run, link, deleteCrm);
      await this.deps.states.update(tx, run.target, link);
    });
    return pause;
  }

  /** Linked items a full enumeration did not return, confirmed deleted by a 404. */
  private async sweep(run: RunContext, seen: Set<string>): Promise<SyncLinkRow[]> {
    const links = await this.deps.db.scoped(run.target.orgId, (tx) => this.deps.links.all(tx, run.target));
    const missing = links.filter((l) => l.remoteId && !seen.has(l.remoteId));
    if (!missing.length) return [];
    const { graph, auth, mailbox } = run.mailbox;
    const answers = await graph.batch(
      auth,
      mailbox,
      missing.map((l) => ({
        method: 'GET' as const,
        url: `${run.resource.itemUrl(mailbox, run.containerId, l.remoteId!)}?$select=id`,
        idempotent: true,
      })),
    );
    return missing.filter((_, i) => {
      const answer = answers[i];
      return answer instanceof GraphCallError && answer.code === 'NOT_FOUND';
    });
  }

  private async inPage(run: RunContext, fn: (tx: Tx) => Promise<void>): Promise<void> {
    await this.deps.db.scoped(run.target.orgId, async (tx) => {
      if (!(await this.deps.states.renewLease(tx, run.target, run.leaseOwner, this.deps.leaseSeconds))) {
        throw new Error('sync lease lost');
      }
      await fn(tx);
    });
  }
}

/** Whether the stored round is older than the resource allows (a round of unknown age is). */
function roundAged(run: RunContext, now: Date): boolean {
  const max = run.resource.roundMaxAgeMs;
  if (max === undefined) return false;
  return run.deltaRoundAt === null || now.getTime() - run.deltaRoundAt.getTime() >= max;
}
