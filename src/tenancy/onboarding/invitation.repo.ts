import { and, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { profiles, users } from '../tenancy.table.js';
import { invitations, type InvitationRow } from './invitation.table.js';
import type { ProfileRef, UserRef } from './onboarding.views.js';

export interface InvitationRecord {
  row: InvitationRow;
  profile: ProfileRef;
  invitedBy: UserRef;
}

const RECORD = {
  row: invitations,
  profile: { key: profiles.key, name: profiles.name },
  invitedBy: { userId: users.id, displayName: users.displayName },
};

/** Invitations of one organisation (run inside its scoped transaction), plus the token lookup. */
export class InvitationRepository {
  private records(tx: Tx) {
    return tx
      .select(RECORD)
      .from(invitations)
      .innerJoin(profiles, and(eq(profiles.orgId, invitations.orgId), eq(profiles.id, invitations.profileId)))
      .innerJoin(users, and(eq(users.orgId, invitations.orgId), eq(users.id, invitations.invitedBy)));
  }

  async insert(tx: Tx, values: typeof invitations.$inferInsert): Promise<InvitationRow> {
    const [row] = await tx.insert(invitations).values(values).returning();
    return row!;
  }

  async find(tx: Tx, orgId: string, id: string): Promise<InvitationRecord | undefined> {
    const [r] = await this.records(tx)
      .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id)))
      .limit(1);
    return r;
  }

  async list(tx: Tx, orgId: string, limit = 500): Promise<InvitationRecord[]> {
    return this.records(tx)
      .where(eq(invitations.orgId, orgId))
      .orderBy(desc(invitations.createdAt))
      .limit(limit);
  }

  /** Pending, unexpired invitations of these directory users. */
  async pendingFor(tx: Tx, orgId: string, objectIds: string[]): Promise<InvitationRow[]> {
    if (!objectIds.length) return [];
    return tx
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.orgId, orgId),
          inArray(invitations.inviteeObjectId, objectIds),
          eq(invitations.status, 'pending'),
          gt(invitations.expiresAt, sql`now()`),
        ),
      );
  }

  /** Marks pending invitations past their expiry as expired (frees the one-pending slot). */
  async expireStale(tx: Tx, orgId: string, objectIds: string[]): Promise<void> {
    if (!objectIds.length) return;
    await tx
      .update(invitations)
      .set({ status: 'expired' })
      .where(
        and(
          eq(invitations.orgId, orgId),
          inArray(invitations.inviteeObjectId, objectIds),
          eq(invitations.status, 'pending'),
          lte(invitations.expiresAt, sql`now()`),
        ),
      );
  }

  /**
   * Compare-and-set pending → accepted in one statement: of concurrent redemptions exactly one
   * gets the row back; the others get undefined.
   */
  async consume(tx: Tx, orgId: string, id: string): Promise<InvitationRow | undefined> {
    const [row] = await tx
      .update(invitations)
      .set({ status: 'accepted', acceptedAt: sql`now()` })
      .where(
        and(
          eq(invitations.orgId, orgId),
          eq(invitations.id, id),
          eq(invitations.status, 'pending'),
          gt(invitations.expiresAt, sql`now()`),
        ),
      )
      .returning();
    return row;
  }

  async setAcceptedUser(tx: Tx, orgId: string, id: string, userId: string): Promise<void> {
    await tx
      .update(invitations)
      .set({ acceptedUserId: userId })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id)));
  }

  /** Pending → revoked; undefined when it was no longer pending. */
  async revoke(tx: Tx, orgId: string, id: string, by: string): Promise<InvitationRow | undefined> {
    const [row] = await tx
      .update(invitations)
      .set({ status: 'revoked', revokedAt: sql`now()`, revokedBy: by })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id), eq(invitations.status, 'pending')))
      .returning();
    return row;
  }

  /** A new secret (the old link dies), a fresh expiry and one more send; only while pending. */
  async rotate(
    tx: Tx,
    orgId: string,
    id: string,
    tokenHash: string,
    ttlDays: number,
  ): Promise<InvitationRow | undefined> {
    const [row] = await tx
      .update(invitations)
      .set({
        tokenHash,
        lastSentAt: sql`now()`,
        expiresAt: sql`now() + make_interval(days => ${ttlDays})`,
        sendCount: sql`${invitations.sendCount} + 1`,
        emailDelivery: 'pending',
        teamsDelivery: 'pending',
      })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id), eq(invitations.status, 'pending')))
      .returning();
    return row;
  }

  async setDelivery(
    tx: Tx,
    orgId: string,
    id: string,
    delivery: Pick<InvitationRow, 'emailDelivery' | 'teamsDelivery'>,
  ): Promise<void> {
    await tx
      .update(invitations)
      .set(delivery)
      .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id)));
  }

  /** Cross-organisation lookup by the secret's hash: call inside a system transaction only. */
  async findByTokenHash(tx: Tx, tokenHash: string): Promise<InvitationRow | undefined> {
    const [row] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
    return row;
  }

  /** The caller's pending, unexpired invitation in an organisation, if any. */
  async pendingForInvitee(tx: Tx, orgId: string, objectId: string): Promise<InvitationRecord | undefined> {
    const [r] = await this.records(tx)
      .where(
        and(
          eq(invitations.orgId, orgId),
          eq(invitations.inviteeObjectId, objectId),
          eq(invitations.status, 'pending'),
          gt(invitations.expiresAt, sql`now()`),
        ),
      )
      .limit(1);
    return r;
  }
}
