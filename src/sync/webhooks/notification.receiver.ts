import type { Database } from '../../platform/db/database.js';
import type { OwnWrites } from '../engine/own-writes.js';
import type { SyncTarget, SyncTrigger } from '../engine/sync-contract.js';
import { clientStateMatches } from './client-state.js';
import type { GraphSubscriptionRepository } from './graph-subscription.repo.js';
import type { GraphSubscriptionRow } from './graph-subscription.table.js';
import {
  LIFECYCLE_EVENTS,
  notificationItem,
  notifiedVersion,
  type LifecycleEvent,
  type NotificationItem,
} from './notification.schema.js';
import { resourceBelongs } from './notified-resource.js';
import type { RunCoalescer } from './run-coalescer.js';
import type { SubscriptionLookup } from './subscription-lookup.js';
import type { DropReason, SecurityEvents } from './security-events.js';

export interface NotificationReceiverDeps {
  db: Database;
  repo: GraphSubscriptionRepository;
  lookup: SubscriptionLookup;
  trigger: SyncTrigger;
  coalescer: RunCoalescer;
  /** Tandem's own last writes: their notifications (echoes) start no run. */
  ownWrites?: OwnWrites;
  security: SecurityEvents;
  /** Wakes the maintenance worker after a lifecycle event was recorded. */
  wakeMaintenance: () => void;
  now?: () => Date;
}

type Verdict =
  { ok: true; row: GraphSubscriptionRow; viaPrevious: boolean } | { ok: false; reason: DropReason };

const targetOf = (row: GraphSubscriptionRow): SyncTarget => ({
  orgId: row.orgId,
  userId: row.userId,
  module: row.module,
});

/**
 * Turns authentic notifications into requests for work, and drops the rest (RELIABILITY §3):
 * a notification only schedules a debounced delta run of its subscription's (user, module) and
 * carries no data. Lifecycle events are recorded for the maintenance worker (or, for `missed`,
 * request a resync). Resolves once everything accepted is persisted, so the caller may answer 202.
 */
export class NotificationReceiver {
  private readonly now: () => Date;

  constructor(private readonly deps: NotificationReceiverDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async receive(entries: unknown[]): Promise<void> {
    const items: NotificationItem[] = [];
    for (const entry of entries) {
      const parsed = notificationItem.safeParse(entry);
      if (parsed.success) items.push(parsed.data);
      else this.deps.security.dropped('malformed', {});
    }
    const ids = [...new Set(items.map((i) => i.subscriptionId))];
    const rows = ids.length ? await this.deps.lookup.rows(ids) : [];
    const work: Promise<void>[] = [];
    for (const item of items) {
      const verdict = this.check(item, rows);
      if (!verdict.ok) {
        this.deps.security.dropped(verdict.reason, item);
        continue;
      }
      work.push(this.act(item, verdict.row, verdict.viaPrevious));
    }
    await Promise.all(work);
  }

  /** Every check fails closed; the clientState comparison runs on hashes in constant time. */
  private check(item: NotificationItem, rows: GraphSubscriptionRow[]): Verdict {
    const now = this.now();
    const current = rows.find((r) => r.subscriptionId === item.subscriptionId);
    const previous = current
      ? undefined
      : rows.find(
          (r) => r.previousSubscriptionId === item.subscriptionId && r.previousUntil && r.previousUntil > now,
        );
    const row = current ?? previous;
    if (!row) return { ok: false, reason: 'unknown_subscription' };
    if (item.tenantId.toLowerCase() !== row.tenantId) return { ok: false, reason: 'tenant_mismatch' };
    const expected = current ? row.clientStateHash : row.previousClientStateHash;
    if (!expected || typeof item.clientState !== 'string' || !clientStateMatches(item.clientState, expected))
      return { ok: false, reason: 'client_state_mismatch' };
    if (!item.lifecycleEvent && !(item.resource && resourceBelongs(item.resource, row.mailbox, row.module)))
      return { ok: false, reason: 'resource_mismatch' };
    return { ok: true, row, viaPrevious: !current };
  }

  private async act(item: NotificationItem, row: GraphSubscriptionRow, viaPrevious: boolean): Promise<void> {
    const event = item.lifecycleEvent;
    if (!event) return this.isEcho(item, row) ? undefined : this.requestRun(row, 'notification');
    if (!(LIFECYCLE_EVENTS as readonly string[]).includes(event)) {
      this.deps.security.dropped('malformed', item);
      return;
    }
    if (viaPrevious) {
      // A replaced subscription's lifecycle is over: acting on it would recreate a live one.
      this.deps.security.dropped('stale_lifecycle', item);
      return;
    }
    if (event === 'missed') return this.requestRun(row, 'resync');
    await this.deps.coalescer.offer(`${row.id}:${event}`, 'resync', () =>
      this.schedule(row, event as Exclude<LifecycleEvent, 'missed'>),
    );
  }

  /** The item is at exactly the version Tandem wrote: nothing to pull (a run would find nothing new). */
  private isEcho(item: NotificationItem, row: GraphSubscriptionRow): boolean {
    const notified = notifiedVersion(item);
    return !!notified && !!this.deps.ownWrites?.isOwn(targetOf(row), notified.remoteId, notified.version);
  }

  private requestRun(row: GraphSubscriptionRow, reason: 'notification' | 'resync'): Promise<void> {
    return this.deps.coalescer.offer(`${row.id}:run`, reason, async (coalesced) => {
      await this.deps.trigger.requestRun(targetOf(row), coalesced);
      await this.deps.db.scoped(row.orgId, (tx) => this.deps.repo.markNotified(tx, row.id, this.now()));
    });
  }

  /** Persists what the worker must do, then wakes it; a pending recreate is never downgraded. */
  private async schedule(row: GraphSubscriptionRow, event: Exclude<LifecycleEvent, 'missed'>): Promise<void> {
    const status = event === 'subscriptionRemoved' || row.status === 'recreate' ? 'recreate' : 'reauthorize';
    await this.deps.db.scoped(row.orgId, (tx) => this.deps.repo.schedule(tx, row.id, status, this.now()));
    this.deps.lookup.clear();
    this.deps.wakeMaintenance();
  }
}
