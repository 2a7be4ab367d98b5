import { foreignKey, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../tenancy.table.js';

/** When each approver was last mailed a join-request digest (at most one per window). */
export const approverDigests = pgTable(
  'approver_digests',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').notNull(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'approver_digests_pk', columns: [t.orgId, t.userId] }),
    foreignKey({
      name: 'approver_digests_user_fk',
      columns: [t.orgId, t.userId],
      foreignColumns: [users.orgId, users.id],
    }),
  ],
);
