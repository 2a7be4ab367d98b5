import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../tenancy.table.js';

export const AUDIT_OUTCOMES = ['success', 'refused'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * The onboarding audit trail (RELIABILITY §5): who invited, approved, declined or changed whom,
 * and every security refusal. Append-only: the application role may only SELECT and INSERT it.
 * Times are UTC; actor, target, outcome, request id and client IP each have their own column.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorTenantId: uuid('actor_tenant_id'),
    actorObjectId: uuid('actor_object_id'),
    /** The member who acted; null for a non-member (a requester, an invitee, a refused caller). */
    actorUserId: uuid('actor_user_id'),
    actorDisplayName: text('actor_display_name'),
    action: text('action').notNull(),
    targetKind: text('target_kind').notNull(),
    targetId: text('target_id').notNull(),
    targetLabel: text('target_label'),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    /** A stable code (refusal code, profile change `standard→manager`…), never personal data. */
    detail: text('detail'),
    requestId: text('request_id'),
    clientIp: text('client_ip'),
  },
  (t) => [index('audit_log_org_at').on(t.orgId, t.at, t.id)],
);

export type AuditRow = typeof auditLog.$inferSelect;
