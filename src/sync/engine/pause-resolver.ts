import type { RecordService } from '../../crm/shared/record.service.js';
import type { Database } from '../../platform/db/database.js';
import { ConflictError } from '../../platform/errors/app-error.js';
import type { MemberRecords } from './member-records.js';
import type { SyncTarget } from './sync-contract.js';
import type { JournalLine, SyncJournalRepository } from './sync-journal.repo.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { SyncResource } from './sync-resource.js';
import type { SyncMember } from './sync-run-context.js';
import type { SyncStateRepository } from './sync-state.repo.js';

/**
 * The user's answer to a mass-deletion pause: apply the deletions to the CRM, or keep the records
 * and put them back in Office 365 (their links are dropped and they are queued as new items).
 */
export class PauseResolver {
  constructor(
    private readonly deps: {
      db: Database;
      states: SyncStateRepository;
      links: SyncLinkRepository;
      journal: SyncJournalRepository;
      records: RecordService;
      memberRecords: MemberRecords;
    },
  ) {}

  async resolve(
    target: SyncTarget,
    member: SyncMember,
    resource: SyncResource,
    applyDeletions: boolean,
  ): Promise<void> {
    await this.deps.db.scoped(target.orgId, async (tx) => {
      const state = await this.deps.states.get(tx, target);
      const paused =
        state?.state === 'paused' && state.paused && 'remoteIds' in state.paused ? state.paused : undefined;
      if (!paused) throw new ConflictError('not_paused', 'The sync is not waiting for an answer.');
      const actor = {
        ...member.actor,
        source: 'sync' as const,
        reason: 'mass deletion confirmed by the user',
      };
      const lines: JournalLine[] = [];
      for (const remoteId of paused.remoteIds) {
        const link = await this.deps.links.byRemoteId(tx, target, remoteId);
        if (!link) continue;
        await this.deps.links.remove(tx, link);
        const record = await this.deps.memberRecords.find(tx, member.actor, resource.definition, link.crmId);
        const base = {
          crmId: link.crmId,
          remoteId,
          label: record ? resource.label(resource.crmValues(record, resource.settings({}, state!))) : null,
          fields: [],
          details: {},
        };
        if (applyDeletions && record) {
          await this.deps.records.remove(actor, resource.definition, link.crmId, undefined, { tx });
          lines.push({
            ...base,
            direction: 'to_crm',
            action: 'delete',
            reason: 'deleted_in_office_confirmed',
          });
        } else if (record) {
          await this.deps.links.enqueue(tx, target, link.crmId, 'upsert');
          lines.push({
            ...base,
            direction: 'to_office',
            action: 'skip',
            reason: 'deletion_declined_recreate',
          });
        }
      }
      await this.deps.journal.append(tx, target, null, lines);
      await this.deps.states.update(tx, target, { state: 'queued', paused: null });
    });
  }
}
