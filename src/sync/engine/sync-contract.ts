import type { SyncModule } from '../module-settings.table.js';
import type { Principal } from '../../tenancy/principal.js';

/**
 * What the sync engine offers the rest of Tandem (REST routes, Sync tab, bot commands, webhooks).
 * The engine implements it; the surfaces depend only on these types.
 */

/** One member's sync of one module. Ids only: jobs and notifications carry nothing else. */
export interface SyncTarget {
  orgId: string;
  userId: string;
  module: SyncModule;
}

export type RunReason =
  | 'enabled' // first sync after enabling
  | 'manual' // "sync now" (bot, tab, REST)
  | 'notification' // a Graph change notification (debounced)
  | 'outbox' // CRM changes waiting to go to Office 365
  | 'backstop' // the periodic delta
  | 'resync' // delta link lost (410), lifecycle `missed`, subscription recreated
  | 'retry'; // backoff after a failure

/** Asks for a run; coalesces with a run already queued for the same target. Never runs inline. */
export interface SyncTrigger {
  requestRun(target: SyncTarget, reason: RunReason): Promise<void>;
}

/** The engine's state for a (user, module), as persisted. */
export type SyncStateName =
  | 'disabled'
  | 'idle' // enabled, nothing to do
  | 'queued'
  | 'running'
  | 'backoff' // failed, retry at `nextRunAt`
  | 'paused' // waits for the user (mass deletion) — see `paused`
  | 'needs_consent' // token health: the user (or an admin) must sign in / consent again
  | 'failed'; // stopped (container deleted in Office 365, permission lost): see `lastError`

export interface DirectionCounts {
  created: number;
  updated: number;
  deleted: number;
}

export interface SyncError {
  at: string;
  code: string;
  /** Safe to show to the user. */
  message: string;
  crmId?: string;
  remoteId?: string;
}

export interface ModuleSyncView {
  module: SyncModule;
  enabled: boolean;
  state: SyncStateName;
  updatedAt: string | null;
  /** The dedicated container in Office 365 ("Tandem Contacts"…), once created or adopted. */
  container: { name: string; id: string | null };
  lastSuccessAt: string | null;
  lastRunAt: string | null;
  nextRunAt: string | null;
  /** Since enabling. */
  counts: { toCrm: DirectionCounts; toOffice: DirectionCounts };
  /** CRM changes not yet in Office 365. */
  pending: number;
  /** Most recent first, at most 20. */
  errors: SyncError[];
  /** Conflicts resolved by the merge rule that the user may want to review/restore. */
  conflicts: number;
  /** Why the engine waits for the user, when `state` is `paused` or `failed`. */
  paused:
    { code: 'mass_delete'; count: number; threshold: number } | { code: string; message: string } | null;
  options: Record<string, unknown>;
  /** CRM field → Graph field. */
  mapping: Record<string, string>;
}

/** A per-item journal line: what changed, which direction, why. */
export interface JournalEntry {
  id: string;
  at: string;
  runId: string | null;
  direction: 'to_crm' | 'to_office' | 'none';
  action: 'create' | 'update' | 'merge' | 'conflict' | 'delete' | 'link' | 'skip' | 'error';
  crmId: string | null;
  remoteId: string | null;
  /** Display label of the item (e.g. the contact's name). */
  label: string | null;
  /** Field names changed; for `conflict`: [{field, kept, overwritten, winner}] in `details`. */
  fields: string[];
  reason: string;
  details: Record<string, unknown>;
}

export interface DryRunReport {
  module: SyncModule;
  /** CRM items that would be created in Office 365. */
  toOffice: { create: DryRunItem[]; link: DryRunItem[] };
  /** Office 365 items that would be created in the CRM, linked to an existing record, or merged. */
  toCrm: { create: DryRunItem[]; link: DryRunItem[]; merge: DryRunItem[] };
  /** Whether the container exists (adopted) or would be created. */
  container: { name: string; exists: boolean };
}

export interface DryRunItem {
  label: string;
  crmId?: string;
  remoteId?: string;
  /** Why it links/merges (e.g. `email`, `name+company`). */
  matchedBy?: string;
}

/** What the mapping editor offers: CRM fields and the Graph fields they may map to. */
export interface FieldCatalog {
  module: SyncModule;
  crmFields: { name: string; label: string }[];
  /** Only fields Graph exposes for the resource (PRODUCT §3: "only fields that Graph exposes can be mapped"). */
  graphFields: { name: string; label: string }[];
  defaultMapping: Record<string, string>;
  /**
   * Option names, their defaults and a description (e.g. `deleteCrmOnRemoteDelete: false`); an
   * option taking one of a few values lists them in `choices` (tasks' value mappings).
   */
  options: { name: string; default: unknown; description: string; choices?: string[] }[];
}

export interface ModuleSettingsUpdate {
  enabled?: boolean;
  options?: Record<string, unknown>;
  mapping?: Record<string, string>;
}

/**
 * The engine's façade for REST, tabs and bot. Every method acts for the caller only (the
 * principal's own (org, user)); permissions are checked inside.
 */
export interface SyncService {
  list(principal: Principal): Promise<ModuleSyncView[]>;
  get(principal: Principal, module: SyncModule): Promise<ModuleSyncView>;
  /** Enabling creates/adopts the container and queues the first run; disabling deletes the container. */
  update(principal: Principal, module: SyncModule, update: ModuleSettingsUpdate): Promise<ModuleSyncView>;
  /** Queues a run now; resolves as soon as it is queued (the run finishes in a job). */
  runNow(principal: Principal, module: SyncModule): Promise<{ queued: true }>;
  journal(
    principal: Principal,
    module: SyncModule,
    page: { cursor?: string; limit?: number; action?: JournalEntry['action'] },
  ): Promise<{ entries: JournalEntry[]; nextCursor: string | null }>;
  dryRun(principal: Principal, module: SyncModule): Promise<DryRunReport>;
  /** After a mass-deletion pause: `true` applies the deletions, `false` keeps the items and relinks/recreates them. */
  resolvePause(principal: Principal, module: SyncModule, applyDeletions: boolean): Promise<ModuleSyncView>;
  catalog(module: SyncModule): FieldCatalog;
  /**
   * Writes back the value a conflict's merge replaced in one field of the CRM record (the caller's
   * own edit, synced to Office 365 as any edit); `version` guards against a record changed since.
   */
  restoreConflict(
    principal: Principal,
    module: SyncModule,
    entryId: string,
    input: { field: string; version?: number },
  ): Promise<{ crmId: string; field: string; value: unknown; version: number; synced: boolean }>;
}

/** What the engine tells a member outside any request (implemented by the bot, in Teams). */
export interface SyncUserNotifier {
  /** A run the user asked for ("sync now", enable) has finished. */
  runFinished(
    target: SyncTarget,
    summary: { toCrm: DirectionCounts; toOffice: DirectionCounts; errors: number },
  ): Promise<void>;
  /** Token health: sign in again / consent (a sign-in card). */
  needsConsent(target: SyncTarget, detail: { code: string; message: string }): Promise<void>;
  /** A run would delete more than the threshold: ask before applying. */
  massDeletePaused(target: SyncTarget, detail: { count: number; threshold: number }): Promise<void>;
  /** The container was deleted in Office 365: the module is now disabled. */
  containerDeleted(target: SyncTarget, detail: { containerName: string }): Promise<void>;
}

/**
 * Graph change-notification subscriptions of a (user, module), kept by `src/sync/webhooks/`. The
 * engine calls `ensure` once the container exists (and after recreating it) and `remove` on disable.
 * Modules without subscriptions (To Do) rely on the periodic delta backstop.
 */
export interface SubscriptionLifecycle {
  /** Creates (or keeps) the subscription on `resource` (e.g. `/users/{oid}/contactFolders/{id}/contacts`). */
  ensure(target: SyncTarget, tenantId: string, mailbox: string, resource: string): Promise<void>;
  remove(target: SyncTarget): Promise<void>;
}
