import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { newId } from '../../platform/db/ids.js';
import type { Tx } from '../../platform/db/database.js';
import type { JournalEntry, SyncTarget } from './sync-contract.js';
import {
  syncJournal,
  syncRuns,
  type JournalRow,
  type RunOutcome,
  type RunRow,
} from './sync-journal.table.js';
import type { SyncCounts } from './sync-state.table.js';

export type JournalLine = Omit<JournalEntry, 'id' | 'at' | 'runId'>;

const journalOf = (t: SyncTarget) =>
  and(eq(syncJournal.orgId, t.orgId), eq(syncJournal.userId, t.userId), eq(syncJournal.module, t.module));

/** The append-only per-item journal and the run log of each target. */
export class SyncJournalRepository {
  async append(tx: Tx, target: SyncTarget, runId: string | null, lines: JournalLine[]): Promise<void> {
    if (!lines.length) return;
    await tx.insert(syncJournal).values(lines.map((l) => ({ id: newId(), ...target, runId, ...l })));
  }

  /** Newest first; keyset on the (time-ordered) id. */
  async page(
    tx: Tx,
    target: SyncTarget,
    page: { beforeId?: string; limit: number; action?: JournalEntry['action'] },
  ): Promise<JournalRow[]> {
    return tx
      .select()
      .from(syncJournal)
      .where(
        and(
          journalOf(target),
          page.beforeId ? lt(syncJournal.id, page.beforeId) : undefined,
          page.action ? eq(syncJournal.action, page.action) : undefined,
        ),
      )
      .orderBy(desc(syncJournal.id))
      .limit(page.limit);
  }

  /** One entry of the target's journal (none for another member's or organisation's id). */
  async byId(tx: Tx, target: SyncTarget, id: string): Promise<JournalRow | undefined> {
    const [row] = await tx
      .select()
      .from(syncJournal)
      .where(and(journalOf(target), eq(syncJournal.id, id)));
    return row;
  }

  async countConflicts(tx: Tx, target: SyncTarget): Promise<number> {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(syncJournal)
      .where(and(journalOf(target), eq(syncJournal.action, 'conflict')));
    return row?.n ?? 0;
  }

  async startRun(tx: Tx, target: SyncTarget, reason: string): Promise<RunRow> {
    const [row] = await tx
      .insert(syncRuns)
      .values({ id: newId(), ...target, reason })
      .returning();
    return row!;
  }

  async finishRun(
    tx: Tx,
    run: RunRow,
    outcome: RunOutcome,
    counts: SyncCounts & { errors: number },
    errorCode?: string,
  ): Promise<void> {
    await tx
      .update(syncRuns)
      .set({ outcome, counts, errorCode: errorCode ?? null, finishedAt: sql`now()` })
      .where(and(eq(syncRuns.orgId, run.orgId), eq(syncRuns.id, run.id)));
  }
}
