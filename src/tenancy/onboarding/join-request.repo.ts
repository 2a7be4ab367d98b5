import { and, count, desc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database.js';
import { profiles, users } from '../tenancy.table.js';
import { approverDigests } from './approver-digest.table.js';
import { joinRequests, type JoinRequestRow } from './join-request.table.js';
import type { ProfileRef, UserRef } from './onboarding.views.js';

export interface JoinRequestRecord {
  row: JoinRequestRow;
  decidedBy: UserRef | null;
  profile: ProfileRef | null;
}

const decider = alias(users, 'decider');

/** Join requests of one organisation (inside its scoped transaction) and the approvers' digest clock. */
export class JoinRequestRepository {
  private records(tx: Tx) {
    return tx
      .select({
        row: joinRequests,
        deciderId: decider.id,
        deciderName: decider.displayName,
        profileKey: profiles.key,
        profileName: profiles.name,
      })
      .from(joinRequests)
      .leftJoin(decider, and(eq(decider.orgId, joinRequests.orgId), eq(decider.id, joinRequests.decidedBy)))
      .leftJoin(
        profiles,
        and(eq(profiles.orgId, joinRequests.orgId), eq(profiles.id, joinRequests.profileId)),
      );
  }

  private static record(r: {
    row: JoinRequestRow;
    deciderId: string | null;
    deciderName: string | null;
    profileKey: string | null;
    profileName: string | null;
  }): JoinRequestRecord {
    return {
      row: r.row,
      decidedBy: r.deciderId ? { userId: r.deciderId, displayName: r.deciderName ?? '' } : null,
      profile: r.profileKey ? { key: r.profileKey, name: r.profileName ?? r.profileKey } : null,
    };
  }

  async insert(tx: Tx, values: typeof joinRequests.$inferInsert): Promise<JoinRequestRow> {
    const [row] = await tx.insert(joinRequests).values(values).returning();
    return row!;
  }

  async find(tx: Tx, orgId: string, id: string): Promise<JoinRequestRecord | undefined> {
    const [r] = await this.records(tx)
      .where(and(eq(joinRequests.orgId, orgId), eq(joinRequests.id, id)))
      .limit(1);
    return r && JoinRequestRepository.record(r);
  }

  async list(tx: Tx, orgId: string, limit = 500): Promise<JoinRequestRecord[]> {
    const rows = await this.records(tx)
      .where(eq(joinRequests.orgId, orgId))
      .orderBy(desc(joinRequests.createdAt))
      .limit(limit);
    return rows.map(JoinRequestRepository.record);
  }

  async latestOf(tx: Tx, orgId: string, objectId: string): Promise<JoinRequestRecord | undefined> {
    const [r] = await this.records(tx)
      .where(and(eq(joinRequests.orgId, orgId), eq(joinRequests.requesterObjectId, objectId)))
      .orderBy(desc(joinRequests.createdAt))
      .limit(1);
    return r && JoinRequestRepository.record(r);
  }

  async pending(tx: Tx, orgId: string): Promise<JoinRequestRow[]> {
    return tx
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.orgId, orgId), eq(joinRequests.status, 'pending')))
      .orderBy(joinRequests.createdAt);
  }

  /** Requests created since `seconds` ago, by one requester or (without one) in the organisation. */
  async createdSince(tx: Tx, orgId: string, seconds: number, requesterObjectId?: string) {
    const [row] = await tx
      .select({
        n: count(),
        oldest: sql<number | null>`extract(epoch from min(${joinRequests.createdAt}))::float8`,
      })
      .from(joinRequests)
      .where(
        and(
          eq(joinRequests.orgId, orgId),
          requesterObjectId ? eq(joinRequests.requesterObjectId, requesterObjectId) : undefined,
          gt(joinRequests.createdAt, sql`now() - make_interval(secs => ${seconds})`),
        ),
      );
    const oldest = row?.oldest == null ? null : new Date(Number(row.oldest) * 1000);
    return { count: row?.n ?? 0, oldest };
  }

  /** Serialises join-request creation within an organisation for the rest of the transaction. */
  async lockOrganisation(tx: Tx, orgId: string): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${orgId}::text, 7))`);
  }

  /** Compare-and-set from pending in one statement: exactly one of concurrent decisions wins. */
  async decide(
    tx: Tx,
    orgId: string,
    id: string,
    values: Pick<JoinRequestRow, 'status' | 'decidedBy' | 'profileId' | 'declineReason'>,
  ): Promise<JoinRequestRow | undefined> {
    const [row] = await tx
      .update(joinRequests)
      .set({ ...values, decidedAt: sql`now()` })
      .where(and(eq(joinRequests.orgId, orgId), eq(joinRequests.id, id), eq(joinRequests.status, 'pending')))
      .returning();
    return row;
  }

  async setMember(tx: Tx, orgId: string, id: string, userId: string): Promise<void> {
    await tx
      .update(joinRequests)
      .set({ memberUserId: userId })
      .where(and(eq(joinRequests.orgId, orgId), eq(joinRequests.id, id)));
  }

  /**
   * Claims an approver's digest slot: true when no digest went to them in the last `windowSeconds`
   * (and records now as their last digest), false otherwise. Atomic across processes.
   */
  async claimDigest(tx: Tx, orgId: string, userId: string, windowSeconds: number): Promise<boolean> {
    const rows = await tx
      .insert(approverDigests)
      .values({ orgId, userId, lastSentAt: sql`now()` })
      .onConflictDoUpdate({
        target: [approverDigests.orgId, approverDigests.userId],
        set: { lastSentAt: sql`now()` },
        setWhere: sql`${approverDigests.lastSentAt} <= now() - make_interval(secs => ${windowSeconds})`,
      })
      .returning({ at: approverDigests.lastSentAt });
    return rows.length > 0;
  }

  /** When the approver's current digest window ends. */
  async digestWindowEnd(tx: Tx, orgId: string, userId: string, windowSeconds: number): Promise<Date | null> {
    const [row] = await tx
      .select({
        at: sql<number>`extract(epoch from ${approverDigests.lastSentAt} + make_interval(secs => ${windowSeconds}))::float8`,
      })
      .from(approverDigests)
      .where(and(eq(approverDigests.orgId, orgId), eq(approverDigests.userId, userId)));
    return row ? new Date(Number(row.at) * 1000) : null;
  }
}
