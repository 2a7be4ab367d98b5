import { and, eq } from 'drizzle-orm';
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
}
