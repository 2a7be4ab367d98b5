import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../platform/db/database.js';
import type { SyncTarget } from './sync-contract.js';
import { syncStates, type SyncStateRow } from './sync-state.table.js';

const whereTarget = (t: SyncTarget) =>
  and(eq(syncStates.orgId, t.orgId), eq(syncStates.userId, t.userId), eq(syncStates.module, t.module));

export type SyncStatePatch = Partial<Omit<typeof syncStates.$inferInsert, 'orgId' | 'userId' | 'module'>>;

/** States in which a run may start (the others wait for the user or for enabling). */
const RUNNABLE = ['idle', 'queued', 'running', 'backoff'] as const;

/**
 * Persistence of the per (member, module) sync state machine. Leases are taken by compare-and-set
 * in one UPDATE … RETURNING against the database clock, so one run at a time holds a target
 * whatever the number of workers or processes.
 */
export class SyncStateRepository {
  async get(tx: Tx, target: SyncTarget): Promise<SyncStateRow | undefined> {
    const [row] = await tx.select().from(syncStates).where(whereTarget(target)).limit(1);
    return row;
  }

  async forUser(tx: Tx, orgId: string, userId: string): Promise<SyncStateRow[]> {
    return tx
      .select()
      .from(syncStates)
      .where(and(eq(syncStates.orgId, orgId), eq(syncStates.userId, userId)));
  }

  /** Creates the row or updates it with `patch`. */
  async upsert(tx: Tx, target: SyncTarget, patch: SyncStatePatch): Promise<SyncStateRow> {
    const values = { ...patch, updatedAt: sql`now()` };
    const [row] = await tx
      .insert(syncStates)
      .values({ ...target, ...values })
      .onConflictDoUpdate({
        target: [syncStates.orgId, syncStates.userId, syncStates.module],
        set: values,
      })
      .returning();
    return row!;
  }

  async update(tx: Tx, target: SyncTarget, patch: SyncStatePatch): Promise<SyncStateRow | undefined> {
    const [row] = await tx
      .update(syncStates)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(whereTarget(target))
      .returning();
    return row;
  }

  /** Takes the lease when the target is runnable and nobody holds it; undefined otherwise. */
  async acquireLease(
    tx: Tx,
    target: SyncTarget,
    owner: string,
    ttlSeconds: number,
  ): Promise<SyncStateRow | undefined> {
    const [row] = await tx
      .update(syncStates)
      .set({
        leaseOwner: owner,
        leaseUntil: sql`now() + make_interval(secs => ${ttlSeconds})`,
        state: 'running',
        lastRunAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          whereTarget(target),
          inArray(syncStates.state, [...RUNNABLE]),
          or(isNull(syncStates.leaseUntil), lt(syncStates.leaseUntil, sql`now()`)),
        ),
      )
      .returning();
    return row;
  }

  /** Extends the lease of a long run; false when it was lost (expired and taken). */
  async renewLease(tx: Tx, target: SyncTarget, owner: string, ttlSeconds: number): Promise<boolean> {
    const rows = await tx
      .update(syncStates)
      .set({ leaseUntil: sql`now() + make_interval(secs => ${ttlSeconds})` })
      .where(and(whereTarget(target), eq(syncStates.leaseOwner, owner)))
      .returning({ module: syncStates.module });
    return rows.length === 1;
  }

  /** Releases the lease held by `owner`, writing the run's outcome. */
  async release(
    tx: Tx,
    target: SyncTarget,
    owner: string,
    patch: SyncStatePatch,
  ): Promise<SyncStateRow | undefined> {
    const [row] = await tx
      .update(syncStates)
      .set({ ...patch, leaseOwner: null, leaseUntil: null, updatedAt: sql`now()` })
      .where(and(whereTarget(target), eq(syncStates.leaseOwner, owner)))
      .returning();
    return row;
  }

  /** Reaper (schema owner, all organisations): frees expired leases; returns the targets to run again. */
  async reapExpiredLeases(tx: Tx): Promise<SyncTarget[]> {
    return rowsOf<SyncTarget>(
      await tx.execute(sql`
        update sync_states set lease_owner = null, lease_until = null, updated_at = now(),
          state = case when state = 'running' then 'queued' else state end
        where lease_until < now()
        returning org_id as "orgId", user_id as "userId", module`),
    );
  }

  /**
   * Backstop and retries (schema owner, all organisations): enabled targets whose backoff is over,
   * or that have not run for `backstopSeconds`, or that have CRM changes queued since their last run.
   */
  async dueTargets(tx: Tx, backstopSeconds: number): Promise<(SyncTarget & { why: string })[]> {
    return rowsOf<SyncTarget & { why: string }>(
      await tx.execute(sql`
        select s.org_id as "orgId", s.user_id as "userId", s.module,
          case when s.state = 'backoff' then 'retry'
               when exists (select 1 from sync_outbox o where o.org_id = s.org_id and o.user_id = s.user_id
                              and o.module = s.module and o.enqueued_at > coalesce(s.last_run_at, '-infinity'))
                 then 'outbox'
               else 'backstop' end as why
        from sync_states s
        where s.lease_until is null and (
          (s.state = 'backoff' and s.next_run_at <= now())
          or (s.state in ('idle', 'queued') and (
                s.last_run_at is null or s.last_run_at < now() - make_interval(secs => ${backstopSeconds})
                or exists (select 1 from sync_outbox o where o.org_id = s.org_id and o.user_id = s.user_id
                             and o.module = s.module and o.enqueued_at > coalesce(s.last_run_at, '-infinity')))))
        limit 500`),
    );
  }
}
