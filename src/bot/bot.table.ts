import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../tenancy/tenancy.table.js';

/**
 * teams-ai turn state (conversation/user state), keyed as botbuilder storage keys are. Not organisation
 * scoped: keys are built from channel, bot and conversation ids before the member is known.
 */
export const botState = pgTable('bot_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  /** Optimistic concurrency (botbuilder StoreItem eTag). */
  etag: text('etag').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Inbound activity ids already handled: Teams re-delivers after 15 s. */
export const processedActivities = pgTable(
  'processed_activities',
  {
    activityId: text('activity_id').primaryKey(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('processed_activities_received').on(t.receivedAt)],
);

/** Where to reach each member proactively (their 1:1 chat with the bot). */
export const conversationReferences = pgTable(
  'conversation_references',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').notNull(),
    reference: jsonb('reference').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'conversation_references_pk', columns: [t.orgId, t.userId] }),
    foreignKey({
      name: 'conversation_references_user_fk',
      columns: [t.orgId, t.userId],
      foreignColumns: [users.orgId, users.id],
    }),
  ],
);
