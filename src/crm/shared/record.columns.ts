import { foreignKey, index, integer, timestamp, unique, uuid, type PgColumn } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../tenancy/tenancy.table.js';

/** Columns every CRM record has: identity, organisation, owner, optimistic version, audit, tombstone. */
export const recordColumns = () => ({
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organisations.id),
  ownerId: uuid('owner_id').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

interface RecordKeyColumns {
  orgId: PgColumn;
  id: PgColumn;
  ownerId: PgColumn;
}

/** Constraints every record table has: the owner is a member of the same organisation. */
export function recordConstraints(name: string, t: RecordKeyColumns) {
  return [
    unique(`${name}_org_id_id`).on(t.orgId, t.id),
    index(`${name}_org_owner`).on(t.orgId, t.ownerId),
    foreignKey({
      name: `${name}_owner_fk`,
      columns: [t.orgId, t.ownerId],
      foreignColumns: [users.orgId, users.id],
    }),
  ];
}

/** A reference to another record of the same organisation (composite key, so it cannot cross tenants). */
export function sameOrgReference(
  name: string,
  orgId: PgColumn,
  column: PgColumn,
  target: { orgId: PgColumn; id: PgColumn },
) {
  return foreignKey({ name, columns: [orgId, column], foreignColumns: [target.orgId, target.id] });
}
