import type { OwnWrites } from './own-writes.js';
import type { Tx } from '../../platform/db/database.js';
import { GraphCallError, type GraphResponse } from '../graph/graph-port.js';
import { decideItemFailure } from './failure-policy.js';
import { tagOf, versionOf } from './item-tag.js';
import type { PushConflicts } from './push-conflicts.js';
import type { WritePlan } from './push-plan.js';
import type { JournalLine, SyncJournalRepository } from './sync-journal.repo.js';
import type { LinkPatch, LinkValues, SyncLinkRepository } from './sync-link.repo.js';
import type { OutboxRow, SyncLinkRow } from './sync-link.table.js';
import type { RunContext } from './sync-run-context.js';
import { ownedInBase, withOwned, type SyncValues } from './sync-resource.js';
import { hashValues } from './sync-values.js';

/** What one answer of a `$batch` leaves to write; a whole batch's are written in one transaction. */
export interface Settled {
  entry: OutboxRow;
  lines: JournalLine[];
  /** The item's failure code: its entry stays queued with it. Done (dequeued) otherwise. */
  failed?: string;
  created?: LinkValues;
  updated?: { link: SyncLinkRow; patch: LinkPatch };
  removed?: SyncLinkRow;
}

/** The answers settled, and the error that stopped the run (after what was settled is written). */
export interface Settlement {
  settled: Settled[];
  failure?: unknown;
}

/**
 * The answers of one `$batch` of CRM → Office 365 writes. A lost create (AMBIGUOUS_WRITE) is looked
 * up by tag, never posted again here; a stale version (412) goes to {@link PushConflicts}; another
 * refused item is an item error, unless the failure policy aborts the run.
 */
export class PushSettler {
  constructor(
    private readonly deps: {
      links: SyncLinkRepository;
      journal: SyncJournalRepository;
      conflicts: PushConflicts;
      /** Remembers the versions written, so their change notifications start no run. */
      ownWrites?: OwnWrites;
    },
  ) {}

  /** What each answer leaves to write. Items that failed need Graph again, so they come last. */
  async settle(
    run: RunContext,
    plans: WritePlan[],
    answers: (GraphResponse | GraphCallError)[],
  ): Promise<Settlement> {
    const settled: Settled[] = [];
    const failed: [WritePlan, GraphCallError][] = [];
    for (const [i, plan] of plans.entries()) {
      const answer = answers[i]!;
      if (answer instanceof GraphCallError) failed.push([plan, answer]);
      else settled.push(this.succeeded(run, plan, answer.body as Record<string, unknown>));
    }
    for (const [plan, error] of failed) {
      try {
        settled.push(await this.refused(run, plan, error));
      } catch (failure) {
        return { settled, failure };
      }
    }
    return { settled };
  }

  /** Writes a batch's outcome: links, journal lines, outbox entries done or failed (one statement each). */
  /** `queued`: entries left queued although their item was written (its completion is to come). */
  async write(
    tx: Tx,
    run: RunContext,
    settled: Settled[],
    queued: ReadonlySet<Settled> = new Set(),
  ): Promise<void> {
    const { links, journal } = this.deps;
    await links.upsertMany(
      tx,
      run.target,
      settled.flatMap((s) => (s.created ? [s.created] : [])),
    );
    for (const s of settled) if (s.updated) await links.update(tx, s.updated.link, s.updated.patch);
    await links.removeMany(
      tx,
      settled.flatMap((s) => (s.removed ? [s.removed] : [])),
    );
    await journal.append(
      tx,
      run.target,
      run.runId,
      settled.flatMap((s) => s.lines),
    );
    await links.doneMany(
      tx,
      settled.filter((s) => !s.failed && !queued.has(s)).map((s) => s.entry),
    );
    for (const s of settled) if (s.failed) await links.failed(tx, s.entry, s.failed);
  }

  private succeeded(run: RunContext, plan: WritePlan, body: Record<string, unknown>): Settled {
    if (plan.kind === 'delete') return this.deleted(run, plan);
    if (plan.kind === 'create') return this.created(run, plan, body);
    run.tally.count('toOffice', 'updated');
    this.deps.ownWrites?.remember(run.target, plan.link.remoteId!, versionOf(body));
    return {
      entry: plan.entry,
      updated: {
        link: plan.link,
        patch: {
          remoteVersion: versionOf(body),
          base: withOwned(plan.values, plan.owned ?? ownedInBase(plan.link.base), run.settings.mapping),
          baseHash: hashValues(plan.values, run.fields),
          crmVersion: plan.record.version,
        },
      },
      lines: [
        line(
          run,
          'update',
          plan.record.id,
          plan.link.remoteId,
          plan.values,
          plan.changed,
          plan.changed.length ? 'changed_in_crm' : 'owned_properties_in_crm',
          plan.owned ?? {},
        ),
      ],
    };
  }

  private async refused(run: RunContext, plan: WritePlan, answer: GraphCallError): Promise<Settled> {
    if (plan.kind === 'delete' && answer.code === 'NOT_FOUND') return this.deleted(run, plan);
    if (plan.kind === 'create' && answer.code === 'AMBIGUOUS_WRITE') {
      const found = await findByTag(run, plan.record.id);
      if (found) return this.created(run, plan, found);
    }
    if (plan.kind === 'update' && (answer.code === 'PRECONDITION_FAILED' || answer.code === 'CONFLICT')) {
      const lines = await this.deps.conflicts.resolve(run, plan.record, plan.link);
      const failed = lines.some((l) => l.action === 'error') ? answer.code : undefined;
      return { entry: plan.entry, lines, failed };
    }
    const decision = decideItemFailure(answer);
    if (decision.kind === 'abort_run') throw answer;
    const error = run.tally.error(decision.code, 'Office 365 refused this change.', {
      crmId: plan.entry.crmId,
    });
    return { entry: plan.entry, lines: [{ ...error, direction: 'to_office' }], failed: decision.code };
  }

  private created(
    run: RunContext,
    plan: Extract<WritePlan, { kind: 'create' }>,
    item: Record<string, unknown>,
  ): Settled {
    run.tally.count('toOffice', 'created');
    this.deps.ownWrites?.remember(run.target, String(item.id), versionOf(item));
    const fields = run.fields.filter((f) => plan.values[f] !== null);
    return {
      entry: plan.entry,
      created: {
        crmId: plan.record.id,
        remoteId: String(item.id),
        remoteVersion: versionOf(item),
        base: withOwned(plan.values, plan.owned, run.settings.mapping),
        baseHash: hashValues(plan.values, run.fields),
        crmVersion: plan.record.version,
        pendingCreateAt: null,
      },
      lines: [line(run, 'create', plan.record.id, String(item.id), plan.values, fields, 'created_in_crm')],
    };
  }

  private deleted(run: RunContext, plan: Extract<WritePlan, { kind: 'delete' }>): Settled {
    run.tally.count('toOffice', 'deleted');
    const { link } = plan;
    return {
      entry: plan.entry,
      removed: link,
      lines: [line(run, 'delete', link.crmId, link.remoteId, link.base, [], 'deleted_in_crm')],
    };
  }
}

/** The container's item carrying `crmId` in the resource's tag, if any. */
export async function findByTag(
  run: RunContext,
  crmId: string,
): Promise<Record<string, unknown> | undefined> {
  const base = run.resource.itemsUrl(run.mailbox.mailbox, run.containerId).split('?')[0]!;
  return tagOf(run.resource).find(run.mailbox, base, crmId);
}

function line(
  run: RunContext,
  action: JournalLine['action'],
  crmId: string,
  remoteId: string | null,
  values: SyncValues,
  fields: string[],
  reason: string,
  details: Record<string, unknown> = {},
): JournalLine {
  return {
    direction: 'to_office',
    action,
    crmId,
    remoteId,
    label: run.resource.label(values),
    fields,
    reason,
    details,
  };
}
