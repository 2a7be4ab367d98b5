import type { Database, Tx } from '../../platform/db/database.js';
import { GraphCallError, type GraphRequest, type GraphResponse } from '../graph/graph-port.js';
import { decideItemFailure } from './failure-policy.js';
import type { MemberRecords } from './member-records.js';
import type { PushConflicts } from './push-conflicts.js';
import type { JournalLine, SyncJournalRepository } from './sync-journal.repo.js';
import type { OutboxRow } from './sync-link.table.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { SyncStateRepository } from './sync-state.repo.js';
import type { RunContext } from './sync-run-context.js';
import { withOwnedWrites, type Plan } from './push-plan.js';
import { ownedInBase, remappedFields, withOwned, type SyncValues } from './sync-resource.js';
import { hashValues, pick } from './sync-values.js';

export interface PushDeps {
  db: Database;
  links: SyncLinkRepository;
  journal: SyncJournalRepository;
  memberRecords: MemberRecords;
  conflicts: PushConflicts;
  /** The run's lease is renewed before each batch (a long push outlives one lease otherwise). */
  states: SyncStateRepository;
  leaseSeconds: number;
}

const BATCH = 20;
const PER_RUN = 1_000;

/**
 * CRM → Office 365: drains the outbox. Creates write a pending-create link first and carry the CRM
 * id in the resource's tag property, so a lost response is resolved by looking the item up by tag,
 * never by posting twice. Updates PATCH only the fields changed since the base, with `If-Match`;
 * a stale version is refetched, merged and retried (see {@link PushConflicts}). Writes go in `$batch`es.
 */
export class PushPhase {
  constructor(private readonly deps: PushDeps) {}

  /** Pending creates whose response was lost: adopt the item carrying the tag, if it exists. */
  async resolvePendingCreates(run: RunContext): Promise<void> {
    const pending = await this.scoped(run, (tx) => this.deps.links.all(tx, run.target));
    for (const link of pending.filter((l) => l.pendingCreateAt && !l.remoteId)) {
      const found = await this.findByTag(run, link.crmId);
      await this.scoped(run, (tx) =>
        found
          ? this.deps.links.update(tx, link, {
              remoteId: String(found.id),
              remoteVersion: typeof found.changeKey === 'string' ? found.changeKey : null,
              pendingCreateAt: null,
            })
          : this.deps.links.remove(tx, link),
      );
    }
  }

  async run(run: RunContext): Promise<void> {
    const plans = await this.scoped(run, async (tx) => {
      const entries = await this.deps.links.pending(tx, run.target, PER_RUN);
      const out: Plan[] = [];
      for (const entry of entries) out.push(await this.plan(tx, run, entry));
      return withOwnedWrites(tx, run, out);
    });
    await this.scoped(run, async (tx) => {
      for (const p of plans) if (p.kind === 'done') await this.deps.links.done(tx, p.entry);
    });
    for (let i = 0; i < plans.length; i += BATCH) {
      const chunk = plans.slice(i, i + BATCH).filter((p) => p.kind !== 'done');
      if (!chunk.length) continue;
      await this.renewLease(run);
      await this.send(run, chunk);
    }
  }

  /** Keeps the lease while the outbox drains; a lease taken over (reaped) stops this run. */
  private async renewLease(run: RunContext): Promise<void> {
    const { states, leaseSeconds } = this.deps;
    const held = await this.scoped(run, (tx) =>
      states.renewLease(tx, run.target, run.leaseOwner, leaseSeconds),
    );
    if (!held) throw new Error('sync lease lost');
  }

  private async plan(tx: Tx, run: RunContext, entry: OutboxRow): Promise<Plan> {
    const def = run.resource.definition;
    const record = await this.deps.memberRecords.find(tx, run.member.actor, def, entry.crmId, true);
    const link = await this.deps.links.byCrmId(tx, run.target, entry.crmId);
    if (entry.op === 'delete' || !record || record.deleted) {
      return link?.remoteId ? { kind: 'delete', entry, link } : { kind: 'done', entry };
    }
    const values = pick(run.resource.crmValues(record, run.settings), run.fields);
    if (!link?.remoteId) return { kind: 'create', entry, record, values };
    const base = pick(link.base, run.fields);
    const remapped = remappedFields(link.base, run.settings, run.fields);
    const changed = run.fields.filter(
      (f) =>
        remapped.includes(f) || hashValues({ v: values[f] }, ['v']) !== hashValues({ v: base[f] }, ['v']),
    );
    return changed.length
      ? { kind: 'update', entry, record, link, values, changed }
      : { kind: 'done', entry, record, link, values };
  }

  private async send(run: RunContext, plans: Exclude<Plan, { kind: 'done' }>[]): Promise<void> {
    const { graph, auth, mailbox } = run.mailbox;
    const { resource, containerId } = run;
    const creates = plans.filter((p) => p.kind === 'create');
    // The pending-create marker is committed before any POST leaves.
    await this.scoped(run, async (tx) => {
      for (const p of creates) {
        await this.deps.links.upsert(tx, run.target, p.record.id, {
          remoteId: null,
          base: p.values,
          baseHash: hashValues(p.values, run.fields),
          crmVersion: p.record.version,
          pendingCreateAt: new Date(),
        });
      }
    });
    const requests = plans.map((p): GraphRequest => {
      if (p.kind === 'delete') {
        return {
          method: 'DELETE',
          url: resource.itemUrl(mailbox, containerId, p.link.remoteId!),
          idempotent: true,
        };
      }
      if (p.kind === 'create') {
        return {
          method: 'POST',
          url: resource.itemsUrl(mailbox, containerId).split('?')[0]!,
          body: {
            ...resource.remoteBody(p.values, run.settings),
            ...p.owned,
            singleValueExtendedProperties: [{ id: resource.tagPropertyId, value: p.record.id }],
          },
        };
      }
      return {
        method: 'PATCH',
        url: resource.itemUrl(mailbox, containerId, p.link.remoteId!),
        body: {
          ...(p.changed.length ? resource.remoteBody(p.values, run.settings, p.changed) : {}),
          ...p.owned,
        },
        headers: p.link.remoteVersion ? { 'If-Match': `W/"${p.link.remoteVersion}"` } : {},
        idempotent: true,
      };
    });
    const answers = await graph.batch(auth, mailbox, requests);
    for (const [i, plan] of plans.entries()) await this.settle(run, plan, answers[i]!);
  }

  private async settle(
    run: RunContext,
    plan: Exclude<Plan, { kind: 'done' }>,
    answer: GraphResponse | GraphCallError,
  ): Promise<void> {
    if (answer instanceof GraphCallError) {
      if (plan.kind === 'delete' && answer.code === 'NOT_FOUND') return this.deleted(run, plan);
      if (plan.kind === 'create' && answer.code === 'AMBIGUOUS_WRITE') {
        const found = await this.findByTag(run, plan.record.id);
        if (found) return this.created(run, plan, found);
      }
      if (plan.kind === 'update' && (answer.code === 'PRECONDITION_FAILED' || answer.code === 'CONFLICT')) {
        const lines = await this.deps.conflicts.resolve(run, plan.record, plan.link);
        return this.scoped(run, async (tx) => {
          await this.deps.journal.append(tx, run.target, run.runId, lines);
          if (lines.some((l) => l.action === 'error'))
            await this.deps.links.failed(tx, plan.entry, answer.code);
          else await this.deps.links.done(tx, plan.entry);
        });
      }
      const decision = decideItemFailure(answer);
      if (decision.kind === 'abort_run') throw answer;
      return this.scoped(run, async (tx) => {
        const line = run.tally.error(decision.code, 'Office 365 refused this change.', {
          crmId: plan.entry.crmId,
        });
        await this.deps.journal.append(tx, run.target, run.runId, [{ ...line, direction: 'to_office' }]);
        await this.deps.links.failed(tx, plan.entry, decision.code);
      });
    }
    if (plan.kind === 'delete') return this.deleted(run, plan);
    const body = answer.body as Record<string, unknown>;
    if (plan.kind === 'create') return this.created(run, plan, body);
    await this.scoped(run, async (tx) => {
      await this.deps.links.update(tx, plan.link, {
        remoteVersion: typeof body.changeKey === 'string' ? body.changeKey : null,
        base: withOwned(plan.values, plan.owned ?? ownedInBase(plan.link.base), run.settings.mapping),
        baseHash: hashValues(plan.values, run.fields),
        crmVersion: plan.record.version,
      });
      run.tally.count('toOffice', 'updated');
      await this.deps.journal.append(tx, run.target, run.runId, [
        this.line(
          run,
          'update',
          plan.record.id,
          plan.link.remoteId,
          plan.values,
          plan.changed,
          plan.changed.length ? 'changed_in_crm' : 'owned_properties_in_crm',
          plan.owned ?? {},
        ),
      ]);
      await this.deps.links.done(tx, plan.entry);
    });
  }

  private async created(
    run: RunContext,
    plan: Extract<Plan, { kind: 'create' }>,
    item: Record<string, unknown>,
  ) {
    await this.scoped(run, async (tx) => {
      await this.deps.links.upsert(tx, run.target, plan.record.id, {
        remoteId: String(item.id),
        remoteVersion: typeof item.changeKey === 'string' ? item.changeKey : null,
        base: withOwned(plan.values, plan.owned, run.settings.mapping),
        baseHash: hashValues(plan.values, run.fields),
        crmVersion: plan.record.version,
        pendingCreateAt: null,
      });
      run.tally.count('toOffice', 'created');
      const fields = run.fields.filter((f) => plan.values[f] !== null);
      await this.deps.journal.append(tx, run.target, run.runId, [
        this.line(run, 'create', plan.record.id, String(item.id), plan.values, fields, 'created_in_crm'),
      ]);
      await this.deps.links.done(tx, plan.entry);
    });
  }

  private async deleted(run: RunContext, plan: Extract<Plan, { kind: 'delete' }>) {
    await this.scoped(run, async (tx) => {
      await this.deps.links.remove(tx, plan.link);
      run.tally.count('toOffice', 'deleted');
      await this.deps.journal.append(tx, run.target, run.runId, [
        this.line(run, 'delete', plan.link.crmId, plan.link.remoteId, plan.link.base, [], 'deleted_in_crm'),
      ]);
      await this.deps.links.done(tx, plan.entry);
    });
  }

  /** The container's item carrying `crmId` in the tag property, if any. */
  private async findByTag(run: RunContext, crmId: string): Promise<Record<string, unknown> | undefined> {
    const { graph, auth, mailbox } = run.mailbox;
    const tag = run.resource.tagPropertyId;
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${tag}' and ep/value eq '${crmId}')`;
    const base = run.resource.itemsUrl(mailbox, run.containerId).split('?')[0]!;
    const res = await graph.call<{ value: Record<string, unknown>[] }>(auth, mailbox, {
      method: 'GET',
      url: `${base}?$filter=${encodeURIComponent(filter)}&$select=id,changeKey`,
      idempotent: true,
    });
    return res.body.value[0];
  }

  private line(
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

  private scoped<T>(run: RunContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.deps.db.scoped(run.target.orgId, fn);
  }
}
