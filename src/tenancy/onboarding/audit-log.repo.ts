import { and, count, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { auditLog, type AuditRow } from './audit-log.table.js';

/** The append-only onboarding audit trail: insert and read, nothing else. */
export class AuditLogRepository {
  async insert(tx: Tx, values: typeof auditLog.$inferInsert): Promise<void> {
    await tx.insert(auditLog).values(values);
  }

  /** Newest first, keyset-paged on the id (UUIDv7: creation order). */
  async page(tx: Tx, orgId: string, limit: number, beforeId?: string): Promise<AuditRow[]> {
    return tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), beforeId ? lt(auditLog.id, beforeId) : undefined))
      .orderBy(desc(auditLog.id))
      .limit(limit);
  }

  /** How many of these actions a member performed successfully in the last `seconds`. */
  async countRecent(tx: Tx, orgId: string, actorUserId: string, actions: string[], seconds: number) {
    const [row] = await tx
      .select({ n: count() })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.orgId, orgId),
          eq(auditLog.actorUserId, actorUserId),
          inArray(auditLog.action, actions),
          eq(auditLog.outcome, 'success'),
          gt(auditLog.at, sql`now() - make_interval(secs => ${seconds})`),
        ),
      );
    return row?.n ?? 0;
  }
}
