import type { OwnWrites } from './own-writes.js';
import type { Database, Tx } from '../../platform/db/database.js';
import { GraphCallError, type GraphRequest } from '../graph/graph-port.js';
import type { MemberRecords } from './member-records.js';
import type { PushConflicts } from './push-conflicts.js';
import { tagOf, versionOf } from './item-tag.js';
import { planEntries, type WritePlan } from './push-plan.js';
import { findByTag, PushSettler, type Settled } from './push-settle.js';
import type { SyncJournalRepository } from './sync-journal.repo.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { SyncStateRepository } from './sync-state.repo.js';
import type { RunContext } from './sync-run-context.js';
import { hashValues } from './sync-values.js';
import { withoutUnwritten, withUnwritten } from './sync-resource.js';

export interface PushDeps {
  db: Database;
  links: SyncLinkRepository;
  journal: SyncJournalRepository;
  memberRecords: MemberRecords;
  conflicts: PushConflicts;
  /** The run's lease is renewed before each batch (a long push outlives one lease otherwise). */
  states: SyncStateRepository;
  leaseSeconds: number;
  /** Remembers the versions written, so their change notifications start no run. */
  ownWrites?: OwnWrites;
}

const BATCH = 20;
/** Outbox entries planned at once: memory stays bounded whatever the backlog. */
const PAGE = 1_000;

/**
 * CRM → Office 365: drains the outbox. Creates write a pending-create link first and carry the CRM
 * id in the resource's tag property, so a lost response is resolved by looking the item up by tag,
 * never by posting twice. Updates PATCH only the fields changed since the base, with `If-Match`;
 * a stale version is refetched, merged and retried (see {@link PushConflicts}). Writes go in
 * `$batch`es; each batch costs two transactions (lease and pending creates before, answers after).
 */
export class PushPhase {
  private readonly settler: PushSettler;

  constructor(private readonly deps: PushDeps) {
    this.settler = new PushSettler(deps);
  }

  /** Pending creates whose response was lost: adopt the item carrying the tag, if it exists. */
  async resolvePendingCreates(run: RunContext): Promise<void> {
    const pending = await this.scoped(run, (tx) => this.deps.links.pendingCreates(tx, run.target));
    for (const link of pending) {
      const found = await findByTag(run, link.crmId);
      await this.scoped(run, (tx) =>
        found
          ? this.deps.links.update(tx, link, {
              remoteId: String(found.id),
              remoteVersion: versionOf(found),
              pendingCreateAt: null,
            })
          : this.deps.links.remove(tx, link),
      );
    }
  }

  /** Drains the outbox page by page; an entry that fails stays queued for the next run. */
  async run(run: RunContext): Promise<void> {
    const failed: string[] = [];
    for (;;) {
      const { writes, more } = await this.scoped(run, async (tx) => {
        const entries = await this.deps.links.pending(tx, run.target, PAGE, failed);
        const plans = await planEntries(tx, run, this.deps, entries);
        await this.deps.links.doneMany(
          tx,
          plans.filter((p) => p.kind === 'done').map((p) => p.entry),
        );
        return {
          writes: plans.filter((p): p is WritePlan => p.kind !== 'done'),
          more: entries.length === PAGE,
        };
      });
      for (let i = 0; i < writes.length; i += BATCH)
        failed.push(...(await this.sendBatch(run, writes.slice(i, i + BATCH))));
      if (!more) return;
    }
  }

  /** One `$batch` and its answers; the ids of the entries that failed. */
  private async sendBatch(run: RunContext, plans: WritePlan[]): Promise<string[]> {
    await this.scoped(run, (tx) => this.beforeBatch(tx, run, plans));
    const { graph, auth, mailbox } = run.mailbox;
    const answers = await graph.batch(
      auth,
      mailbox,
      plans.map((p) => this.request(run, p)),
    );
    const { settled, failure } = await this.settler.settle(run, plans, answers);
    const completing = this.unconfirmed(run, plans, settled);
    await this.scoped(run, (tx) => this.settler.write(tx, run, settled, new Set(completing.keys())));
    if (failure) throw failure;
    const versions = await this.afterWrites(run, plans, settled);
    // Completed (or refused, journaled): the fields are confirmed and the entries done; the item's
    // version is the one after the hook's writes (a series master's changes with its occurrences).
    if (completing.size)
      await this.scoped(run, async (tx) => {
        for (const [s, base] of completing) {
          const version = versions.get(s);
          await this.deps.links.upsert(tx, run.target, s.entry.crmId, {
            base: withoutUnwritten(base),
            ...(version ? { remoteVersion: version } : {}),
          });
        }
        await this.deps.links.doneMany(
          tx,
          [...completing.keys()].map((s) => s.entry),
        );
      });
    return settled.filter((s) => s.failed).map((s) => s.entry.id);
  }

  /**
   * The written items whose `afterWriteFields` changed: their base is marked
   * with those fields unwritten (in place, before it is committed) and their entries stay queued
   * until the hook has run. Each with the base it is to have once confirmed.
   */
  private unconfirmed(run: RunContext, plans: WritePlan[], settled: Settled[]) {
    const fields = run.resource.afterWrite ? (run.resource.afterWriteFields ?? []) : [];
    const out = new Map<Settled, Record<string, unknown>>();
    if (!fields.length) return out;
    for (const s of settled) {
      const plan = plans.find((p) => p.entry.id === s.entry.id);
      if (s.failed || !plan || plan.kind === 'delete') continue;
      const changed = plan.kind === 'create' ? fields : fields.filter((f) => plan.changed.includes(f));
      const target = s.created ?? s.updated?.patch;
      if (!changed.length || !target?.base) continue;
      out.set(s, target.base);
      target.base = withUnwritten(target.base, changed);
    }
    return out;
  }

  /**
   * The resource's writes after its items' own (a series' occurrences). One Office 365 refuses is
   * the item's error, journaled (the next pull reads what Office 365 kept); a Graph failure stops
   * the run as any other does.
   */
  private async afterWrites(
    run: RunContext,
    plans: WritePlan[],
    settled: Settled[],
  ): Promise<Map<Settled, string>> {
    const versions = new Map<Settled, string>();
    const hook = run.resource.afterWrite;
    if (!hook) return versions;
    for (const s of settled) {
      const plan = plans.find((p) => p.entry.id === s.entry.id);
      const remoteId = s.created?.remoteId ?? s.updated?.link.remoteId;
      if (s.failed || !plan || plan.kind === 'delete' || !remoteId) continue;
      const changed = plan.kind === 'create' ? run.fields : plan.changed;
      try {
        const version = await hook.call(run.resource, run.mailbox, {
          remoteId,
          values: plan.values,
          changed,
        });
        if (version) {
          versions.set(s, version);
          this.deps.ownWrites?.remember(run.target, remoteId, version);
        }
      } catch (err) {
        if (err instanceof GraphCallError) throw err;
        const line = run.tally.error('item_completion_failed', 'Office 365 refused part of this change.', {
          crmId: plan.record.id,
          remoteId,
          label: run.resource.label(plan.values),
        });
        await this.scoped(run, (tx) => this.deps.journal.append(tx, run.target, run.runId, [line]));
      }
    }
    return versions;
  }

  /**
   * Keeps the lease while the outbox drains (a lease taken over, reaped, stops this run) and commits
   * the batch's pending-create markers before any of its POSTs leaves.
   */
  private async beforeBatch(tx: Tx, run: RunContext, plans: WritePlan[]): Promise<void> {
    const { states, leaseSeconds, links } = this.deps;
    if (!(await states.renewLease(tx, run.target, run.leaseOwner, leaseSeconds)))
      throw new Error('sync lease lost');
    await links.upsertMany(
      tx,
      run.target,
      plans.flatMap((p) =>
        p.kind === 'create'
          ? [
              {
                crmId: p.record.id,
                remoteId: null,
                remoteVersion: null,
                // Unconfirmed until the item and its completion are written (see afterWriteFields).
                base: withUnwritten(
                  p.values,
                  run.resource.afterWrite ? (run.resource.afterWriteFields ?? []) : [],
                ),
                baseHash: hashValues(p.values, run.fields),
                crmVersion: p.record.version,
                pendingCreateAt: new Date(),
              },
            ]
          : [],
      ),
    );
  }

  private request(run: RunContext, p: WritePlan): GraphRequest {
    const { resource, containerId, settings } = run;
    const { mailbox } = run.mailbox;
    if (p.kind === 'delete') {
      return {
        method: 'DELETE',
        url: resource.itemUrl(mailbox, containerId, p.link.remoteId!),
        idempotent: true,
      };
    }
    if (p.kind === 'create') {
      return {
        method: 'POST',
        url: resource.itemsUrl(mailbox, containerId).split('?')[0]!,
        body: {
          ...resource.remoteBody(p.values, settings),
          ...resource.createExtras?.(p.record.id, containerId),
          ...p.owned,
          ...tagOf(resource).createBody(p.record.id),
        },
      };
    }
    return {
      method: 'PATCH',
      url: resource.itemUrl(mailbox, containerId, p.link.remoteId!),
      body: {
        ...(p.changed.length ? resource.remoteBody(p.values, settings, p.changed) : {}),
        ...p.owned,
      },
      headers: p.link.remoteVersion ? { 'If-Match': `W/"${p.link.remoteVersion}"` } : {},
      idempotent: true,
    };
  }

  private scoped<T>(run: RunContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.deps.db.scoped(run.target.orgId, fn);
  }
}
