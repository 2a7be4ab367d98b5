import { boolean, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../tenancy.table.js';

/**
 * Settings of an organisation as a whole (one row per organisation, absent until first changed:
 * every setting has its default then). Row-level security as every `org_id` table.
 */
export const organisationSettings = pgTable('organisation_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id),
  /**
   * Client meeting invitations (PRODUCT §3 Meetings): when several members are invited to one
   * meeting, one CRM meeting shared by all of them (each added as a participant) instead of one each.
   */
  sharedClientMeetings: boolean('shared_client_meetings').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export type OrganisationSettingsRow = typeof organisationSettings.$inferSelect;
