import type { FieldChange } from '../../crm/shared/field-history.repo.js';
import { sql } from 'drizzle-orm';
import type { RecordDefinition } from '../../crm/shared/record.definition.js';
import type { RecordRow } from '../../crm/shared/record.repo.js';
import type { RecordChangeHook } from '../../crm/shared/record.service.js';
import { rowsOf, type Tx } from '../../platform/db/database.js';
import type { Actor } from '../../tenancy/principal.js';
import type { SyncTarget } from './sync-contract.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { SyncResource } from './sync-resource.js';

/** Told, inside the transaction, which targets got outbox rows (their runs start once it commits). */
export interface OutboxListener {
  queued(targets: SyncTarget[]): void;
}

/**
 * Puts every CRM change of a synced record in the outbox of each member who syncs it — the owner,
 * members with record scope `all`, and whoever still holds a link to it (an owner change) — in the
 * same transaction as the change. The sync's own writes are not queued back to the member they
 * came from (no ping-pong); other members still get them. The {@link OutboxListener} hears of
 * every target queued, so its run can start right after the commit.
 */
export class SyncOutboxHook implements RecordChangeHook {
  private listener: OutboxListener | undefined;

  constructor(
    private readonly links: SyncLinkRepository,
    private readonly resources: Map<string, SyncResource>,
  ) {}

  /** The sync engine's run starter (none without the engine: the rows wait for it). */
  listen(listener: OutboxListener | undefined): void {
    this.listener = listener;
  }

  async changed(
    tx: Tx,
    actor: Actor,
    def: RecordDefinition,
    row: RecordRow,
    action: 'create' | 'update' | 'delete',
    changes: FieldChange[] = [],
  ): Promise<void> {
    const resource = [...this.resources.values()].find((r) => r.definition.type === def.type);
    if (!resource) return this.dependentsChanged(tx, def, row, changes);
    const module = resource.module;
    const members = rowsOf<{ userId: string }>(
      await tx.execute(sql`
        select s.user_id as "userId" from sync_states s
        join users u on u.org_id = s.org_id and u.id = s.user_id and u.status = 'active'
        join profiles p on p.org_id = u.org_id and p.id = u.profile_id
        where s.org_id = ${row.orgId} and s.module = ${module} and s.state <> 'disabled'
          and (s.user_id = ${row.ownerId}
               or (p.permissions->>'recordScope' = 'all' and (p.permissions->'modules'->${module}->>'view')::boolean)
               or exists (select 1 from sync_links l where l.org_id = s.org_id and l.user_id = s.user_id
                            and l.module = s.module and l.crm_id = ${row.id}))`),
    );
    const fromSync = actor.source === 'sync' || actor.source === 'merge';
    const targets = members
      .filter(({ userId }) => !(fromSync && userId === actor.userId))
      .map(({ userId }) => ({ orgId: row.orgId, userId, module }));
    for (const target of targets)
      await this.links.enqueue(tx, target, row.id, action === 'delete' ? 'delete' : 'upsert');
    this.listener?.queued(targets);
  }

  /**
   * A change of a record another resource's owned properties derive from (a deal or a lead for the
   * contacts' categories) queues the dependent records for every member holding a link to them, so
   * their items follow at once rather than at the next change of the record itself — those it
   * derives from now and those it derived from before the change (a deal moved to another contact
   * leaves the first one's categories to correct).
   */
  private async dependentsChanged(
    tx: Tx,
    def: RecordDefinition,
    row: RecordRow,
    changes: FieldChange[],
  ): Promise<void> {
    const previous = changes.length
      ? { ...row, ...Object.fromEntries(changes.map((c) => [c.field, c.oldValue])) }
      : undefined;
    for (const resource of this.resources.values()) {
      if (!resource.owned) continue;
      const ids = [
        ...new Set([
          ...(await resource.owned.dependents(tx, def, row)),
          ...(previous ? await resource.owned.dependents(tx, def, previous) : []),
        ]),
      ];
      if (!ids.length) continue;
      const holders = rowsOf<{ userId: string; crmId: string }>(
        await tx.execute(sql`
          select l.user_id as "userId", l.crm_id as "crmId" from sync_links l
          join sync_states s on s.org_id = l.org_id and s.user_id = l.user_id and s.module = l.module
          where l.org_id = ${row.orgId} and l.module = ${resource.module} and s.state <> 'disabled'
            and l.crm_id in (${sql.join(
              ids.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`),
      );
      const targets = holders.map((h) => ({ orgId: row.orgId, userId: h.userId, module: resource.module }));
      for (const [i, h] of holders.entries()) await this.links.enqueue(tx, targets[i]!, h.crmId, 'upsert');
      this.listener?.queued(targets);
    }
  }
}
