import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../../tenancy/tenancy.table.js';

export const CHANGE_SOURCES = ['user', 'sync', 'merge', 'import', 'system'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];
export const CHANGE_ACTIONS = ['create', 'update', 'delete', 'restore'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/**
 * Append-only field history of every CRM record: one row per field per change. The application role
 * may only SELECT and INSERT it (see the security migration): a value once recorded cannot be lost.
 */
export const fieldHistory = pgTable(
  'field_history',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    /** Groups the rows written by one change. */
    changeId: uuid('change_id').notNull(),
    /** Record version after the change. */
    version: integer('version').notNull(),
    action: text('action', { enum: CHANGE_ACTIONS }).notNull(),
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    source: text('source', { enum: CHANGE_SOURCES }).notNull(),
    actorUserId: uuid('actor_user_id'),
    /** Free-form provenance, e.g. the sync run id or the import batch. */
    reason: text('reason'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('field_history_record').on(t.orgId, t.recordType, t.recordId, t.changedAt)],
);
