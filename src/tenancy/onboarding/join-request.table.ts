import { sql } from 'drizzle-orm';
import { foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, profiles, users } from '../tenancy.table.js';

export const JOIN_REQUEST_STATES = ['pending', 'approved', 'declined', 'withdrawn'] as const;

/**
 * A tenant user's request to join the organisation of their tenant (PRODUCT §2 Case 2). Decided
 * once, by compare-and-set from `pending`; at most one pending request per requester and organisation.
 */
export const joinRequests = pgTable(
  'join_requests',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    tenantId: uuid('tenant_id').notNull(),
    requesterObjectId: uuid('requester_object_id').notNull(),
    requesterUpn: text('requester_upn').notNull(),
    requesterDisplayName: text('requester_display_name').notNull(),
    message: text('message'),
    status: text('status', { enum: JOIN_REQUEST_STATES }).notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The profile given on approval. */
    profileId: uuid('profile_id'),
    declineReason: text('decline_reason'),
    /** The member created on approval. */
    memberUserId: uuid('member_user_id'),
  },
  (t) => [
    foreignKey({
      name: 'join_requests_decided_by_fk',
      columns: [t.orgId, t.decidedBy],
      foreignColumns: [users.orgId, users.id],
    }),
    foreignKey({
      name: 'join_requests_profile_fk',
      columns: [t.orgId, t.profileId],
      foreignColumns: [profiles.orgId, profiles.id],
    }),
    uniqueIndex('join_requests_one_pending')
      .on(t.orgId, t.requesterObjectId)
      .where(sql`${t.status} = 'pending'`),
    index('join_requests_org_created').on(t.orgId, t.createdAt),
    index('join_requests_requester_created').on(t.orgId, t.requesterObjectId, t.createdAt),
  ],
);

export type JoinRequestRow = typeof joinRequests.$inferSelect;
