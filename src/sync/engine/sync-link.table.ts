import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../../tenancy/tenancy.table.js';
import { SYNC_MODULES } from '../module-settings.table.js';

/**
 * Which Office 365 item a CRM record is synced with, for one member and module, and the base of the
 * three-way merge: the mapped fields as last synced (Graph form) and their hash. A row with
 * `pending_create_at` and no `remote_id` is a create in flight: its item is looked up by tag before
 * any new POST.
 */
export const syncLinks = pgTable(
  'sync_links',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').notNull(),
    module: text('module', { enum: SYNC_MODULES }).notNull(),
    crmId: uuid('crm_id').notNull(),
    remoteId: text('remote_id'),
    /** changeKey / etag of the item as Tandem last wrote or read it. */
    remoteVersion: text('remote_version'),
    base: jsonb('base').$type<Record<string, unknown>>().notNull().default({}),
    baseHash: text('base_hash'),
    /** The CRM record's version when the base was taken. */
    crmVersion: integer('crm_version'),
    pendingCreateAt: timestamp('pending_create_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('sync_links_remote').on(t.orgId, t.userId, t.module, t.remoteId),
    unique('sync_links_crm').on(t.orgId, t.userId, t.module, t.crmId),
    index('sync_links_crm_id').on(t.orgId, t.crmId),
    foreignKey({
      name: 'sync_links_user_fk',
      columns: [t.orgId, t.userId],
      foreignColumns: [users.orgId, users.id],
    }),
  ],
);

export type SyncLinkRow = typeof syncLinks.$inferSelect;

export const OUTBOX_OPS = ['upsert', 'delete'] as const;
export type OutboxOp = (typeof OUTBOX_OPS)[number];

/**
 * CRM changes waiting to go to Office 365, one row per (member, module, record): a later change of
 * the same record replaces the operation. Written in the same transaction as the CRM change.
 */
export const syncOutbox = pgTable(
  'sync_outbox',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').notNull(),
    module: text('module', { enum: SYNC_MODULES }).notNull(),
    crmId: uuid('crm_id').notNull(),
    op: text('op', { enum: OUTBOX_OPS }).notNull(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    unique('sync_outbox_record').on(t.orgId, t.userId, t.module, t.crmId),
    foreignKey({
      name: 'sync_outbox_user_fk',
      columns: [t.orgId, t.userId],
      foreignColumns: [users.orgId, users.id],
    }),
  ],
);

export type OutboxRow = typeof syncOutbox.$inferSelect;
