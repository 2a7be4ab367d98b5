import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.js';
import { profiles, users } from './tenancy.table.js';

export type UserRow = typeof users.$inferSelect;
export type ProfileRow = typeof profiles.$inferSelect;

/** Members of an organisation and their profiles. */
export class MemberRepository {
  async findByIdentity(
    tx: Tx,
    orgId: string,
    tenantId: string,
    objectId: string,
  ): Promise<{ user: UserRow; profile: ProfileRow } | undefined> {
    const [row] = await tx
      .select({ user: users, profile: profiles })
      .from(users)
      .innerJoin(profiles, and(eq(profiles.orgId, users.orgId), eq(profiles.id, users.profileId)))
      .where(and(eq(users.orgId, orgId), eq(users.tenantId, tenantId), eq(users.objectId, objectId)))
      .limit(1);
    return row;
  }

  async findActiveUser(tx: Tx, orgId: string, userId: string): Promise<UserRow | undefined> {
    const [row] = await tx
      .select()
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, userId), eq(users.status, 'active')))
      .limit(1);
    return row;
  }

  async insertUser(tx: Tx, values: typeof users.$inferInsert): Promise<UserRow> {
    const [row] = await tx.insert(users).values(values).returning();
    return row!;
  }

  async insertProfiles(tx: Tx, values: (typeof profiles.$inferInsert)[]): Promise<ProfileRow[]> {
    return tx.insert(profiles).values(values).returning();
  }

  async findProfileByKey(tx: Tx, orgId: string, key: string): Promise<ProfileRow | undefined> {
    const [row] = await tx
      .select()
      .from(profiles)
      .where(and(eq(profiles.orgId, orgId), eq(profiles.key, key)))
      .limit(1);
    return row;
  }

  /** Every member of the organisation with their profile, by display name. */
  async listWithProfiles(tx: Tx, orgId: string): Promise<{ user: UserRow; profile: ProfileRow }[]> {
    return tx
      .select({ user: users, profile: profiles })
      .from(users)
      .innerJoin(profiles, and(eq(profiles.orgId, users.orgId), eq(profiles.id, users.profileId)))
      .where(eq(users.orgId, orgId))
      .orderBy(asc(users.displayName), asc(users.id));
  }

  /** A member and their profile; `forUpdate` locks the member row for the transaction. */
  async findWithProfile(
    tx: Tx,
    orgId: string,
    userId: string,
    forUpdate = false,
  ): Promise<{ user: UserRow; profile: ProfileRow } | undefined> {
    const query = tx
      .select({ user: users, profile: profiles })
      .from(users)
      .innerJoin(profiles, and(eq(profiles.orgId, users.orgId), eq(profiles.id, users.profileId)))
      .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
      .limit(1);
    const [row] = forUpdate ? await query.for('update', { of: users }) : await query;
    return row;
  }

  async setProfile(tx: Tx, orgId: string, userId: string, profileId: string): Promise<void> {
    await tx
      .update(users)
      .set({ profileId, updatedAt: sql`now()` })
      .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  }

  /** Active members holding a profile, locked (e.g. to keep at least one Administrator). */
  async lockActiveWithProfile(tx: Tx, orgId: string, profileId: string): Promise<UserRow[]> {
    return tx
      .select()
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.profileId, profileId), eq(users.status, 'active')))
      .for('update');
  }

  /** Active members whose profile grants `manageUsers`: the approvers of join requests. */
  async activeUserManagers(tx: Tx, orgId: string): Promise<UserRow[]> {
    const rows = await tx
      .select({ user: users })
      .from(users)
      .innerJoin(profiles, and(eq(profiles.orgId, users.orgId), eq(profiles.id, users.profileId)))
      .where(
        and(
          eq(users.orgId, orgId),
          eq(users.status, 'active'),
          sql`(${profiles.permissions} ->> 'manageUsers')::boolean`,
        ),
      )
      .orderBy(asc(users.id));
    return rows.map((r) => r.user);
  }

  /** Members of the organisation among these object ids. */
  async findByObjectIds(tx: Tx, orgId: string, objectIds: string[]): Promise<UserRow[]> {
    if (!objectIds.length) return [];
    return tx
      .select()
      .from(users)
      .where(and(eq(users.orgId, orgId), inArray(users.objectId, objectIds)));
  }
}
