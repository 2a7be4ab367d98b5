import { and, asc, eq, inArray, isNotNull, isNull, notInArray, sql } from 'drizzle-orm';
import { newId } from '../../platform/db/ids.js';
import type { Tx } from '../../platform/db/database.js';
import type { SyncTarget } from './sync-contract.js';
import { syncLinks, syncOutbox, type OutboxOp, type OutboxRow, type SyncLinkRow } from './sync-link.table.js';

const linkOf = (t: SyncTarget) =>
  and(eq(syncLinks.orgId, t.orgId), eq(syncLinks.userId, t.userId), eq(syncLinks.module, t.module));
const outboxOf = (t: SyncTarget) =>
  and(eq(syncOutbox.orgId, t.orgId), eq(syncOutbox.userId, t.userId), eq(syncOutbox.module, t.module));

type LinkFields = Pick<
  SyncLinkRow,
  'remoteId' | 'remoteVersion' | 'base' | 'baseHash' | 'crmVersion' | 'pendingCreateAt'
>;
export type LinkPatch = Partial<LinkFields>;
/** A whole link (every field set), as {@link SyncLinkRepository.upsertMany} writes it. */
export type LinkValues = LinkFields & { crmId: string };

/** Links between CRM records and Office 365 items, and the outbox of CRM changes to send. */
export class SyncLinkRepository {
  async byRemoteId(tx: Tx, target: SyncTarget, remoteId: string): Promise<SyncLinkRow | undefined> {
    const [row] = await tx
      .select()
      .from(syncLinks)
      .where(and(linkOf(target), eq(syncLinks.remoteId, remoteId)))
      .limit(1);
    return row;
  }

  async byCrmId(tx: Tx, target: SyncTarget, crmId: string): Promise<SyncLinkRow | undefined> {
    const [row] = await tx
      .select()
      .from(syncLinks)
      .where(and(linkOf(target), eq(syncLinks.crmId, crmId)))
      .limit(1);
    return row;
  }

  /** The links of these items, by remote id (one query for a page or a batch). */
  async byRemoteIds(tx: Tx, target: SyncTarget, remoteIds: string[]): Promise<Map<string, SyncLinkRow>> {
    if (!remoteIds.length) return new Map();
    const rows = await tx
      .select()
      .from(syncLinks)
      .where(and(linkOf(target), inArray(syncLinks.remoteId, remoteIds)));
    return new Map(rows.map((r) => [r.remoteId!, r]));
  }

  /** The links of these records, by CRM id (one query for a page or a batch). */
  async byCrmIds(tx: Tx, target: SyncTarget, crmIds: string[]): Promise<Map<string, SyncLinkRow>> {
    if (!crmIds.length) return new Map();
    const rows = await tx
      .select()
      .from(syncLinks)
      .where(and(linkOf(target), inArray(syncLinks.crmId, crmIds)));
    return new Map(rows.map((r) => [r.crmId, r]));
  }

  async all(tx: Tx, target: SyncTarget): Promise<SyncLinkRow[]> {
    return tx.select().from(syncLinks).where(linkOf(target));
  }

  /** Creates in flight: a marker committed before the POST, whose item id never came back. */
  async pendingCreates(tx: Tx, target: SyncTarget): Promise<SyncLinkRow[]> {
    return tx
      .select()
      .from(syncLinks)
      .where(and(linkOf(target), isNotNull(syncLinks.pendingCreateAt), isNull(syncLinks.remoteId)));
  }

  async count(tx: Tx, target: SyncTarget): Promise<number> {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(syncLinks)
      .where(and(linkOf(target), sql`${syncLinks.remoteId} is not null`));
    return row?.n ?? 0;
  }

  /** Inserts or replaces the link of `crmId` (one link per record and per item). */
  async upsert(tx: Tx, target: SyncTarget, crmId: string, patch: LinkPatch): Promise<SyncLinkRow> {
    const [row] = await tx
      .insert(syncLinks)
      .values({ id: newId(), ...target, crmId, ...patch })
      .onConflictDoUpdate({
        target: [syncLinks.orgId, syncLinks.userId, syncLinks.module, syncLinks.crmId],
        set: { ...patch, updatedAt: sql`now()` },
      })
      .returning();
    return row!;
  }

  /** {@link upsert} of many records in one statement (a `$batch` of creates). */
  async upsertMany(tx: Tx, target: SyncTarget, links: LinkValues[]): Promise<void> {
    if (!links.length) return;
    const excluded = (column: { name: string }) => sql.raw(`excluded.${column.name}`);
    await tx
      .insert(syncLinks)
      .values(links.map((l) => ({ id: newId(), ...target, ...l })))
      .onConflictDoUpdate({
        target: [syncLinks.orgId, syncLinks.userId, syncLinks.module, syncLinks.crmId],
        set: {
          remoteId: excluded(syncLinks.remoteId),
          remoteVersion: excluded(syncLinks.remoteVersion),
          base: excluded(syncLinks.base),
          baseHash: excluded(syncLinks.baseHash),
          crmVersion: excluded(syncLinks.crmVersion),
          pendingCreateAt: excluded(syncLinks.pendingCreateAt),
          updatedAt: sql`now()`,
        },
      });
  }

  async update(tx: Tx, link: SyncLinkRow, patch: LinkPatch): Promise<void> {
    await tx
      .update(syncLinks)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(syncLinks.orgId, link.orgId), eq(syncLinks.id, link.id)));
  }

  async remove(tx: Tx, link: SyncLinkRow): Promise<void> {
    await tx.delete(syncLinks).where(and(eq(syncLinks.orgId, link.orgId), eq(syncLinks.id, link.id)));
  }

  async removeMany(tx: Tx, links: SyncLinkRow[]): Promise<void> {
    const [first] = links;
    if (!first) return;
    await tx.delete(syncLinks).where(
      and(
        eq(syncLinks.orgId, first.orgId),
        inArray(
          syncLinks.id,
          links.map((l) => l.id),
        ),
      ),
    );
  }

  async removeAll(tx: Tx, target: SyncTarget): Promise<void> {
    await tx.delete(syncLinks).where(linkOf(target));
    await tx.delete(syncOutbox).where(outboxOf(target));
  }

  /** Queues a CRM change; a later change of the same record replaces the pending one. */
  async enqueue(tx: Tx, target: SyncTarget, crmId: string, op: OutboxOp): Promise<void> {
    const id = newId();
    await tx
      .insert(syncOutbox)
      .values({ id, ...target, crmId, op, enqueuedAt: sql`clock_timestamp()` })
      .onConflictDoUpdate({
        target: [syncOutbox.orgId, syncOutbox.userId, syncOutbox.module, syncOutbox.crmId],
        // A new id per change: `done` of an older attempt then leaves the newer change queued.
        set: { id, op, enqueuedAt: sql`clock_timestamp()`, attempts: 0, lastError: null },
      });
  }

  /** Queues an upsert of each record not already queued (first sync, mapping change). */
  async enqueueMany(tx: Tx, target: SyncTarget, crmIds: string[]): Promise<void> {
    for (let i = 0; i < crmIds.length; i += 500) {
      const chunk = crmIds.slice(i, i + 500);
      await tx
        .insert(syncOutbox)
        .values(
          chunk.map((crmId) => ({
            id: newId(),
            ...target,
            crmId,
            op: 'upsert' as const,
            enqueuedAt: sql`clock_timestamp()`,
          })),
        )
        .onConflictDoNothing();
    }
  }

  /** The oldest queued changes, but for the entries in `skip` (failed earlier in the same run). */
  async pending(tx: Tx, target: SyncTarget, limit: number, skip: string[] = []): Promise<OutboxRow[]> {
    return tx
      .select()
      .from(syncOutbox)
      .where(and(outboxOf(target), skip.length ? notInArray(syncOutbox.id, skip) : undefined))
      .orderBy(asc(syncOutbox.enqueuedAt))
      .limit(limit);
  }

  async pendingCount(tx: Tx, target: SyncTarget): Promise<number> {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(syncOutbox)
      .where(outboxOf(target));
    return row?.n ?? 0;
  }

  /** Done: removes the entry unless the record changed again meanwhile (a newer enqueue has a new id). */
  async done(tx: Tx, entry: OutboxRow): Promise<void> {
    await tx.delete(syncOutbox).where(and(eq(syncOutbox.orgId, entry.orgId), eq(syncOutbox.id, entry.id)));
  }

  /** {@link done} for many entries (one statement). */
  async doneMany(tx: Tx, entries: OutboxRow[]): Promise<void> {
    const [first] = entries;
    if (!first) return;
    await tx.delete(syncOutbox).where(
      and(
        eq(syncOutbox.orgId, first.orgId),
        inArray(
          syncOutbox.id,
          entries.map((e) => e.id),
        ),
      ),
    );
  }

  async failed(tx: Tx, entry: OutboxRow, error: string): Promise<void> {
    await tx
      .update(syncOutbox)
      .set({ attempts: sql`${syncOutbox.attempts} + 1`, lastError: error })
      .where(and(eq(syncOutbox.orgId, entry.orgId), eq(syncOutbox.id, entry.id)));
  }
}
