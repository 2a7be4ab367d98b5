import { boolean, foreignKey, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../tenancy/tenancy.table.js';

export const SYNC_MODULES = ['contacts', 'meetings', 'tasks'] as const;
export type SyncModule = (typeof SYNC_MODULES)[number];

/** Whether a member syncs a module with Office 365 (the sync engine adds its own state beside it). */
export const moduleSettings = pgTable(
  'module_settings',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').notNull(),
    module: text('module', { enum: SYNC_MODULES }).notNull(),
    enabled: boolean('enabled').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ name: 'module_settings_pk', columns: [t.orgId, t.userId, t.module] }),
    foreignKey({
      name: 'module_settings_user_fk',
      columns: [t.orgId, t.userId],
      foreignColumns: [users.orgId, users.id],
    }),
  ],
);
