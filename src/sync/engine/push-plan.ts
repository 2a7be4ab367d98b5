import type { RecordDto } from '../../crm/shared/record.service.js';
import type { Tx } from '../../platform/db/database.js';
import type { OutboxRow, SyncLinkRow } from './sync-link.table.js';
import type { RunContext } from './sync-run-context.js';
import { ownedInBase, type SyncValues } from './sync-resource.js';

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
