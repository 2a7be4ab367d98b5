import { and, asc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { RecordDefinition } from '../../crm/shared/record.definition.js';
import type { RecordRepository, RecordRow } from '../../crm/shared/record.repo.js';
import { toDto, type RecordDto } from '../../crm/shared/record.service.js';
import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../../tenancy/principal.js';
import type { DuplicateIndex, SyncResource } from './sync-resource.js';

/** What a resource says of the records it syncs (see {@link SyncResource}). */
export type RecordPolicy = Pick<SyncResource, 'ownerOnly' | 'syncedRecords'>;

/**
 * The CRM records a member syncs: those they own, or every record of the organisation for a
 * record scope of `all` (PRODUCT §3: "managers sync every contact they can see") unless the
 * resource syncs owned records only; of those, the ones the resource syncs at all.
 */
export class MemberRecords {
  /** @param policies each resource's {@link RecordPolicy}, by record type. */
  constructor(
    private readonly records: RecordRepository,
    private readonly policies: ReadonlyMap<string, RecordPolicy> = new Map(),
  ) {}

  covers(actor: Actor, ownerId: string, def?: RecordDefinition): boolean {
    return this.allOf(actor, def) || ownerId === actor.userId;
  }

  /** Whether the member syncs every record of the type (record scope `all`, not an owner-only type). */
  private allOf(actor: Actor, def: RecordDefinition | undefined): boolean {
    return actor.permissions.recordScope === 'all' && !(def && this.policies.get(def.type)?.ownerOnly);
  }

  /** The resource's condition on the records it syncs at all, if it has one. */
  private kept(def: RecordDefinition): SQL | undefined {
    return this.policies.get(def.type)?.syncedRecords?.(def.table);
  }

  /** The live records of the definition that the member syncs. */
  private synced(actor: Actor, def: RecordDefinition): SQL | undefined {
    return and(
      eq(def.table.orgId, actor.orgId),
      isNull(def.table.deletedAt),
      this.allOf(actor, def) ? undefined : eq(def.table.ownerId, actor.userId!),
      this.kept(def),
    );
  }

  /** The record if the member syncs it; with `includeDeleted`, tombstones too (`deletedAt` set). */
  async find(
    tx: Tx,
    actor: Actor,
    def: RecordDefinition,
    id: string,
    includeDeleted = false,
  ): Promise<(RecordDto & { deleted: boolean }) | undefined> {
    if (this.kept(def)) return (await this.findMany(tx, actor, def, [id], includeDeleted)).get(id);
    const row = await this.records.findById(tx, def, actor.orgId, id, { includeDeleted });
    if (!row || !this.covers(actor, row.ownerId, def)) return undefined;
    return { ...toDto(def, row), deleted: row.deletedAt !== null };
  }

  /**
   * A live record the member owns, whether or not the resource syncs it (an imported record the
   * resource keeps outside its container, such as a meeting captured from an invitation).
   */
  async findOwned(tx: Tx, actor: Actor, def: RecordDefinition, id: string): Promise<RecordDto | undefined> {
    const row = await this.records.findById(tx, def, actor.orgId, id);
    return row && row.ownerId === actor.userId ? toDto(def, row) : undefined;
  }

  /** {@link find} for many ids at once (one query), by id; records the member doesn't sync are absent. */
  async findMany(
    tx: Tx,
    actor: Actor,
    def: RecordDefinition,
    ids: string[],
    includeDeleted = false,
  ): Promise<Map<string, RecordDto & { deleted: boolean }>> {
    if (!ids.length) return new Map();
    const t = def.table;
    const rows = (await tx
      .select()
      .from(t)
      .where(
        and(
          eq(t.orgId, actor.orgId),
          inArray(t.id, ids),
          includeDeleted ? undefined : isNull(t.deletedAt),
          this.kept(def),
        ),
      )) as RecordRow[];
    return new Map(
      rows
        .filter((row) => this.covers(actor, row.ownerId, def))
        .map((row) => [row.id, { ...toDto(def, row), deleted: row.deletedAt !== null }]),
    );
  }

  /** Every live record the member syncs. */
  async all(tx: Tx, actor: Actor, def: RecordDefinition): Promise<RecordDto[]> {
    const rows = await tx.select().from(def.table).where(this.synced(actor, def));
    return rows.map((r) => toDto(def, r as never));
  }

  /**
   * The resource's duplicate index over every live record the member syncs, read `batch` rows at a
   * time (keyset on the id) and only the columns matching reads: no mailbox's worth of records is
   * ever in memory, only the index's keys.
   */
  async duplicates(tx: Tx, actor: Actor, resource: SyncResource, batch = 2000): Promise<DuplicateIndex> {
    const index = resource.duplicates();
    const t = resource.definition.table;
    const columns = t as unknown as Record<string, PgColumn>;
    const selection = Object.fromEntries([
      ['id', t.id],
      ...resource.matchFields.map((f) => [f, columns[f]!]),
    ]);
    for (let after: string | undefined; ;) {
      const rows = (await tx
        .select(selection)
        .from(t)
        .where(and(this.synced(actor, resource.definition), after ? gt(t.id, after) : undefined))
        .orderBy(asc(t.id))
        .limit(batch)) as ({ id: string } & Record<string, unknown>)[];
      for (const { id, ...values } of rows) index.add(id, values);
      if (rows.length < batch) return index;
      after = rows[rows.length - 1]!.id;
    }
  }
}
