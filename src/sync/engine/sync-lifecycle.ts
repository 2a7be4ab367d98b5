import type { Database, Tx } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import { GraphCallError, type GraphPort } from '../graph/graph-port.js';
import type { ModuleSettingsRepository } from '../module-settings.repo.js';
import type { MemberRecords } from './member-records.js';
import type { SubscriptionLifecycle, SyncTarget } from './sync-contract.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { MailboxContext, SyncResource } from './sync-resource.js';
import type { SyncMember } from './sync-run-context.js';
import type { SyncStateRepository } from './sync-state.repo.js';

export interface LifecycleDeps {
  db: Database;
  graph: GraphPort;
  states: SyncStateRepository;
  links: SyncLinkRepository;
  settings: ModuleSettingsRepository;
  memberRecords: MemberRecords;
  logger: Logger;
  subscriptions: () => SubscriptionLifecycle | undefined;
}

/**
 * Turning a module on and off (PRODUCT §3): enabling creates or adopts the container, queues every
 * CRM record the member syncs and subscribes to changes; disabling deletes the container (and the
 * copies in it) from Office 365 and forgets the links, leaving the CRM untouched. A container
 * deleted in Office 365 turns the module off without recreating it.
 */
export class SyncLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  mailboxOf(member: Pick<SyncMember, 'tenantId' | 'objectId'>): MailboxContext {
    return {
      graph: this.deps.graph,
      auth: { kind: 'app', tenantId: member.tenantId },
      mailbox: member.objectId,
    };
  }

  async enable(target: SyncTarget, member: SyncMember, resource: SyncResource): Promise<void> {
    const ctx = this.mailboxOf(member);
    const containerId = await resource.ensureContainer(ctx);
    await this.deps.db.scoped(target.orgId, async (tx) => {
      await this.deps.states.upsert(tx, target, {
        state: 'queued',
        containerId,
        deltaLink: null,
        failures: 0,
        nextRunAt: null,
        paused: null,
      });
      await this.switchTo(tx, target, true);
      await this.enqueueAll(tx, target, member, resource);
    });
    await this.deps
      .subscriptions()
      ?.ensure(
        target,
        member.tenantId,
        member.objectId,
        resource.subscriptionResource(member.objectId, containerId),
      );
  }

  /** Queues every record the member syncs (first sync, mapping change). */
  async enqueueAll(tx: Tx, target: SyncTarget, member: SyncMember, resource: SyncResource): Promise<void> {
    const records = await this.deps.memberRecords.all(tx, member.actor, resource.definition);
    await this.deps.links.enqueueMany(
      tx,
      target,
      records.map((r) => r.id),
    );
  }

  async disable(target: SyncTarget, member: SyncMember, resource: SyncResource): Promise<void> {
    const state = await this.deps.db.scoped(target.orgId, (tx) => this.deps.states.get(tx, target));
    await this.deps.subscriptions()?.remove(target);
    if (state?.containerId) {
      try {
        await resource.deleteContainer(this.mailboxOf(member), state.containerId);
      } catch (err) {
        if (!(err instanceof GraphCallError && err.code === 'NOT_FOUND')) throw err;
      }
    }
    await this.forget(target, 'disabled');
  }

  /** The container (named `containerName`) is gone in Office 365: the module is off; nothing is recreated. */
  async containerGone(target: SyncTarget, containerName: string): Promise<void> {
    await this.deps.subscriptions()?.remove(target);
    await this.forget(target, 'disabled', {
      code: 'container_deleted',
      message: `"${containerName}" was deleted in Office 365.`,
    });
  }

  private async forget(
    target: SyncTarget,
    state: 'disabled',
    paused: { code: string; message: string } | null = null,
  ) {
    await this.deps.db.scoped(target.orgId, async (tx) => {
      await this.deps.links.removeAll(tx, target);
      await this.deps.states.upsert(tx, target, {
        state,
        containerId: null,
        deltaLink: null,
        failures: 0,
        nextRunAt: null,
        paused,
        leaseOwner: null,
        leaseUntil: null,
      });
      await this.switchTo(tx, target, false);
    });
  }

  private async switchTo(tx: Tx, target: SyncTarget, enabled: boolean): Promise<void> {
    await this.deps.settings.upsert(tx, { ...target, enabled, updatedBy: target.userId });
  }
}
