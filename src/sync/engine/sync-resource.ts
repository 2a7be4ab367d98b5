import type { RecordDefinition } from '../../crm/shared/record.definition.js';
import type { RecordDto } from '../../crm/shared/record.service.js';
import type { GraphPort, GraphAuth } from '../graph/graph-port.js';
import type { SyncModule } from '../module-settings.table.js';
import type { DryRunReport, FieldCatalog } from './sync-contract.js';

/** The values that sync, keyed by the (mapped) CRM field: the unit of the three-way merge and of the hash. */
export type SyncValues = Record<string, unknown>;

/** A member's settings for a resource, validated by the resource. */
export interface ResourceSettings {
  options: Record<string, unknown>;
  mapping: Record<string, string>;
}

/** Where a Graph call goes for one member (app-only token, the member's mailbox). */
export interface MailboxContext {
  graph: GraphPort;
  auth: GraphAuth;
  mailbox: string;
}

/** A CRM record matched to an Office 365 item by the resource's duplicate rules. */
export interface DuplicateMatch {
  record: RecordDto;
  matchedBy: string;
}

/**
 * What the engine needs to know about one resource (contacts, then meetings and tasks): its Office
 * 365 container and paths, how its items map to CRM records, and its duplicate rules. The engine
 * does the rest (state, delta, merge, outbox, journal, safety) the same way for every resource.
 */
export interface SyncResource {
  readonly module: SyncModule;
  readonly definition: RecordDefinition;
  /** The dedicated container's display name ("Tandem Contacts"). */
  readonly containerName: string;
  /** Id of the single-value extended property carrying the CRM id on each item. */
  readonly tagPropertyId: string;

  /** Validates an update of options and mapping on top of the current ones (throws a 400 AppError). */
  settings(update: Partial<ResourceSettings>, current: Partial<ResourceSettings>): ResourceSettings;
  catalog(): FieldCatalog;
  /** The CRM fields that sync under `mapping` (the merge fields). */
  fields(settings: ResourceSettings): string[];

  /** Finds the container by name (adopt), or creates it; returns its id. */
  ensureContainer(ctx: MailboxContext): Promise<string>;
  /** Looks the container up by name without creating it. */
  findContainer(ctx: MailboxContext): Promise<string | null>;
  deleteContainer(ctx: MailboxContext, containerId: string): Promise<void>;
  /** A fresh delta round over the container (with `$select`). */
  deltaUrl(mailbox: string, containerId: string): string;
  /** The full enumeration after a lost delta link (same items as a fresh delta round). */
  itemsUrl(mailbox: string, containerId: string): string;
  itemUrl(mailbox: string, containerId: string, remoteId: string): string;
  /** The change-notification resource of the container. */
  subscriptionResource(mailbox: string, containerId: string): string;

  /** The Office 365 item's values (only the fields present in the payload). */
  remoteValues(item: Record<string, unknown>, settings: ResourceSettings): SyncValues;
  /** The CRM record's values. */
  crmValues(record: RecordDto, settings: ResourceSettings): SyncValues;
  /** A CRM create/update body for `values` (owner and ids are the engine's). */
  crmFields(
    values: SyncValues,
    record: RecordDto | undefined,
    settings: ResourceSettings,
  ): Record<string, unknown>;
  /** The Graph body writing `values` (only the properties of the `only` fields, when given). */
  remoteBody(values: SyncValues, settings: ResourceSettings, only?: string[]): Record<string, unknown>;
  /** Resource-owned properties of the item for a record (categories), merged into every write. */
  remoteExtras?(record: RecordDto, item: Record<string, unknown> | undefined): Record<string, unknown>;
  label(values: SyncValues): string;

  /** Duplicate rules: the existing CRM record an unlinked item should link to, if any. */
  match(values: SyncValues, candidates: RecordDto[]): DuplicateMatch | undefined;
  /** Resource upkeep before each run (e.g. master categories); returns the new resource state. */
  prepare?(ctx: MailboxContext, state: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The dry-run report from both sides, read-only. */
  dryRun(input: {
    records: RecordDto[];
    items: Record<string, unknown>[];
    settings: ResourceSettings;
    containerExists: boolean;
  }): DryRunReport;
}
