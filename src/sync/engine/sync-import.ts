import type { RecordService } from '../../crm/shared/record.service.js';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { MemberRecords } from './member-records.js';
import type { JournalLine, SyncJournalRepository } from './sync-journal.repo.js';
import type { DuplicateIndex } from './sync-resource.js';
import type { RunContext } from './sync-run-context.js';
import type { SyncStateRepository } from './sync-state.repo.js';
import { hashValues, pick } from './sync-values.js';

export interface ImportDeps {
  db: Database;
  states: SyncStateRepository;
  journal: SyncJournalRepository;
  records: RecordService;
  memberRecords: MemberRecords;
}

/** Office 365 id → CRM id of each item imported so far, kept in the resource state. */
type Imported = Record<string, string>;
/** Office 365 id → the hash of each field's value when last taken (resources following their imports). */
type TakenValues = Record<string, Record<string, string>>;

const fieldHashes = (values: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, hashValues({ v: values[f] }, ['v'])]));

/** The fields whose value differs from the one last taken (none known: nothing to follow). */
function changedSince(
  taken: Record<string, string> | undefined,
  values: Record<string, unknown>,
  fields: readonly string[],
): string[] {
  if (!taken) return [];
  const now = fieldHashes(values, fields);
  return fields.filter((f) => taken[f] !== now[f]);
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);

/**
 * Office 365 items outside the container that the member chose to import (contacts carrying a
 * selected category, PRODUCT §3 Contacts) become CRM records once: matched to an existing record by
 * the duplicate rules (its empty fields filled), else created, and journaled. The original item is
 * left where it is and untouched (only the container syncs); the CRM record then syncs through the
 * container like every record the member owns. Imported ids are kept in the resource state, in the
 * same transaction as the records, so an item is never imported twice.
 */
export class ImportPhase {
  constructor(private readonly deps: ImportDeps) {}

  async run(run: RunContext, resourceState: Record<string, unknown>): Promise<Record<string, unknown>> {
    const crm = {
      read: <T>(fn: (tx: Tx, actor: typeof run.member.actor) => Promise<T>) =>
        this.deps.db.scoped(run.target.orgId, (tx) => fn(tx, run.member.actor)),
    };
    const items = (await run.resource.importable?.(run.mailbox, run.settings, crm)) ?? [];
    const imported: Imported = { ...((resourceState.imported as Imported | undefined) ?? {}) };
    const follow = run.resource.followImports === true;
    const taken: TakenValues = { ...((resourceState.importedValues as TakenValues | undefined) ?? {}) };
    const valuesOf = (item: Record<string, unknown>) =>
      pick(run.resource.remoteValues(item, run.settings), run.fields);
    const fresh = items.filter((i) => !imported[String(i.id)]);
    const changed = follow
      ? items.flatMap((item) => {
          const remoteId = String(item.id);
          if (!imported[remoteId]) return [];
          const fields = changedSince(taken[remoteId], valuesOf(item), run.fields);
          return fields.length ? [{ item, fields }] : [];
        })
      : [];
    if (!fresh.length && !changed.length) return resourceState;
    const next = { ...resourceState, imported, ...(follow ? { importedValues: taken } : {}) };
    await this.deps.db.scoped(run.target.orgId, async (tx) => {
      for (const { item, fields } of changed) {
        const remoteId = String(item.id);
        await this.follow(tx, run, imported[remoteId]!, remoteId, valuesOf(item), fields);
        taken[remoteId] = fieldHashes(valuesOf(item), run.fields);
      }
      if (!fresh.length) return this.deps.states.update(tx, run.target, { resourceState: next });
      const duplicates = await this.deps.memberRecords.duplicates(tx, run.member.actor, run.resource);
      for (const item of fresh) {
        const remoteId = String(item.id);
        const values = valuesOf(item);
        const label = run.resource.label(values);
        try {
          const line = await tx.transaction((sp) =>
            this.importItem(sp as unknown as Tx, run, values, duplicates, item),
          );
          imported[remoteId] = line.crmId!;
          if (follow) taken[remoteId] = fieldHashes(values, run.fields);
          await this.deps.journal.append(tx, run.target, run.runId, [{ ...line, remoteId, label }]);
        } catch (err) {
          const code = err instanceof AppError ? err.code : 'item_failed';
          const message = err instanceof AppError ? err.userMessage : 'The item could not be imported.';
          const line = run.tally.error(code, message, { remoteId, label });
          await this.deps.journal.append(tx, run.target, run.runId, [{ ...line, direction: 'to_crm' }]);
        }
      }
      await this.deps.states.update(tx, run.target, { resourceState: next });
    });
    return next;
  }

  /**
   * An imported item changed in Office 365 (a resource following its imports): the fields it
   * changed since it was last taken are written to its CRM record, the others keep the CRM's
   * values. A record deleted in the CRM since stays deleted. One failure is the item's error.
   */
  private async follow(
    tx: Tx,
    run: RunContext,
    crmId: string,
    remoteId: string,
    values: Record<string, unknown>,
    fields: string[],
  ): Promise<void> {
    const def = run.resource.definition;
    const label = run.resource.label(values);
    const actor = { ...run.member.actor, source: 'import' as const, reason: `sync run ${run.runId}` };
    try {
      const updated = await tx.transaction(async (sp) => {
        const record = await this.deps.memberRecords.findOwned(
          sp as unknown as Tx,
          run.member.actor,
          def,
          crmId,
        );
        if (!record) return false;
        const patch = run.resource.crmFields(pick(values, fields), record, run.settings);
        await this.deps.records.update(actor, def, crmId, patch, undefined, { tx: sp as unknown as Tx });
        return true;
      });
      if (!updated) return;
      run.tally.count('toCrm', 'updated');
      await this.deps.journal.append(tx, run.target, run.runId, [
        {
          direction: 'to_crm',
          action: 'update',
          crmId,
          remoteId,
          label,
          fields,
          reason: 'imported_item_changed',
          details: {},
        },
      ]);
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'item_failed';
      const message = err instanceof AppError ? err.userMessage : 'The item could not be updated in the CRM.';
      const line = run.tally.error(code, message, { crmId, remoteId, label });
      await this.deps.journal.append(tx, run.target, run.runId, [{ ...line, direction: 'to_crm' }]);
    }
  }

  private async importItem(
    tx: Tx,
    run: RunContext,
    values: Record<string, unknown>,
    duplicates: DuplicateIndex,
    item: Record<string, unknown>,
  ): Promise<JournalLine> {
    const def = run.resource.definition;
    const actor = { ...run.member.actor, source: 'import' as const, reason: `sync run ${run.runId}` };
    const base = { remoteId: null, label: null, details: {} };
    const join = await run.resource.joinImport?.(tx, run.member.actor, item);
    if (join) {
      const fields = Object.keys(join.fields);
      if (fields.length) {
        const permissions = { ...actor.permissions, recordScope: 'all' as const };
        await this.deps.records.update({ ...actor, permissions }, def, join.crmId, join.fields, undefined, {
          tx,
        });
        run.tally.count('toCrm', 'updated');
      }
      return {
        ...base,
        direction: fields.length ? 'to_crm' : 'none',
        action: 'link',
        crmId: join.crmId,
        fields,
        reason: 'imported_shared_record_joined',
      };
    }
    const match = duplicates.match(values);
    const record = match && (await this.deps.memberRecords.find(tx, run.member.actor, def, match.crmId));
    if (match && record) {
      const crm = pick(run.resource.crmValues(record, run.settings), run.fields);
      const fill = run.fields.filter((f) => isEmpty(crm[f]) && !isEmpty(values[f]));
      if (fill.length) {
        const patch = run.resource.crmFields(pick(values, fill), record, run.settings);
        await this.deps.records.update(actor, def, record.id, patch, undefined, { tx });
        run.tally.count('toCrm', 'updated');
      }
      return {
        ...base,
        direction: fill.length ? 'to_crm' : 'none',
        action: 'merge',
        crmId: record.id,
        fields: fill,
        reason: 'imported_duplicate_matched',
        details: { matchedBy: match.matchedBy },
      };
    }
    const as = run.resource.importedAs?.(item) ?? { fields: {}, reason: 'imported_by_category' };
    const created = await this.deps.records.create(
      actor,
      def,
      {
        ...run.resource.crmFields(values, undefined, run.settings),
        ...as.fields,
        ownerId: run.member.userId,
      },
      { tx },
    );
    duplicates.add(created.id, created);
    run.tally.count('toCrm', 'created');
    return {
      ...base,
      direction: 'to_crm',
      action: 'create',
      crmId: created.id,
      fields: run.fields.filter((f) => !isEmpty(values[f])),
      reason: as.reason,
    };
  }
}
