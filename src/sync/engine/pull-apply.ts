import type { RecordDto, RecordService } from '../../crm/shared/record.service.js';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Actor } from '../../tenancy/principal.js';
import type { MemberRecords } from './member-records.js';
import type { JournalLine, SyncJournalRepository } from './sync-journal.repo.js';
import type { SyncLinkRow } from './sync-link.table.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { RunContext } from './sync-run-context.js';
import { tagsOfUnlinked, type PageTags, type TagRound } from './pull-tags.js';
import { ownedInBase, remappedFields, withOwned } from './sync-resource.js';
import { hashValues, pick } from './sync-values.js';
import { threeWayMerge } from './three-way-merge.js';

export interface PullApplierDeps {
  db: Database;
  links: SyncLinkRepository;
  journal: SyncJournalRepository;
  records: RecordService;
  memberRecords: MemberRecords;
}

/** The hash of the owned properties a link's base stores (none stored: never equal to an item's). */
function ownedHash(base: Record<string, unknown>): string | undefined {
  const owned = ownedInBase(base);
  return owned && hashValues(owned, Object.keys(owned));
}

const syncActor = (run: RunContext, source: Actor['source'] = 'sync'): Actor => ({
  ...run.member.actor,
  source,
  reason: `sync run ${run.runId}`,
});

/**
 * Applies Office 365 items to the CRM inside the page's transaction, each in a savepoint so one bad
 * item is journaled and skipped without losing the page: linked items are merged field by field
 * against the base (echoes skipped); unlinked ones link by tag, else by the duplicate rules, else
 * become new CRM records.
 */
export class PullApplier {
  constructor(private readonly deps: PullApplierDeps) {}

  /** Reads the CRM id tag of the page's unlinked items (see {@link tagsOfUnlinked}). */
  tagsOfUnlinked(run: RunContext, items: Record<string, unknown>[], round: TagRound = {}): Promise<PageTags> {
    return tagsOfUnlinked(this.deps, run, items, round);
  }

  async applyItems(
    tx: Tx,
    run: RunContext,
    items: Record<string, unknown>[],
    tagged: Map<string, string>,
    candidates: RecordDto[],
    deletions: SyncLinkRow[],
  ): Promise<void> {
    for (const item of items) {
      const remoteId = String(item.id);
      if (item['@removed']) {
        const link = await this.deps.links.byRemoteId(tx, run.target, remoteId);
        if (link) deletions.push(link);
        continue;
      }
      try {
        const lines = await tx.transaction((sp) =>
          this.applyItem(sp as unknown as Tx, run, item, tagged, candidates),
        );
        await this.deps.journal.append(tx, run.target, run.runId, lines);
      } catch (err) {
        const code = err instanceof AppError ? err.code : 'item_failed';
        const message = err instanceof AppError ? err.userMessage : 'The item could not be saved in the CRM.';
        const line = run.tally.error(code, message, {
          remoteId,
          label: run.resource.label(run.resource.remoteValues(item, run.settings)),
        });
        await this.deps.journal.append(tx, run.target, run.runId, [{ ...line, direction: 'to_crm' }]);
      }
    }
  }

  /** A deletion in Office 365: the CRM record is deleted only when the member opted in. */
  async applyDeletion(tx: Tx, run: RunContext, link: SyncLinkRow, deleteCrm: boolean): Promise<void> {
    const def = run.resource.definition;
    const record = await this.deps.memberRecords.find(tx, run.member.actor, def, link.crmId);
    await this.deps.links.remove(tx, link);
    const label = record ? run.resource.label(run.resource.crmValues(record, run.settings)) : null;
    const base = { crmId: link.crmId, remoteId: link.remoteId, label, fields: [] as string[] };
    if (!deleteCrm || !record) {
      await this.deps.journal.append(tx, run.target, run.runId, [
        {
          ...base,
          direction: 'none',
          action: 'delete',
          reason: record ? 'office_delete_not_propagated' : 'crm_record_gone',
          details: {},
        },
      ]);
      return;
    }
    await this.deps.records.remove(syncActor(run), def, link.crmId, undefined, { tx });
    run.tally.count('toCrm', 'deleted');
    await this.deps.journal.append(tx, run.target, run.runId, [
      { ...base, direction: 'to_crm', action: 'delete', reason: 'deleted_in_office', details: {} },
    ]);
  }

  private async applyItem(
    tx: Tx,
    run: RunContext,
    item: Record<string, unknown>,
    tagged: Map<string, string>,
    candidates: RecordDto[],
  ): Promise<JournalLine[]> {
    const remoteId = String(item.id);
    const values = pick(run.resource.remoteValues(item, run.settings), run.fields);
    const link = await this.deps.links.byRemoteId(tx, run.target, remoteId);
    if (link) return this.applyLinked(tx, run, item, values, link);
    const def = run.resource.definition;
    const taggedId = tagged.get(remoteId);
    const byTag = taggedId
      ? await this.deps.memberRecords.find(tx, run.member.actor, def, taggedId)
      : undefined;
    if (byTag && !(await this.deps.links.byCrmId(tx, run.target, byTag.id))) {
      return this.linkTo(tx, run, item, values, byTag, 'link', { matchedBy: 'tag' });
    }
    const match = run.resource.match(values, candidates);
    if (match) {
      const other = await this.deps.links.byCrmId(tx, run.target, match.record.id);
      if (!other)
        return this.linkTo(tx, run, item, values, match.record, 'merge', { matchedBy: match.matchedBy });
      return [
        this.line(run, 'none', 'skip', match.record.id, remoteId, values, [], 'duplicate_in_office', {
          matchedBy: match.matchedBy,
          linkedTo: other.remoteId,
        }),
      ];
    }
    const created = await this.deps.records.create(
      syncActor(run),
      def,
      { ...run.resource.crmFields(values, undefined, run.settings), ownerId: run.member.userId },
      { tx },
    );
    candidates.push(created);
    await this.deps.links.upsert(tx, run.target, created.id, this.baseOf(run, item, values, created.version));
    // Its owned properties (Tandem's categories) are the push's to add, in the same run.
    if (run.resource.owned) await this.deps.links.enqueue(tx, run.target, created.id, 'upsert');
    run.tally.count('toCrm', 'created');
    return [
      this.line(
        run,
        'to_crm',
        'create',
        created.id,
        remoteId,
        values,
        run.fields.filter((f) => values[f] !== null),
        'created_in_office',
        {},
      ),
    ];
  }

  /** An existing record and an unlinked item: link them, merging their values (base: nothing in common). */
  private async linkTo(
    tx: Tx,
    run: RunContext,
    item: Record<string, unknown>,
    values: Record<string, unknown>,
    record: RecordDto,
    action: 'link' | 'merge',
    details: Record<string, unknown>,
  ): Promise<JournalLine[]> {
    const link = await this.deps.links.upsert(tx, run.target, record.id, {
      remoteId: String(item.id),
      base: {},
      baseHash: null,
      pendingCreateAt: null,
    });
    const lines = await this.applyLinked(tx, run, item, values, link);
    return [
      this.line(
        run,
        'none',
        action,
        record.id,
        String(item.id),
        values,
        [],
        action === 'link' ? 'tagged_item' : 'duplicate_matched',
        details,
      ),
      ...lines,
    ];
  }

  private async applyLinked(
    tx: Tx,
    run: RunContext,
    item: Record<string, unknown>,
    values: Record<string, unknown>,
    link: SyncLinkRow,
  ): Promise<JournalLine[]> {
    const version = typeof item.changeKey === 'string' ? item.changeKey : null;
    const hash = hashValues(values, run.fields);
    const owned = run.resource.owned?.of(item);
    const ownedChanged = !!owned && hashValues(owned, Object.keys(owned)) !== ownedHash(link.base);
    if ((version && version === link.remoteVersion) || hash === link.baseHash) {
      if (version !== link.remoteVersion || ownedChanged)
        await this.deps.links.update(tx, link, {
          remoteVersion: version,
          ...(ownedChanged ? { base: withOwned(link.base, owned) } : {}),
        });
      // The item's categories changed in Office 365 (the user's, or ours renamed away): the push
      // decides whether Tandem's must be put back; it writes nothing when they are right.
      if (ownedChanged) await this.deps.links.enqueue(tx, run.target, link.crmId, 'upsert');
      return [];
    }
    const def = run.resource.definition;
    const record = await this.deps.memberRecords.find(tx, run.member.actor, def, link.crmId);
    if (!record) {
      return [
        this.line(run, 'none', 'skip', link.crmId, link.remoteId, values, [], 'crm_record_unavailable', {}),
      ];
    }
    const crm = pick(run.resource.crmValues(record, run.settings), run.fields);
    const modified =
      typeof item.lastModifiedDateTime === 'string' ? new Date(item.lastModifiedDateTime) : new Date(0);
    // A field remapped since the base: what Office holds now is its base, so the CRM value stays.
    const remapped = remappedFields(link.base, run.settings, run.fields);
    const merge = threeWayMerge({
      base: remapped.length ? { ...link.base, ...pick(values, remapped) } : link.base,
      crm,
      office: values,
      crmChangedAt: new Date(record.updatedAt as string),
      officeChangedAt: modified,
      fields: run.fields,
    });
    const lines: JournalLine[] = [];
    let crmVersion = record.version;
    if (merge.toCrm.length) {
      const source = merge.conflicts.some((c) => c.winner === 'office') ? 'merge' : 'sync';
      const patch = run.resource.crmFields(pick(merge.merged, merge.toCrm), record, run.settings);
      crmVersion = (
        await this.deps.records.update(syncActor(run, source), def, record.id, patch, undefined, { tx })
      ).version;
      run.tally.count('toCrm', 'updated');
      lines.push(
        this.line(
          run,
          'to_crm',
          'update',
          record.id,
          link.remoteId,
          merge.merged,
          merge.toCrm,
          'changed_in_office',
          {},
        ),
      );
    }
    for (const c of merge.conflicts) {
      lines.push(
        this.line(
          run,
          'none',
          'conflict',
          record.id,
          link.remoteId,
          merge.merged,
          [c.field],
          'both_sides_changed',
          { conflicts: [c] },
        ),
      );
    }
    // The base is what Office 365 holds now; CRM-side changes still to send go through the outbox.
    await this.deps.links.update(tx, link, {
      ...this.baseOf(run, item, values, crmVersion),
      pendingCreateAt: null,
    });
    if (merge.toOffice.length || ownedChanged)
      await this.deps.links.enqueue(tx, run.target, record.id, 'upsert');
    return lines;
  }

  private baseOf(
    run: RunContext,
    item: Record<string, unknown>,
    values: Record<string, unknown>,
    crmVersion: number,
  ) {
    return {
      remoteId: String(item.id),
      remoteVersion: typeof item.changeKey === 'string' ? item.changeKey : null,
      base: withOwned(values, run.resource.owned?.of(item), run.settings.mapping),
      baseHash: hashValues(values, run.fields),
      crmVersion,
    };
  }

  private line(
    run: RunContext,
    direction: JournalLine['direction'],
    action: JournalLine['action'],
    crmId: string | null,
    remoteId: string | null,
    values: Record<string, unknown>,
    fields: string[],
    reason: string,
    details: Record<string, unknown>,
  ): JournalLine {
    return { direction, action, crmId, remoteId, label: run.resource.label(values), fields, reason, details };
  }
}
