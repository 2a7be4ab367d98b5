import type { OwnWrites } from './own-writes.js';
import type { RecordDto, RecordService } from '../../crm/shared/record.service.js';
import type { Database } from '../../platform/db/database.js';
import { GraphCallError } from '../graph/graph-port.js';
import type { MemberRecords } from './member-records.js';
import type { JournalLine } from './sync-journal.repo.js';
import type { SyncLinkRow } from './sync-link.table.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { RunContext } from './sync-run-context.js';
import { hashValues, pick } from './sync-values.js';
import { threeWayMerge } from './three-way-merge.js';
import { versionOf } from './item-tag.js';

/** A PATCH lost its `If-Match` this many times in a row: the item is parked with an error. */
export const MAX_PRECONDITION_RETRIES = 3;

/**
 * A CRM change met a newer Office 365 version (412): refetch the item, merge field by field against
 * the base, write the CRM side, PATCH the Office side with the fresh version; at most 3 times.
 */
export class PushConflicts {
  constructor(
    private readonly deps: {
      db: Database;
      links: SyncLinkRepository;
      records: RecordService;
      memberRecords: MemberRecords;
      /** Remembers the versions written, so their change notifications start no run. */
      ownWrites?: OwnWrites;
    },
  ) {}

  async resolve(run: RunContext, record: RecordDto, link: SyncLinkRow): Promise<JournalLine[]> {
    const { graph, auth, mailbox } = run.mailbox;
    const url = run.resource.itemUrl(mailbox, run.containerId, link.remoteId!);
    for (let attempt = 1; attempt <= MAX_PRECONDITION_RETRIES; attempt++) {
      const item = (
        await graph.call<Record<string, unknown>>(auth, mailbox, {
          method: 'GET',
          url,
          headers: { ...run.resource.readHeaders },
          idempotent: true,
        })
      ).body;
      const lines: JournalLine[] = [];
      const office = pick(run.resource.remoteValues(item, run.settings), run.fields);
      const current = await this.deps.db.scoped(run.target.orgId, (tx) =>
        this.deps.memberRecords.find(tx, run.member.actor, run.resource.definition, record.id),
      );
      if (!current) return [];
      const merge = threeWayMerge({
        base: link.base,
        crm: pick(run.resource.crmValues(current, run.settings), run.fields),
        office,
        crmChangedAt: new Date(current.updatedAt as string),
        officeChangedAt: new Date(String(item.lastModifiedDateTime ?? 0)),
        fields: run.fields,
      });
      let version = versionOf(item);
      if (merge.toOffice.length) {
        try {
          const res = await graph.call<Record<string, unknown>>(auth, mailbox, {
            method: 'PATCH',
            url,
            body: run.resource.remoteBody(merge.merged, run.settings, merge.toOffice),
            headers: version ? { 'If-Match': `W/"${version}"` } : {},
            idempotent: true,
          });
          version = versionOf(res.body);
          this.deps.ownWrites?.remember(run.target, link.remoteId!, version);
          run.tally.count('toOffice', 'updated');
        } catch (err) {
          if (
            err instanceof GraphCallError &&
            (err.code === 'PRECONDITION_FAILED' || err.code === 'CONFLICT')
          )
            continue;
          throw err;
        }
      }
      await this.deps.db.scoped(run.target.orgId, async (tx) => {
        let crmVersion = current.version;
        if (merge.toCrm.length) {
          const patch = run.resource.crmFields(pick(merge.merged, merge.toCrm), current, run.settings);
          const actor = { ...run.member.actor, source: 'merge' as const, reason: `sync run ${run.runId}` };
          crmVersion = (
            await this.deps.records.update(actor, run.resource.definition, current.id, patch, undefined, {
              tx,
            })
          ).version;
          run.tally.count('toCrm', 'updated');
        }
        await this.deps.links.update(tx, link, {
          remoteVersion: version,
          base: merge.merged,
          baseHash: hashValues(merge.merged, run.fields),
          crmVersion,
        });
      });
      const label = run.resource.label(merge.merged);
      const common = { crmId: record.id, remoteId: link.remoteId, label };
      if (merge.toOffice.length)
        lines.push({
          ...common,
          direction: 'to_office',
          action: 'update',
          fields: merge.toOffice,
          reason: 'changed_in_crm',
          details: { retried: attempt },
        });
      if (merge.toCrm.length)
        lines.push({
          ...common,
          direction: 'to_crm',
          action: 'update',
          fields: merge.toCrm,
          reason: 'changed_in_office',
          details: {},
        });
      for (const c of merge.conflicts)
        lines.push({
          ...common,
          direction: 'none',
          action: 'conflict',
          fields: [c.field],
          reason: 'both_sides_changed',
          details: { conflicts: [c] },
        });
      return lines;
    }
    return [
      run.tally.error(
        'precondition_retries_exhausted',
        'The item kept changing in Office 365; it will be retried later.',
        { crmId: record.id, remoteId: link.remoteId },
      ),
    ];
  }
}
