import { and, eq, inArray, lte, or } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import type { SyncTarget } from '../engine/sync-contract.js';
import {
  graphSubscriptions,
  type GraphSubscriptionRow,
  type SubscriptionStatus,
} from './graph-subscription.table.js';

export type NewGraphSubscription = typeof graphSubscriptions.$inferInsert;
export type GraphSubscriptionPatch = Partial<
  Omit<NewGraphSubscription, 'id' | 'orgId' | 'userId' | 'module' | 'createdAt'>
>;

const ofTarget = (target: SyncTarget) =>
  and(
    eq(graphSubscriptions.orgId, target.orgId),
    eq(graphSubscriptions.userId, target.userId),
    eq(graphSubscriptions.module, target.module),
  );

/**
 * Graph subscriptions. Methods taking a scoped transaction see one organisation (row-level
 * security); `findByGraphId` and `claimDue` are for `db.system` (the receiver and the maintenance
 * worker start without an organisation).
 */
export class GraphSubscriptionRepository {
  async forTarget(tx: Tx, target: SyncTarget): Promise<GraphSubscriptionRow | undefined> {
    const [row] = await tx.select().from(graphSubscriptions).where(ofTarget(target));
    return row;
  }

  /** The organisation's subscriptions (visible to that organisation only). */
  async forOrg(tx: Tx, orgId: string): Promise<GraphSubscriptionRow[]> {
    return tx.select().from(graphSubscriptions).where(eq(graphSubscriptions.orgId, orgId));
  }

  /** Inserts the target's subscription, replacing a previous one of the same target. */
  async save(tx: Tx, values: NewGraphSubscription): Promise<GraphSubscriptionRow> {
    const { id: _id, orgId: _o, userId: _u, module: _m, createdAt: _c, ...set } = values;
    const [row] = await tx
      .insert(graphSubscriptions)
      .values(values)
      .onConflictDoUpdate({
        target: [graphSubscriptions.orgId, graphSubscriptions.userId, graphSubscriptions.module],
        set: { ...set, updatedAt: new Date() },
      })
      .returning();
    return row!;
  }

  async update(tx: Tx, id: string, patch: GraphSubscriptionPatch): Promise<GraphSubscriptionRow | undefined> {
    const [row] = await tx
      .update(graphSubscriptions)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(graphSubscriptions.id, id))
      .returning();
    return row;
  }

  async remove(tx: Tx, target: SyncTarget): Promise<void> {
    await tx.delete(graphSubscriptions).where(ofTarget(target));
  }

  /** The subscription a notification names: its current id, or the previous one during a rotation. */
  async findByGraphId(tx: Tx, subscriptionIds: string[]): Promise<GraphSubscriptionRow[]> {
    if (subscriptionIds.length === 0) return [];
    return tx
      .select()
      .from(graphSubscriptions)
      .where(
        or(
          inArray(graphSubscriptions.subscriptionId, subscriptionIds),
          inArray(graphSubscriptions.previousSubscriptionId, subscriptionIds),
        ),
      );
  }

  /**
   * Claims up to `limit` subscriptions whose `renew_at` has passed by pushing it `leaseMs` ahead,
   * so that another worker (or instance) skips them while this one works; rows locked by another
   * transaction are skipped.
   */
  async claimDue(tx: Tx, now: Date, leaseMs: number, limit: number): Promise<GraphSubscriptionRow[]> {
    const due = tx
      .select({ id: graphSubscriptions.id })
      .from(graphSubscriptions)
      .where(lte(graphSubscriptions.renewAt, now))
      .orderBy(graphSubscriptions.renewAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    return tx
      .update(graphSubscriptions)
      .set({ renewAt: new Date(now.getTime() + leaseMs) })
      .where(inArray(graphSubscriptions.id, due))
      .returning();
  }

  /** Asks the worker to act on the subscription now (`reauthorize`, `recreate`). */
  async schedule(tx: Tx, id: string, status: SubscriptionStatus, at: Date): Promise<void> {
    await tx
      .update(graphSubscriptions)
      .set({ status, renewAt: at, updatedAt: new Date() })
      .where(eq(graphSubscriptions.id, id));
  }

  async markNotified(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.update(graphSubscriptions).set({ lastNotificationAt: at }).where(eq(graphSubscriptions.id, id));
  }
}
