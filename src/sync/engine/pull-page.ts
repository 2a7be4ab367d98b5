import type { RecordDto } from '../../crm/shared/record.service.js';
import type { Tx } from '../../platform/db/database.js';
import type { MemberRecords } from './member-records.js';
import type { SyncLinkRow } from './sync-link.table.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { RunContext } from './sync-run-context.js';
import type { DuplicateIndex, SyncValues } from './sync-resource.js';
import { hashValues, pick } from './sync-values.js';
import { versionOf } from './item-tag.js';

/** An item of a delta page with the values it syncs (none for a removal). */
export interface PageItem {
  item: Record<string, unknown>;
  remoteId: string;
  values: SyncValues | undefined;
}

/** The items of a page, their values read once. */
export const pageItems = (run: RunContext, items: Record<string, unknown>[]): PageItem[] =>
  items.map((item) => ({
    item,
    remoteId: String(item.id),
    values: item['@removed'] ? undefined : pick(run.resource.remoteValues(item, run.settings), run.fields),
  }));

/**
 * The item holds what its link's base holds (its version, or the hash of its values): an echo of
 * Tandem's own write or a change outside the synced fields, which writes nothing to the CRM.
 */
export function unchanged(
  run: RunContext,
  item: Record<string, unknown>,
  values: SyncValues,
  link: SyncLinkRow,
) {
  const version = versionOf(item);
  return (
    (version !== null && version === link.remoteVersion) || hashValues(values, run.fields) === link.baseHash
  );
}

interface PageReadsDeps {
  links: SyncLinkRepository;
  memberRecords: MemberRecords;
}

/**
 * What applying one page reads, in three queries for the whole page instead of up to three per
 * item: the links of its items; the CRM records its items may need (the tagged or matching record
 * of an unlinked item, the record of a changed linked one) and those records' links. Whatever an
 * item writes is then stale and read again when asked for (the same item twice in a page, a
 * duplicate of an item linked earlier in the page).
 */
export class PageReads {
  private readonly stale = new Set<string>();

  private constructor(
    private readonly deps: PageReadsDeps,
    private readonly run: RunContext,
    private readonly readItems: Set<string>,
    private readonly itemLinks: Map<string, SyncLinkRow>,
    private readonly readIds: Set<string>,
    private readonly recordLinks: Map<string, SyncLinkRow>,
    private readonly records: Map<string, RecordDto>,
  ) {}

  static async load(
    deps: PageReadsDeps,
    tx: Tx,
    run: RunContext,
    items: PageItem[],
    tagged: Map<string, string>,
    duplicates: DuplicateIndex | undefined,
  ): Promise<PageReads> {
    const remoteIds = new Set(items.map((i) => i.remoteId));
    const itemLinks = await deps.links.byRemoteIds(tx, run.target, [...remoteIds]);
    const crmIds = new Set<string>();
    for (const { item, remoteId, values } of items) {
      if (!values) continue;
      const link = itemLinks.get(remoteId);
      if (link) {
        if (!unchanged(run, item, values, link)) crmIds.add(link.crmId);
        continue;
      }
      const tag = tagged.get(remoteId);
      if (tag) crmIds.add(tag);
      const match = duplicates?.match(values);
      if (match) crmIds.add(match.crmId);
    }
    const ids = [...crmIds];
    const recordLinks = await deps.links.byCrmIds(tx, run.target, ids);
    const records = await deps.memberRecords.findMany(tx, run.member.actor, run.resource.definition, ids);
    return new PageReads(deps, run, remoteIds, itemLinks, crmIds, recordLinks, records);
  }

  /** The link of an item of the page. */
  async linkOfItem(tx: Tx, remoteId: string): Promise<SyncLinkRow | undefined> {
    if (this.readItems.has(remoteId) && !this.stale.has(`item:${remoteId}`))
      return this.itemLinks.get(remoteId);
    return this.deps.links.byRemoteId(tx, this.run.target, remoteId);
  }

  /** The link of a CRM record. */
  async linkOfRecord(tx: Tx, crmId: string): Promise<SyncLinkRow | undefined> {
    if (this.fresh(crmId)) return this.recordLinks.get(crmId);
    return this.deps.links.byCrmId(tx, this.run.target, crmId);
  }

  /** A CRM record the member syncs. */
  async record(tx: Tx, crmId: string): Promise<RecordDto | undefined> {
    if (this.fresh(crmId)) return this.records.get(crmId);
    return this.deps.memberRecords.find(tx, this.run.member.actor, this.run.resource.definition, crmId);
  }

  /** An item wrote to a link, or to its record: read them again from now on. */
  wrote(link: { remoteId: string | null; crmId: string }): void {
    if (link.remoteId) this.stale.add(`item:${link.remoteId}`);
    this.stale.add(`record:${link.crmId}`);
  }

  private fresh(crmId: string): boolean {
    return this.readIds.has(crmId) && !this.stale.has(`record:${crmId}`);
  }
}
