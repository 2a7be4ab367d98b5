import { etagOf, type RecordService } from '../../crm/shared/record.service.js';
import type { Database } from '../../platform/db/database.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../../platform/errors/app-error.js';
import { actorOf, type Principal } from '../../tenancy/principal.js';
import type { SyncModule } from '../module-settings.table.js';
import type { SyncTarget } from './sync-contract.js';
import type { SyncJournalRepository } from './sync-journal.repo.js';
import type { SyncResource } from './sync-resource.js';
import type { SyncStateRepository } from './sync-state.repo.js';

/** One field of a `conflict` journal entry: the value kept and the one the merge rule replaced. */
interface ConflictField {
  field: string;
  kept: unknown;
  overwritten: unknown;
}

/** What a restore wrote: the record's new version, the field and the value it holds again. */
export interface RestoredValue {
  crmId: string;
  field: string;
  value: unknown;
  version: number;
  /** Whether the field still syncs, so the value goes on to Office 365. */
  synced: boolean;
}

/** The conflicted fields of a journal entry's details (one conflict, or a list of them). */
export function conflictFieldsOf(details: Record<string, unknown>): ConflictField[] {
  const list = Array.isArray(details.conflicts) ? (details.conflicts as unknown[]) : [details];
  return list.filter(
    (c): c is ConflictField =>
      !!c && typeof c === 'object' && typeof (c as ConflictField).field === 'string' && 'overwritten' in c,
  );
}

export interface ConflictRestorerDeps {
  db: Database;
  journal: SyncJournalRepository;
  states: SyncStateRepository;
  records: RecordService;
  resources: Map<string, SyncResource>;
}

/**
 * "Restore" on a conflict the merge rule settled (PRODUCT §3, beyond: every overwritten value can be
 * restored): writes the replaced value of one field back to the CRM record as the user's own edit,
 * through the resource's CRM mapping — so values Tandem keeps inside lists (a phone, an address) are
 * restored where they live — with the field history and the outbox of any user edit; the sync then
 * carries it to Office 365. Only the caller's own journal is read: another member's or another
 * organisation's entry is not found.
 */
export class ConflictRestorer {
  constructor(private readonly deps: ConflictRestorerDeps) {}

  async restore(
    principal: Principal,
    module: SyncModule,
    entryId: string,
    input: { field: string; version?: number },
  ): Promise<RestoredValue> {
    const { db, journal, states, records, resources } = this.deps;
    const resource = resources.get(module);
    if (!resource) throw new NotFoundError('No such conflict.', 'conflict_not_found');
    const target: SyncTarget = { orgId: principal.orgId, userId: principal.userId, module };
    const actor = actorOf(principal, 'user');
    const { entry, conflict, settings } = await db.scoped(principal.orgId, async (tx) => {
      const entry = await journal.byId(tx, target, entryId);
      if (!entry || entry.action !== 'conflict' || !entry.crmId)
        throw new NotFoundError('No such conflict in your sync journal.', 'conflict_not_found');
      const fields = conflictFieldsOf(entry.details);
      const conflict = fields.find((c) => c.field === input.field);
      if (!conflict) {
        throw new UnprocessableError(
          'conflict_field_unknown',
          `The conflict has no field "${input.field}".`,
          {
            fields: fields.map((c) => c.field),
          },
        );
      }
      const state = await states.get(tx, target);
      const current = { options: state?.options ?? {}, mapping: state?.mapping ?? {} };
      return { entry, conflict, settings: resource.settings({}, current) };
    });
    const crmId = entry.crmId!;
    const def = resource.definition;
    const record = await records.get(actor, def, crmId);
    if (input.version !== undefined && input.version !== record.version)
      throw new PreconditionFailedError(etagOf(record.version));
    // A field unmapped since the conflict is still restored in the CRM (under its default mapping);
    // it just no longer goes to Office 365.
    const synced = Object.hasOwn(settings.mapping, conflict.field);
    const mapping = synced
      ? settings.mapping
      : { ...settings.mapping, [conflict.field]: resource.catalog().defaultMapping[conflict.field] ?? '' };
    // The patch is built on this version of the record (lists such as phones keep their other
    // entries), so the write insists on it: a change in between answers 412, never a lost edit.
    const patch = resource.crmFields({ [conflict.field]: conflict.overwritten }, record, {
      ...settings,
      mapping,
    });
    if (!Object.keys(patch).length) {
      throw new ConflictError(
        'conflict_field_not_restorable',
        `"${conflict.field}" cannot be restored here: change it on the record itself.`,
      );
    }
    return db.scoped(principal.orgId, async (tx) => {
      const updated = await records.update(actor, def, crmId, patch, [record.version], { tx });
      await journal.append(tx, target, null, [
        {
          direction: 'none',
          action: 'update',
          crmId,
          remoteId: entry.remoteId,
          label: entry.label,
          fields: [conflict.field],
          reason: 'restored_by_user',
          details: { restoredFrom: entry.id, field: conflict.field, value: conflict.overwritten },
        },
      ]);
      return {
        crmId,
        field: conflict.field,
        value: conflict.overwritten,
        version: updated.version,
        synced,
      };
    });
  }
}
