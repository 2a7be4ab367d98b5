import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Permissions } from './permissions.js';

const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A Tandem organisation, bound to exactly one Entra tenant. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  tenantId: uuid('tenant_id').notNull().unique(),
  name: text('name').notNull(),
  status: text('status', { enum: ['active', 'suspended'] })
    .notNull()
    .default('active'),
  ...timestamps(),
});

/** Profiles carry permissions; Administrator, Manager and Standard are built in per organisation. */
export const profiles = pgTable(
  'profiles',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    builtIn: boolean('built_in').notNull().default(false),
    permissions: jsonb('permissions').$type<Permissions>().notNull(),
    ...timestamps(),
  },
  (t) => [unique('profiles_org_key').on(t.orgId, t.key), unique('profiles_org_id_id').on(t.orgId, t.id)],
);

/** A member of an organisation, identified by (Entra tenant id, object id) — never by email. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    tenantId: uuid('tenant_id').notNull(),
    objectId: uuid('object_id').notNull(),
    userPrincipalName: text('user_principal_name').notNull(),
    email: text('email'),
    displayName: text('display_name').notNull(),
    preferredLanguage: text('preferred_language'),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    profileId: uuid('profile_id').notNull(),
    ...timestamps(),
  },
  (t) => [
    unique('users_tenant_object').on(t.tenantId, t.objectId),
    unique('users_org_id_id').on(t.orgId, t.id),
    foreignKey({
      name: 'users_profile_fk',
      columns: [t.orgId, t.profileId],
      foreignColumns: [profiles.orgId, profiles.id],
    }),
    index('users_org_upn').on(t.orgId, sql`lower(${t.userPrincipalName})`),
  ],
);
