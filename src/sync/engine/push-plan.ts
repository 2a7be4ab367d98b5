import type { RecordDto } from '../../crm/shared/record.service.js';
import type { Tx } from '../../platform/db/database.js';
import type { MemberRecords } from './member-records.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { OutboxRow, SyncLinkRow } from './sync-link.table.js';
import type { RunContext } from './sync-run-context.js';
import { ownedInBase, remappedFields, type SyncValues } from './sync-resource.js';
import { hashValues, pick } from './sync-values.js';

/** One outbox entry, planned against the record and its link. */
export type Plan =
  | { kind: 'done'; entry: OutboxRow; record?: RecordDto; link?: SyncLinkRow; values?: SyncValues }
  | { kind: 'delete'; entry: OutboxRow; link: SyncLinkRow }
  | { kind: 'create'; entry: OutboxRow; record: RecordDto; values: SyncValues; owned?: Owned }
  | {
      kind: 'update';
      entry: OutboxRow;
      record: RecordDto;
      link: SyncLinkRow;
      values: SyncValues;
      changed: string[];
      /** Owned properties to write (the resource's categories), when they differ. */
      owned?: Owned;
    };
type Owned = Record<string, unknown>;
/** A plan that writes to Office 365. */
export type WritePlan = Exclude<Plan, { kind: 'done' }>;

/**
 * Plans outbox entries against their records (tombstones included) and links, loaded together: two
 * queries and the owned properties' own, whatever the number of entries.
 */
export async function planEntries(
  tx: Tx,
  run: RunContext,
  deps: { memberRecords: MemberRecords; links: SyncLinkRepository },
  entries: OutboxRow[],
): Promise<Plan[]> {
  const ids = entries.map((e) => e.crmId);
  const def = run.resource.definition;
  const records = await deps.memberRecords.findMany(tx, run.member.actor, def, ids, true);
  const links = await deps.links.byCrmIds(tx, run.target, ids);
  const plans = entries.map((e) => planEntry(run, e, records.get(e.crmId), links.get(e.crmId)));
  return withOwnedWrites(tx, run, plans);
}

function planEntry(
  run: RunContext,
  entry: OutboxRow,
  record: (RecordDto & { deleted: boolean }) | undefined,
  link: SyncLinkRow | undefined,
): Plan {
  if (entry.op === 'delete' || !record || record.deleted) {
    return link?.remoteId ? { kind: 'delete', entry, link } : { kind: 'done', entry };
  }
  const values = pick(run.resource.crmValues(record, run.settings), run.fields);
  if (!link?.remoteId) return { kind: 'create', entry, record, values };
  const base = pick(link.base, run.fields);
  const remapped = remappedFields(link.base, run.settings, run.fields);
  const changed = run.fields.filter(
    (f) => remapped.includes(f) || hashValues({ v: values[f] }, ['v']) !== hashValues({ v: base[f] }, ['v']),
  );
  return changed.length
    ? { kind: 'update', entry, record, link, values, changed }
    : { kind: 'done', entry, record, link, values };
}

/**
 * The resource's owned properties (categories) for the creates and the linked records, computed
 * together: a record whose fields are in sync but whose owned properties differ becomes an update
 * of those properties alone; one already right stays done (nothing written).
 */
export async function withOwnedWrites(tx: Tx, run: RunContext, plans: Plan[]): Promise<Plan[]> {
  const owned = run.resource.owned;
  if (!owned) return plans;
  const subjects = plans.filter(
    (p): p is Extract<Plan, { kind: 'create' | 'update' }> | Required<Extract<Plan, { kind: 'done' }>> =>
      p.kind === 'create' ||
      // What the item holds must be known (stored by the last pull or write) to keep the user's own.
      ((p.kind === 'update' || p.kind === 'done') && !!p.link && !!ownedInBase(p.link.base) && !!p.record),
  );
  const writes = await owned.writes(
    tx,
    run.member.actor,
    subjects.map((p) => ({
      record: p.record,
      current: p.kind === 'create' ? undefined : ownedInBase(p.link.base),
    })),
  );
  const next = new Map(subjects.map((p, i) => [p, writes[i]]));
  return plans.map((p): Plan => {
    const write = next.get(p as never);
    if (!write) return p;
    if (p.kind === 'done')
      return {
        kind: 'update',
        entry: p.entry,
        record: p.record!,
        link: p.link!,
        values: p.values!,
        changed: [],
        owned: write,
      };
    return { ...(p as Extract<Plan, { kind: 'create' | 'update' }>), owned: write };
  });
}
