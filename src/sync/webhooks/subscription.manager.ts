import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { SubscriptionLifecycle, SyncTarget, SyncTrigger } from '../engine/sync-contract.js';
import { GraphCallError, type GraphAuth, type GraphPort } from '../graph/graph-port.js';
import { hashClientState, newClientState } from './client-state.js';
import type { GraphSubscriptionRepository } from './graph-subscription.repo.js';
import type { GraphSubscriptionRow } from './graph-subscription.table.js';
import {
  renewalTime,
  requestedExpiry,
  retryTime,
  rotationDue,
  type SubscriptionPolicy,
} from './subscription.policy.js';

/** Where Graph posts: both URLs on Tandem's public base URL. */
export interface WebhookUrls {
  notificationUrl: string;
  lifecycleNotificationUrl: string;
}

export interface SubscriptionManagerDeps {
  db: Database;
  repo: GraphSubscriptionRepository;
  graph: GraphPort;
  trigger: SyncTrigger;
  urls: () => WebhookUrls;
  policy: SubscriptionPolicy;
  logger: Logger;
  now?: () => Date;
  /** Called after a subscription was created, replaced or removed (the receiver's lookup forgets). */
  changed?: () => void;
}

interface GraphSubscription {
  id: string;
  expirationDateTime: string;
}

const targetOf = (row: GraphSubscriptionRow): SyncTarget => ({
  orgId: row.orgId,
  userId: row.userId,
  module: row.module,
});
const appAuth = (tenantId: string): GraphAuth => ({ kind: 'app', tenantId });
const isNotFound = (err: unknown) => err instanceof GraphCallError && err.code === 'NOT_FOUND';

/**
 * Keeps one Graph subscription per (user, module) alive: creates it (app-only), renews it before
 * it expires, reauthorizes it, recreates it when Graph dropped it (then asks for a resync, since
 * notifications were lost), rotates its clientState, and deletes it when the module is disabled.
 */
export class SubscriptionManager implements SubscriptionLifecycle {
  private readonly now: () => Date;

  constructor(private readonly deps: SubscriptionManagerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Keeps a live subscription on the same resource; otherwise replaces it. When Graph refuses or
   * fails, the wish is stored and the worker retries with backoff: enabling a module never fails
   * for want of push (the delta backstop and "sync now" still work meanwhile).
   */
  async ensure(target: SyncTarget, tenantId: string, mailbox: string, resource: string): Promise<void> {
    const { db, repo } = this.deps;
    const where = { tenantId: tenantId.toLowerCase(), mailbox, resource };
    const existing = await db.scoped(target.orgId, (tx) => repo.forTarget(tx, target));
    const same =
      existing?.subscriptionId &&
      existing.resource === resource &&
      existing.mailbox.toLowerCase() === mailbox.toLowerCase() &&
      existing.tenantId === where.tenantId &&
      existing.status === 'active' &&
      existing.expiresAt &&
      existing.expiresAt > this.now();
    if (same) return;
    try {
      if (existing?.subscriptionId)
        await this.deleteAtGraph(existing.tenantId, existing.mailbox, existing.subscriptionId);
      await this.create(target, where, undefined);
    } catch (err) {
      if (!(err instanceof GraphCallError)) throw err;
      await this.savePending(target, where, err);
    }
  }

  async remove(target: SyncTarget): Promise<void> {
    const { db, repo } = this.deps;
    const existing = await db.scoped(target.orgId, (tx) => repo.forTarget(tx, target));
    if (!existing) return;
    if (existing.subscriptionId)
      await this.deleteAtGraph(existing.tenantId, existing.mailbox, existing.subscriptionId);
    if (existing.previousSubscriptionId)
      await this.deleteAtGraph(existing.tenantId, existing.mailbox, existing.previousSubscriptionId);
    await db.scoped(target.orgId, (tx) => repo.remove(tx, target));
    this.deps.changed?.();
  }

  /**
   * Does what a claimed subscription needs (worker): recreate, reauthorize (a renewal also
   * reauthorizes), rotate, or renew. A failure is recorded and retried with backoff.
   */
  async maintain(row: GraphSubscriptionRow): Promise<void> {
    try {
      if (row.status === 'recreate' || !row.subscriptionId) await this.recreate(row, { resync: true });
      else if (row.status === 'active' && rotationDue(this.deps.policy, this.now(), row.clientStateAt))
        await this.recreate(row, { resync: false });
      else await this.renew(row, row.subscriptionId);
    } catch (err) {
      await this.recordFailure(row, err);
    }
  }

  private async renew(row: GraphSubscriptionRow, subscriptionId: string): Promise<void> {
    const now = this.now();
    let renewed: GraphSubscription;
    try {
      const res = await this.deps.graph.call<GraphSubscription>(appAuth(row.tenantId), row.mailbox, {
        method: 'PATCH',
        url: `/subscriptions/${encodeURIComponent(subscriptionId)}`,
        body: { expirationDateTime: requestedExpiry(this.deps.policy, now).toISOString() },
        idempotent: true,
      });
      renewed = res.body;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      this.deps.logger.info({ ...targetOf(row) }, 'Graph subscription gone at renewal: recreating it');
      return this.recreate(row, { resync: true });
    }
    const expiresAt = new Date(renewed.expirationDateTime);
    await this.deps.db.scoped(row.orgId, (tx) =>
      this.deps.repo.update(tx, row.id, {
        expiresAt,
        renewAt: renewalTime(this.deps.policy, now, expiresAt),
        status: 'active',
        failures: 0,
        lastError: null,
      }),
    );
  }

  /**
   * A new subscription (new clientState) replaces the row's; the old id and clientState stay
   * accepted for the overlap, then the old one is deleted at Graph. `resync` when notifications
   * may have been lost (Graph removed it, it expired).
   */
  private async recreate(row: GraphSubscriptionRow, options: { resync: boolean }): Promise<void> {
    const target = targetOf(row);
    if (!(await this.create(target, row, row))) return;
    if (options.resync) await this.deps.trigger.requestRun(target, 'resync');
    if (!row.subscriptionId) return;
    try {
      await this.deleteAtGraph(row.tenantId, row.mailbox, row.subscriptionId);
    } catch (err) {
      // It expires by itself within the lifetime; its notifications stop being accepted after the overlap.
      this.deps.logger.warn({ err, ...target }, 'replaced Graph subscription could not be deleted');
    }
  }

  /**
   * Creates the subscription at Graph and stores it: as the target's row (`ensure`), or in place of
   * the row being `replacing` (worker). When that row was removed meanwhile (the module was
   * disabled), the new subscription is deleted again and false returned.
   */
  private async create(
    target: SyncTarget,
    where: { tenantId: string; mailbox: string; resource: string },
    replacing: GraphSubscriptionRow | undefined,
  ): Promise<boolean> {
    const { graph, policy, db, repo } = this.deps;
    const urls = this.deps.urls();
    const now = this.now();
    const clientState = newClientState();
    const res = await graph.call<GraphSubscription>(appAuth(where.tenantId), where.mailbox, {
      method: 'POST',
      url: '/subscriptions',
      body: {
        changeType: 'created,updated,deleted',
        notificationUrl: urls.notificationUrl,
        lifecycleNotificationUrl: urls.lifecycleNotificationUrl,
        resource: where.resource,
        expirationDateTime: requestedExpiry(policy, now).toISOString(),
        clientState,
      },
    });
    const expiresAt = new Date(res.body.expirationDateTime);
    const previous = replacing?.subscriptionId ? replacing : undefined;
    const fields = {
      subscriptionId: res.body.id,
      clientStateHash: hashClientState(clientState),
      clientStateAt: now,
      previousSubscriptionId: previous?.subscriptionId ?? null,
      previousClientStateHash: previous?.clientStateHash ?? null,
      previousUntil: previous ? new Date(now.getTime() + policy.overlapMs) : null,
      expiresAt,
      renewAt: renewalTime(policy, now, expiresAt),
      status: 'active' as const,
      failures: 0,
      lastError: null,
    };
    const stored = await db.scoped(target.orgId, (tx) =>
      replacing
        ? repo.update(tx, replacing.id, fields)
        : repo.save(tx, { id: newId(), ...target, ...where, ...fields }),
    );
    this.deps.changed?.();
    if (!stored) {
      await this.deleteAtGraph(where.tenantId, where.mailbox, res.body.id);
      return false;
    }
    this.deps.logger.info({ ...target, expiresAt }, 'Graph subscription created');
    return true;
  }

  /** Remembers a subscription Graph did not grant, for the worker to create later. */
  private async savePending(
    target: SyncTarget,
    where: { tenantId: string; mailbox: string; resource: string },
    err: GraphCallError,
  ): Promise<void> {
    const renewAt = retryTime(this.deps.policy, this.now(), 1, null);
    this.deps.logger.warn(
      { err, ...target, retryAt: renewAt },
      'Graph subscription could not be created: retrying later',
    );
    await this.deps.db.scoped(target.orgId, (tx) =>
      this.deps.repo.save(tx, {
        id: newId(),
        ...target,
        ...where,
        subscriptionId: null,
        clientStateHash: null,
        previousSubscriptionId: null,
        previousClientStateHash: null,
        previousUntil: null,
        expiresAt: null,
        renewAt,
        status: 'recreate',
        failures: 1,
        lastError: err.code,
      }),
    );
    this.deps.changed?.();
  }

  private async deleteAtGraph(tenantId: string, mailbox: string, subscriptionId: string): Promise<void> {
    try {
      await this.deps.graph.call(appAuth(tenantId), mailbox, {
        method: 'DELETE',
        url: `/subscriptions/${encodeURIComponent(subscriptionId)}`,
        idempotent: true,
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private async recordFailure(row: GraphSubscriptionRow, err: unknown): Promise<void> {
    const failures = row.failures + 1;
    const code = err instanceof GraphCallError ? err.code : 'UNKNOWN';
    const renewAt = retryTime(this.deps.policy, this.now(), failures, row.expiresAt);
    this.deps.logger.warn(
      { err, ...targetOf(row), status: row.status, failures, retryAt: renewAt },
      'Graph subscription maintenance failed',
    );
    await this.deps.db.scoped(row.orgId, (tx) =>
      this.deps.repo.update(tx, row.id, { failures, lastError: code, renewAt }),
    );
  }
}
