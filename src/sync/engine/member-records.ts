import { and, eq, isNull } from 'drizzle-orm';
import type { RecordDefinition } from '../../crm/shared/record.definition.js';
import type { RecordRepository } from '../../crm/shared/record.repo.js';
import { toDto, type RecordDto } from '../../crm/shared/record.service.js';
import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../../tenancy/principal.js';

/**
 * The CRM records a member syncs: those they own, or every record of the organisation for a
 * record scope of `all` (PRODUCT §3: "managers sync every contact they can see").
 */
export class MemberRecords {
  constructor(private readonly records: RecordRepository) {}

  covers(actor: Actor, ownerId: string): boolean {
    return actor.permissions.recordScope === 'all' || ownerId === actor.userId;
  }

  /** The record if the member syncs it; with `includeDeleted`, tombstones too (`deletedAt` set). */
  async find(
    tx: Tx,
    actor: Actor,
    def: RecordDefinition,
    id: string,
    includeDeleted = false,
  ): Promise<(RecordDto & { deleted: boolean }) | undefined> {
    const row = await this.records.findById(tx, def, actor.orgId, id, { includeDeleted });
    if (!row || !this.covers(actor, row.ownerId)) return undefined;
    return { ...toDto(def, row), deleted: row.deletedAt !== null };
  }

  /** Every live record the member syncs. */
  async all(tx: Tx, actor: Actor, def: RecordDefinition): Promise<RecordDto[]> {
    const t = def.table;
    const rows = await tx
      .select()
      .from(t)
      .where(
        and(
          eq(t.orgId, actor.orgId),
          isNull(t.deletedAt),
          actor.permissions.recordScope === 'all' ? undefined : eq(t.ownerId, actor.userId!),
        ),
      );
    return rows.map((r) => toDto(def, r as never));
  }
}
