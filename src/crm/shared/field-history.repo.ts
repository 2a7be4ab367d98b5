import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { fieldHistory, type ChangeAction, type ChangeSource } from './field-history.table.js';
import type { RecordType } from './record.definition.js';

export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface ChangeSet {
  orgId: string;
  recordType: RecordType;
  recordId: string;
  version: number;
  action: ChangeAction;
  source: ChangeSource;
  actorUserId: string | null;
  reason?: string;
  changes: FieldChange[];
}

export type HistoryRow = typeof fieldHistory.$inferSelect;

/** Keyset position in a record's history: newest version first, then id. */
export interface HistoryCursor {
  version: number;
  id: string;
}

/** Append-only store of every field change of every record. */
export class FieldHistoryRepository {
  async append(tx: Tx, set: ChangeSet): Promise<string> {
    const changeId = newId();
    if (set.changes.length === 0) return changeId;
    await tx.insert(fieldHistory).values(
      set.changes.map((c) => ({
        id: newId(),
        orgId: set.orgId,
        recordType: set.recordType,
        recordId: set.recordId,
        changeId,
        version: set.version,
        action: set.action,
        field: c.field,
        oldValue: c.oldValue ?? null,
        newValue: c.newValue ?? null,
        source: set.source,
        actorUserId: set.actorUserId,
        reason: set.reason ?? null,
      })),
    );
    return changeId;
  }

  async listForRecord(
    tx: Tx,
    orgId: string,
    recordType: RecordType,
    recordId: string,
    page: { after?: HistoryCursor; limit: number },
  ): Promise<HistoryRow[]> {
    const h = fieldHistory;
    const conditions: (SQL | undefined)[] = [
      eq(h.orgId, orgId),
      eq(h.recordType, recordType),
      eq(h.recordId, recordId),
    ];
    if (page.after) {
      conditions.push(
        or(
          lt(h.version, page.after.version),
          and(eq(h.version, page.after.version), lt(h.id, page.after.id)),
        ),
      );
    }
    return tx
      .select()
      .from(h)
      .where(and(...conditions))
      .orderBy(desc(h.version), desc(h.id))
      .limit(page.limit);
  }
}
