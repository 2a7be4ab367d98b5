import type { RecordDto, RecordService } from '../../crm/shared/record.service.js';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Actor } from '../../tenancy/principal.js';
import type { MemberRecords } from './member-records.js';
import type { JournalLine, SyncJournalRepository } from './sync-journal.repo.js';
import type { SyncLinkRow } from './sync-link.table.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { RunContext } from './sync-run-context.js';
import { PageReads, pageItems, unchanged, type PageItem } from './pull-page.js';
import { tagsOfUnlinked, type PageTags, type TagRound } from './pull-tags.js';
import {
  ownedInBase,
  remappedFields,
  withOwned,
  type DuplicateIndex,
  type SyncValues,
} from './sync-resource.js';
import { hashValues, pick } from './sync-values.js';
import { threeWayMerge } from './three-way-merge.js';
import { versionOf } from './item-tag.js';

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

  /**
   * Applies a page's items (see the class): the page's reads are done up front, its journal lines
   * written together. `duplicates` is the round's index of the member's records (none when no item
   * of the round needed it); the records created here are added to it.
   */
  async applyItems(
    tx: Tx,
    run: RunContext,
    items: Record<string, unknown>[],
    tagged: Map<string, string>,
    duplicates: DuplicateIndex | undefined,
    deletions: SyncLinkRow[],
  ): Promise<void> {
    const page = pageItems(run, items);
    const reads = await PageReads.load(this.deps, tx, run, page, tagged, duplicates);
    const journal: JournalLine[] = [];
    const created: string[] = [];
    for (const entry of page) {
      const { item, remoteId, values } = entry;
      if (!values) {
        const link = await reads.linkOfItem(tx, remoteId);
        if (link) deletions.push(link);
        continue;
      }
      try {
        const applied = await tx.transaction((sp) =>
          this.applyItem(sp as unknown as Tx, run, { item, remoteId, values }, tagged, duplicates, reads),
        );
        journal.push(...applied.lines);
        if (applied.created) {
          duplicates?.add(applied.created.id, applied.created);
          created.push(applied.created.id);
        }
      } catch (err) {
        const code = err instanceof AppError ? err.code : 'item_failed';
        const message = err instanceof AppError ? err.userMessage : 'The item could not be saved in the CRM.';
        const line = run.tally.error(code, message, {
          remoteId,
          label: run.resource.label(run.resource.remoteValues(item, run.settings)),
        });
        journal.push({ ...line, direction: 'to_crm' });
      }
    }
    // The owned properties (Tandem's categories) of the records created are the push's to add, in
    // the same run (nothing of theirs is queued yet: the outbox skips the sync's own writes).
    if (run.resource.owned) await this.deps.links.enqueueMany(tx, run.target, created);
    await this.deps.journal.append(tx, run.target, run.runId, journal);
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
    { item, remoteId, values }: PageItem & { values: SyncValues },
    tagged: Map<string, string>,
    duplicates: DuplicateIndex | undefined,
    reads: PageReads,
  ): Promise<{ lines: JournalLine[]; created?: RecordDto }> {
    const link = await reads.linkOfItem(tx, remoteId);
    if (link) return { lines: await this.applyLinked(tx, run, item, values, link, reads) };
    const taggedId = tagged.get(remoteId);
    const byTag = taggedId ? await reads.record(tx, taggedId) : undefined;
    if (byTag && !(await reads.linkOfRecord(tx, byTag.id))) {
      return {
        lines: await this.linkTo(tx, run, item, values, byTag.id, 'link', { matchedBy: 'tag' }, reads),
      };
    }
    const match = duplicates?.match(values);
    if (match) {
      const other = await reads.linkOfRecord(tx, match.crmId);
      if (!other) {
        const details = { matchedBy: match.matchedBy };
        return { lines: await this.linkTo(tx, run, item, values, match.crmId, 'merge', details, reads) };
      }
      const details = { matchedBy: match.matchedBy, linkedTo: other.remoteId };
      return {
        lines: [
          this.line(run, 'none', 'skip', match.crmId, remoteId, values, [], 'duplicate_in_office', details),
        ],
      };
    }
    const def = run.resource.definition;
    const created = await this.deps.records.create(
      syncActor(run),
      def,
      { ...run.resource.crmFields(values, undefined, run.settings), ownerId: run.member.userId },
      { tx },
    );
    await this.deps.links.upsert(tx, run.target, created.id, this.baseOf(run, item, values, created.version));
    reads.wrote({ remoteId, crmId: created.id });
    run.tally.count('toCrm', 'created');
    const fields = run.fields.filter((f) => values[f] !== null);
    return {
      lines: [
        this.line(run, 'to_crm', 'create', created.id, remoteId, values, fields, 'created_in_office', {}),
      ],
      created,
    };
  }

  /** An existing record and an unlinked item: link them, merging their values (base: nothing in common). */
  private async linkTo(
    tx: Tx,
    run: RunContext,
    item: Record<string, unknown>,
    values: Record<string, unknown>,
    crmId: string,
    action: 'link' | 'merge',
    details: Record<string, unknown>,
    reads: PageReads,
  ): Promise<JournalLine[]> {
    const link = await this.deps.links.upsert(tx, run.target, crmId, {
      remoteId: String(item.id),
      base: {},
      baseHash: null,
      pendingCreateAt: null,
    });
    reads.wrote(link);
    const lines = await this.applyLinked(tx, run, item, values, link, reads);
    return [
      this.line(
        run,
        'none',
        action,
        crmId,
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
    reads: PageReads,
  ): Promise<JournalLine[]> {
    const version = versionOf(item);
    const owned = run.resource.owned?.of(item);
    const ownedChanged = !!owned && hashValues(owned, Object.keys(owned)) !== ownedHash(link.base);
    reads.wrote(link);
    if (unchanged(run, item, values, link)) {
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
    const record = await reads.record(tx, link.crmId);
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
      remoteVersion: versionOf(item),
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
