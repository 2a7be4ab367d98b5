import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, profiles, users } from '../tenancy.table.js';

export const INVITATION_STATES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export const EMAIL_DELIVERY = ['pending', 'sent', 'failed'] as const;
export const TEAMS_DELIVERY = ['pending', 'sent', 'not_installed', 'failed'] as const;

/**
 * An invitation of a directory user of the organisation's tenant (PRODUCT §2 Case 1). Bound to the
 * invitee's (tenant id, object id); the secret of the mail link is stored as its SHA-256 only.
 * At most one pending invitation per invitee and organisation.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    tenantId: uuid('tenant_id').notNull(),
    inviteeObjectId: uuid('invitee_object_id').notNull(),
    inviteeUpn: text('invitee_upn').notNull(),
    inviteeDisplayName: text('invitee_display_name').notNull(),
    inviteeMail: text('invitee_mail'),
    inviteeLanguage: text('invitee_language'),
    profileId: uuid('profile_id').notNull(),
    status: text('status', { enum: INVITATION_STATES }).notNull().default('pending'),
    /** Hex SHA-256 of the 256-bit secret in the accept link. */
    tokenHash: text('token_hash').notNull().unique('invitations_token_hash'),
    invitedBy: uuid('invited_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull().defaultNow(),
    sendCount: integer('send_count').notNull().default(1),
    emailDelivery: text('email_delivery', { enum: EMAIL_DELIVERY }).notNull().default('pending'),
    teamsDelivery: text('teams_delivery', { enum: TEAMS_DELIVERY }).notNull().default('pending'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** The member created: the invitee, or the account they associated instead. */
    acceptedUserId: uuid('accepted_user_id'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [
    foreignKey({
      name: 'invitations_profile_fk',
      columns: [t.orgId, t.profileId],
      foreignColumns: [profiles.orgId, profiles.id],
    }),
    foreignKey({
      name: 'invitations_invited_by_fk',
      columns: [t.orgId, t.invitedBy],
      foreignColumns: [users.orgId, users.id],
    }),
    uniqueIndex('invitations_one_pending')
      .on(t.orgId, t.inviteeObjectId)
      .where(sql`${t.status} = 'pending'`),
    index('invitations_org_created').on(t.orgId, t.createdAt),
  ],
);

export type InvitationRow = typeof invitations.$inferSelect;
