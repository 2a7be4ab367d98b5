import { sql } from 'drizzle-orm';
import {
  customType,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../../tenancy/tenancy.table.js';
import { SYNC_MODULES } from '../module-settings.table.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * What the maintenance worker must do next for a subscription:
 * - `active`: renew when `renew_at` passes;
 * - `reauthorize`: Graph sent `reauthorizationRequired`;
 * - `recreate`: the subscription is gone at Graph (`subscriptionRemoved`, 404 on renew), or could
 *   not be created yet (`subscription_id` null: Graph refused or failed; retried with backoff).
 */
export const SUBSCRIPTION_STATUSES = ['active', 'reauthorize', 'recreate'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * One Graph change-notification subscription per (org, user, module). The clientState is never
 * stored, only its SHA-256; during a rotation the previous subscription id and clientState hash
 * stay accepted until `previous_until`. A row without `subscription_id` is a subscription Tandem
 * wants but Graph has not granted yet: no notification can match it.
 */
export const graphSubscriptions = pgTable(
  'graph_subscriptions',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').notNull(),
    module: text('module', { enum: SYNC_MODULES }).notNull(),
    /** Entra tenant of the mailbox: notifications must carry the same `tenantId`. */
    tenantId: uuid('tenant_id').notNull(),
    /** Object id of the mailbox the resource lives in. */
    mailbox: text('mailbox').notNull(),
    /** Graph's id; null while creation is still to be retried. */
    subscriptionId: text('subscription_id'),
    resource: text('resource').notNull(),
    clientStateHash: bytea('client_state_hash'),
    previousSubscriptionId: text('previous_subscription_id'),
    previousClientStateHash: bytea('previous_client_state_hash'),
    previousUntil: timestamp('previous_until', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** When the maintenance worker next looks at it (renewal at ≤ 75 % of the lifetime, or a retry). */
    renewAt: timestamp('renew_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull().default('active'),
    /** Consecutive failed maintenance attempts (backoff). */
    failures: integer('failures').notNull().default(0),
    lastError: text('last_error'),
    /** When the clientState was generated (rotation age). */
    clientStateAt: timestamp('client_state_at', { withTimezone: true }).notNull().defaultNow(),
    /** Last accepted notification that requested a run (at most one write per coalescing window). */
    lastNotificationAt: timestamp('last_notification_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('graph_subscriptions_target').on(t.orgId, t.userId, t.module),
    unique('graph_subscriptions_subscription_id').on(t.subscriptionId),
    index('graph_subscriptions_previous_id')
      .on(t.previousSubscriptionId)
      .where(sql`${t.previousSubscriptionId} is not null`),
    index('graph_subscriptions_renew_at').on(t.renewAt),
    foreignKey({
      name: 'graph_subscriptions_user_fk',
      columns: [t.orgId, t.userId],
      foreignColumns: [users.orgId, users.id],
    }),
  ],
);

export type GraphSubscriptionRow = typeof graphSubscriptions.$inferSelect;
