import type { Database } from '../../platform/db/database.js';
import { AppError, ConflictError, ValidationError } from '../../platform/errors/app-error.js';
import type { Principal } from '../../tenancy/principal.js';
import { GraphCallError } from '../graph/graph-port.js';
import type { ModuleSettingsRepository } from '../module-settings.repo.js';
import { requireSyncPermissions } from '../sync-permissions.js';
import { SYNC_MODULES, type SyncModule } from '../module-settings.table.js';
import type { ConflictRestorer, RestoredValue } from './conflict-restore.js';
import type { MemberRecords } from './member-records.js';
import type { PauseResolver } from './pause-resolver.js';
import type {
  DryRunReport,
  FieldCatalog,
  JournalEntry,
  ModuleSettingsUpdate,
  ModuleSyncView,
  SyncService,
  SyncTarget,
  SyncTrigger,
} from './sync-contract.js';
import type { SyncJournalRepository } from './sync-journal.repo.js';
import type { SyncLifecycle } from './sync-lifecycle.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { SyncResource } from './sync-resource.js';
import type { SyncMember } from './sync-run-context.js';
import type { SyncStateRepository } from './sync-state.repo.js';
import { toView } from './sync-view.js';
import { userMessageFor } from './user-messages.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Office 365 could not be reached for a request the user is waiting on. */
export class Office365UnavailableError extends AppError {
  constructor(cause: GraphCallError) {
    const consent = cause.code === 'CONSENT_REQUIRED' || cause.code === 'UNAUTHORIZED';
    super({
      code: consent ? 'office365_consent_required' : 'office365_unavailable',
      httpStatus: consent ? 403 : 503,
      retryable: !consent,
      userMessage: userMessageFor(cause.code),
      cause,
    });
  }
}

export interface SyncServiceDeps {
  db: Database;
  states: SyncStateRepository;
  links: SyncLinkRepository;
  journal: SyncJournalRepository;
  settings: ModuleSettingsRepository;
  memberRecords: MemberRecords;
  lifecycle: SyncLifecycle;
  pauses: PauseResolver;
  trigger: SyncTrigger;
  resources: Map<string, SyncResource>;
  restorer: ConflictRestorer;
}

/**
 * The engine's façade (REST, Sync tab, bot): always for the caller's own (organisation, member),
 * permissions checked here. Modules without a resource yet (meetings, tasks) keep their switch only.
 */
export class EngineSyncService implements SyncService {
  constructor(private readonly deps: SyncServiceDeps) {}

  async list(principal: Principal): Promise<ModuleSyncView[]> {
    return Promise.all(SYNC_MODULES.map((m) => this.get(principal, m)));
  }

  async get(principal: Principal, module: SyncModule): Promise<ModuleSyncView> {
    const target = targetOf(principal, module);
    const resource = this.deps.resources.get(module);
    return this.deps.db.scoped(principal.orgId, async (tx) => {
      const state = await this.deps.states.get(tx, target);
      const switched = (await this.deps.settings.forUser(tx, principal.orgId, principal.userId)).find(
        (r) => r.module === module,
      );
      const pending = await this.deps.links.pendingCount(tx, target);
      const conflicts = await this.deps.journal.countConflicts(tx, target);
      const settings = resource?.settings(
        {},
        { options: state?.options ?? {}, mapping: state?.mapping ?? {} },
      );
      return toView(module, { state, switched, pending, conflicts, settings, hasEngine: !!resource });
    });
  }

  async update(
    principal: Principal,
    module: SyncModule,
    update: ModuleSettingsUpdate,
  ): Promise<ModuleSyncView> {
    const target = targetOf(principal, module);
    const resource = this.deps.resources.get(module);
    if (update.enabled) requireSyncPermissions(principal, module);
    if (!resource) {
      if (
        (update.options && Object.keys(update.options).length) ||
        (update.mapping && Object.keys(update.mapping).length)
      ) {
        throw new ConflictError(
          'module_not_available',
          `Options and mapping for ${module} are not available yet.`,
        );
      }
      if (update.enabled !== undefined) {
        await this.deps.db.scoped(principal.orgId, (tx) =>
          this.deps.settings.upsert(tx, { ...target, enabled: update.enabled!, updatedBy: principal.userId }),
        );
      }
      return this.get(principal, module);
    }
    const member = memberOf(principal);
    const state = await this.deps.db.scoped(principal.orgId, (tx) => this.deps.states.get(tx, target));
    const current = { options: state?.options ?? {}, mapping: state?.mapping ?? {} };
    const next = resource.settings({ options: update.options, mapping: update.mapping }, current);
    const before = resource.settings({}, current);
    // A mapping change, or an option change that changes what items hold (tasks' value mappings):
    // every record is queued again so the items follow.
    const mappingChanged =
      (update.mapping !== undefined && JSON.stringify(next.mapping) !== JSON.stringify(before.mapping)) ||
      (update.options !== undefined && !!resource.remapsOn?.(before.options, next.options));
    const enabled = state !== undefined && state.state !== 'disabled';
    await this.deps.db.scoped(principal.orgId, async (tx) => {
      await this.deps.states.upsert(tx, target, {
        options: update.options ? next.options : current.options,
        mapping: update.mapping ? next.mapping : current.mapping,
      });
      if (mappingChanged && enabled && update.enabled !== false)
        await this.deps.lifecycle.enqueueAll(tx, target, member, resource);
    });
    await this.office(async () => {
      if (
        update.enabled === true &&
        (!enabled || state?.state === 'failed' || state?.state === 'needs_consent')
      ) {
        await this.deps.lifecycle.enable(target, member, resource);
        await this.deps.trigger.requestRun(target, 'enabled');
      } else if (update.enabled === false && enabled) {
        await this.deps.lifecycle.disable(target, member, resource);
      } else if (mappingChanged && enabled) {
        await this.deps.trigger.requestRun(target, 'manual');
      }
    });
    return this.get(principal, module);
  }

  async runNow(principal: Principal, module: SyncModule): Promise<{ queued: true }> {
    const target = targetOf(principal, module);
    const state = await this.deps.db.scoped(principal.orgId, async (tx) => {
      const s = await this.deps.states.get(tx, target);
      if (s && (s.state === 'backoff' || s.state === 'failed'))
        return this.deps.states.update(tx, target, { state: 'queued', nextRunAt: null });
      return s;
    });
    if (!this.deps.resources.has(module) || !state || state.state === 'disabled') {
      throw new ConflictError('module_disabled', `Turn on ${module} sync first.`);
    }
    if (state.state === 'paused') {
      throw new ConflictError('sync_paused', 'The sync is paused: answer the mass-deletion question first.');
    }
    if (state.state === 'needs_consent') {
      throw new ConflictError('sync_needs_consent', userMessageFor('CONSENT_REQUIRED'));
    }
    await this.deps.trigger.requestRun(target, 'manual');
    return { queued: true };
  }

  async journal(
    principal: Principal,
    module: SyncModule,
    page: { cursor?: string; limit?: number; action?: JournalEntry['action'] },
  ): Promise<{ entries: JournalEntry[]; nextCursor: string | null }> {
    if (page.cursor !== undefined && !UUID.test(page.cursor)) {
      throw new ValidationError([
        {
          pointer: '/cursor',
          in: 'query',
          code: 'invalid_cursor',
          detail: 'must be a cursor returned by a previous page',
        },
      ]);
    }
    const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
    const rows = await this.deps.db.scoped(principal.orgId, (tx) =>
      this.deps.journal.page(tx, targetOf(principal, module), {
        beforeId: page.cursor,
        limit: limit + 1,
        action: page.action,
      }),
    );
    const entries = rows.slice(0, limit).map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      runId: r.runId,
      direction: r.direction,
      action: r.action,
      crmId: r.crmId,
      remoteId: r.remoteId,
      label: r.label,
      fields: r.fields,
      reason: r.reason,
      details: r.details,
    }));
    return { entries, nextCursor: rows.length > limit ? entries[entries.length - 1]!.id : null };
  }

  async dryRun(principal: Principal, module: SyncModule): Promise<DryRunReport> {
    const resource = this.requireResource(module);
    requireSyncPermissions(principal, module);
    const member = memberOf(principal);
    const target = targetOf(principal, module);
    const { records, state } = await this.deps.db.scoped(principal.orgId, async (tx) => ({
      records: await this.deps.memberRecords.all(tx, member.actor, resource.definition),
      state: await this.deps.states.get(tx, target),
    }));
    const settings = resource.settings({}, { options: state?.options ?? {}, mapping: state?.mapping ?? {} });
    return this.office(async () => {
      const ctx = this.deps.lifecycle.mailboxOf(member);
      const containerId = await resource.findContainer(ctx);
      const items: Record<string, unknown>[] = [];
      if (containerId) {
        for await (const page of ctx.graph.pages(
          ctx.auth,
          ctx.mailbox,
          resource.itemsUrl(ctx.mailbox, containerId),
          { ...resource.readHeaders },
        )) {
          items.push(...(page.items as Record<string, unknown>[]));
        }
      }
      return resource.dryRun({ records, items, settings, containerExists: containerId !== null });
    });
  }

  async resolvePause(
    principal: Principal,
    module: SyncModule,
    applyDeletions: boolean,
  ): Promise<ModuleSyncView> {
    const resource = this.requireResource(module);
    const target = targetOf(principal, module);
    await this.deps.pauses.resolve(target, memberOf(principal), resource, applyDeletions);
    await this.deps.trigger.requestRun(target, 'manual');
    return this.get(principal, module);
  }

  restoreConflict(
    principal: Principal,
    module: SyncModule,
    entryId: string,
    input: { field: string; version?: number },
  ): Promise<RestoredValue> {
    return this.deps.restorer.restore(principal, module, entryId, input);
  }

  catalog(module: SyncModule): FieldCatalog {
    const resource = this.deps.resources.get(module);
    return resource
      ? resource.catalog()
      : { module, crmFields: [], graphFields: [], defaultMapping: {}, options: [] };
  }

  private requireResource(module: SyncModule): SyncResource {
    const resource = this.deps.resources.get(module);
    if (!resource) throw new ConflictError('module_not_available', `Syncing ${module} is not available yet.`);
    return resource;
  }

  /** Graph failures the user waits on become problem+json (503, or 403 for consent). */
  private async office<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof GraphCallError) throw new Office365UnavailableError(err);
      throw err;
    }
  }
}

function targetOf(principal: Principal, module: SyncModule): SyncTarget {
  return { orgId: principal.orgId, userId: principal.userId, module };
}

function memberOf(principal: Principal): SyncMember {
  return {
    userId: principal.userId,
    tenantId: principal.tenantId,
    objectId: principal.objectId,
    actor: {
      orgId: principal.orgId,
      userId: principal.userId,
      permissions: principal.profile.permissions,
      source: 'sync',
    },
  };
}
