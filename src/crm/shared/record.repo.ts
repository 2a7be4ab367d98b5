import { and, desc, eq, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database.js';
import type { Fields, RecordDefinition } from './record.definition.js';

/** A stored record row: the definition's fields plus the common record columns. */
export type RecordRow = Fields & {
  id: string;
  orgId: string;
  ownerId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
  deletedAt: Date | null;
};

export interface ListFilter {
  /** Only records of this owner. */
  ownerId?: string;
  /** Case-insensitive substring over the definition's search columns. */
  q?: string;
  /** Keyset: records created before this id. */
  beforeId?: string;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Generic persistence of CRM records. Every statement names its organisation explicitly, on top of
 * row-level security. Soft-deleted rows are invisible here except through {@link findById} with
 * `includeDeleted`.
 */
export class RecordRepository {
  async insert(tx: Tx, def: RecordDefinition, values: Fields): Promise<RecordRow> {
    const [row] = await tx
      .insert(def.table)
      .values(values as never)
      .returning();
    return row as RecordRow;
  }

  async findById(
    tx: Tx,
    def: RecordDefinition,
    orgId: string,
    id: string,
    options: { forUpdate?: boolean; includeDeleted?: boolean } = {},
  ): Promise<RecordRow | undefined> {
    const t = def.table;
    const where = and(
      eq(t.orgId, orgId),
      eq(t.id, id),
      options.includeDeleted ? undefined : isNull(t.deletedAt),
    );
    const query = tx.select().from(t).where(where).limit(1);
    const rows = options.forUpdate ? await query.for('update') : await query;
    return rows[0] as RecordRow | undefined;
  }

  async list(tx: Tx, def: RecordDefinition, orgId: string, filter: ListFilter): Promise<RecordRow[]> {
    const t = def.table;
    const conditions: (SQL | undefined)[] = [eq(t.orgId, orgId), isNull(t.deletedAt)];
    if (filter.ownerId) conditions.push(eq(t.ownerId, filter.ownerId));
    if (filter.beforeId) conditions.push(lt(t.id, filter.beforeId));
    if (filter.q) {
      const pattern = `%${escapeLike(filter.q)}%`;
      conditions.push(or(...def.searchColumns(t).map((c) => ilike(c as PgColumn, pattern))));
    }
    const rows = await tx
      .select()
      .from(t)
      .where(and(...conditions))
      .orderBy(desc(t.id))
      .limit(filter.limit);
    return rows as RecordRow[];
  }

  /** Writes `values`, bumps the version and stamps the actor. */
  update(
    tx: Tx,
    def: RecordDefinition,
    orgId: string,
    id: string,
    values: Fields,
    actorUserId: string | null,
  ) {
    return this.write(tx, def, orgId, id, values, actorUserId);
  }

  /** Tombstones the record: it leaves every list; its row and history stay. */
  softDelete(tx: Tx, def: RecordDefinition, orgId: string, id: string, actorUserId: string | null) {
    return this.write(tx, def, orgId, id, { deletedAt: sql`now()` }, actorUserId);
  }

  private async write(
    tx: Tx,
    def: RecordDefinition,
    orgId: string,
    id: string,
    values: Fields,
    actorUserId: string | null,
  ): Promise<RecordRow> {
    const t = def.table;
    const [row] = await tx
      .update(t)
      .set({
        ...values,
        version: sql`${t.version} + 1`,
        updatedAt: sql`now()`,
        updatedBy: actorUserId,
      } as never)
      .where(and(eq(t.orgId, orgId), eq(t.id, id), isNull(t.deletedAt)))
      .returning();
    return row as RecordRow;
  }
}
