import type { Actor } from '../../tenancy/principal.js';
import type { JournalLine } from './sync-journal.repo.js';
import type { DirectionCounts, SyncError, SyncTarget } from './sync-contract.js';
import type { MailboxContext, ResourceSettings, SyncResource } from './sync-resource.js';
import type { SyncCounts } from './sync-state.table.js';

/** The member a target syncs for: who they are in Entra and what they may see in the CRM. */
export interface SyncMember {
  userId: string;
  tenantId: string;
  objectId: string;
  actor: Actor;
}

/** Everything one run works with; built by the runner once it holds the lease. */
export interface RunContext {
  target: SyncTarget;
  runId: string;
  leaseOwner: string;
  resource: SyncResource;
  settings: ResourceSettings;
  /** The CRM fields that sync under the member's mapping. */
  fields: string[];
  containerId: string;
  deltaLink: string | null;
  /** When the round of `deltaLink` began (null: unknown, or no round yet). */
  deltaRoundAt: Date | null;
  mailbox: MailboxContext;
  member: SyncMember;
  tally: RunTally;
}

const zero = (): DirectionCounts => ({ created: 0, updated: 0, deleted: 0 });

/** What a run did, for the state totals, the run log, the notifier and the journal. */
export class RunTally {
  readonly toCrm = zero();
  readonly toOffice = zero();
  readonly errors: SyncError[] = [];

  count(direction: 'toCrm' | 'toOffice', what: keyof DirectionCounts): void {
    this[direction][what] += 1;
  }

  /** Records an item error (shown in the status) and returns its journal line. */
  error(
    code: string,
    message: string,
    ids: { crmId?: string | null; remoteId?: string | null; label?: string | null },
  ): JournalLine {
    this.errors.push({
      at: new Date().toISOString(),
      code,
      message,
      ...(ids.crmId ? { crmId: ids.crmId } : {}),
      ...(ids.remoteId ? { remoteId: ids.remoteId } : {}),
    });
    return {
      direction: 'none',
      action: 'error',
      crmId: ids.crmId ?? null,
      remoteId: ids.remoteId ?? null,
      label: ids.label ?? null,
      fields: [],
      reason: code,
      details: { message },
    };
  }

  counts(): SyncCounts {
    return { toCrm: { ...this.toCrm }, toOffice: { ...this.toOffice } };
  }

  /** `totals` plus this run. */
  addTo(totals: SyncCounts): SyncCounts {
    const add = (a: DirectionCounts, b: DirectionCounts) => ({
      created: a.created + b.created,
      updated: a.updated + b.updated,
      deleted: a.deleted + b.deleted,
    });
    return { toCrm: add(totals.toCrm, this.toCrm), toOffice: add(totals.toOffice, this.toOffice) };
  }
}
