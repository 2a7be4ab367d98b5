import type { SQL } from 'drizzle-orm';
import type { RecordDefinition } from '../../crm/shared/record.definition.js';
import type { RecordDto } from '../../crm/shared/record.service.js';
import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../../tenancy/principal.js';
import type { GraphPort, GraphAuth } from '../graph/graph-port.js';
import type { SyncModule } from '../module-settings.table.js';
import type { ItemTag } from './item-tag.js';
import type { DryRunReport, FieldCatalog } from './sync-contract.js';

/** The values that sync, keyed by the (mapped) CRM field: the unit of the three-way merge and of the hash. */
export type SyncValues = Record<string, unknown>;

/** A member's settings for a resource, validated by the resource. */
export interface ResourceSettings {
  options: Record<string, unknown>;
  mapping: Record<string, string>;
}

/** Read-only access to the member's organisation in the CRM, for a resource deciding what to import. */
export interface CrmReads {
  read<T>(fn: (tx: Tx, actor: Actor) => Promise<T>): Promise<T>;
}

/** Where a Graph call goes for one member (app-only token, the member's mailbox). */
export interface MailboxContext {
  graph: GraphPort;
  auth: GraphAuth;
  mailbox: string;
}

/** The CRM record an Office 365 item matches by the resource's duplicate rules. */
export interface DuplicateMatch {
  crmId: string;
  matchedBy: string;
}

/**
 * The duplicate rules over a set of CRM records, built once (a sync round, an import) from only
 * what matching reads: each record's id and {@link SyncResource.matchFields}. It keeps the match
 * keys, never the records.
 */
export interface DuplicateIndex {
  /** Adds a record (one that exists, or one just created, so later duplicates find it). */
  add(id: string, values: SyncValues): void;
  /** The one record `values` (an item's values) duplicates, if exactly one fits. */
  match(values: SyncValues): DuplicateMatch | undefined;
}

/**
 * Properties of an Office 365 item that the resource derives from CRM data rather than syncing them
 * field by field (contacts: Tandem's categories, next to the user's own). The engine stores what the
 * item last held with its link, queues the record when the item's owned properties change in Office
 * 365 or when a related CRM record changes, and writes them only when they differ from what the CRM
 * says, so an idle run writes nothing and Tandem's own writes never come back as changes.
 */
export interface OwnedProperties {
  /** The owned properties an item holds (from a delta or list payload). */
  of(item: Record<string, unknown>): Record<string, unknown>;
  /**
   * For each record, the owned properties to write so its item matches the CRM, given what the item
   * holds (`current`; `undefined` for a new item), or `undefined` when it already does. Read-only.
   */
  writes(
    tx: Tx,
    actor: Actor,
    items: readonly { record: RecordDto; current: Record<string, unknown> | undefined }[],
  ): Promise<(Record<string, unknown> | undefined)[]>;
  /**
   * The ids of this resource's records whose owned properties depend on a change of another record
   * (contacts: a deal's contact, the contacts carrying a lead's email). Runs in the change's transaction.
   */
  dependents(tx: Tx, def: RecordDefinition, row: Record<string, unknown>): Promise<string[]>;
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
  /**
   * Id of the single-value extended property carrying the CRM id on each item: the default tag,
   * used when the resource gives no {@link tag} of its own.
   */
  readonly tagPropertyId?: string;
  /** How items carry the CRM id, when not as the extended property {@link tagPropertyId} (To Do). */
  readonly tag?: ItemTag;

  /**
   * Whether an options change changes what the items hold (value mappings): every record is then
   * queued again, as after a mapping change. Options that do not (the default) queue nothing.
   */
  remapsOn?(before: Record<string, unknown>, after: Record<string, unknown>): boolean;
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
  /**
   * A fresh delta round over the container (with `$select`); `now`: the engine's clock when the
   * round begins (meetings: the calendar window is counted from it).
   */
  deltaUrl(mailbox: string, containerId: string, now: Date): string;
  /**
   * How long a delta round may go on before the engine starts a fresh one (meetings: the window a
   * calendarView round keeps must move forward). The fresh round reconciles as after a 410: never a
   * wrong deletion, never a duplicate. Rounds never age when absent.
   */
  readonly roundMaxAgeMs?: number;
  /** The full enumeration after a lost delta link (same items as a fresh delta round). */
  itemsUrl(mailbox: string, containerId: string): string;
  itemUrl(mailbox: string, containerId: string, remoteId: string): string;
  /**
   * Headers every Graph read of the container's items carries (delta, lists, item GETs): meetings
   * ask for text bodies with `Prefer: outlook.body-content-type="text"`. None when absent.
   */
  readonly readHeaders?: Readonly<Record<string, string>>;
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
  /** Properties of the items the resource keeps from CRM data, outside the field merge (categories). */
  readonly owned?: OwnedProperties;
  label(values: SyncValues): string;

  /**
   * Items outside the container the member chose to import once (contacts: carrying a category of
   * `importCategories`, in the member's default folder), with the properties `remoteValues` reads.
   */
  importable?(
    ctx: MailboxContext,
    settings: ResourceSettings,
    crm: CrmReads,
  ): Promise<Record<string, unknown>[]>;
  /**
   * What the CRM record created for an imported item carries besides the item's values, and why it
   * was imported (the journal's reason). Contacts: nothing more, `imported_by_category`.
   */
  importedAs?(item: Record<string, unknown>): { fields: Record<string, unknown>; reason: string };
  /**
   * An item to import that joins an existing CRM record instead of getting its own (meetings: the
   * organisation's policy shares one meeting per client invitation): that record's id and the
   * fields the join sets on it (the member added as a participant; none when already there). Read
   * in the import's transaction. The engine writes them whoever owns the record: the member's own
   * record scope does not decide what the organisation's policy shares. Undefined: import as usual.
   */
  joinImport?(
    tx: Tx,
    actor: Actor,
    item: Record<string, unknown>,
  ): Promise<{ crmId: string; fields: Record<string, unknown> } | undefined>;
  /**
   * Imported items keep their CRM record up to date (Office 365 → CRM, the fields they change) for
   * as long as {@link importable} lists them (meetings: a client's invitation moved or renamed).
   * Otherwise an item is imported once and its record then syncs like any other.
   */
  readonly followImports?: boolean;
  /** The CRM fields the duplicate rules read (all a {@link DuplicateIndex} is given of a record). */
  readonly matchFields: readonly string[];
  /** Duplicate rules: an empty index that unlinked items are matched against. */
  duplicates(): DuplicateIndex;
  /**
   * Resource upkeep before a run (e.g. master categories); returns the new resource state. `due`:
   * the engine's upkeep interval passed, or the run is the first or a "sync now"; when not due, a
   * resource whose state holds what it needs returns it as it is, without a request.
   */
  prepare?(
    ctx: MailboxContext,
    state: Record<string, unknown>,
    upkeep: { due: boolean },
  ): Promise<Record<string, unknown>>;
  /**
   * Only the records the member owns sync, whatever their record scope (meetings: PRODUCT §3 "only
   * meetings owned by the user"). Otherwise a member with record scope `all` syncs every record.
   */
  readonly ownerOnly?: boolean;
  /**
   * The records of the definition the resource syncs at all, as a condition on its table (meetings:
   * not those captured from an invitation, which stay in the member's main calendar). All when absent.
   */
  readonly syncedRecords?: (table: RecordDefinition['table']) => SQL;
  /**
   * Reshapes a delta page before it is applied, reading Graph if needed (meetings: occurrences
   * regrouped into their series master, events the member does not organise left out, removals
   * confirmed). `round` lives as long as the delta round (page to page).
   */
  regroup?(
    ctx: MailboxContext,
    page: { containerId: string; items: Record<string, unknown>[] },
    round: Set<string>,
  ): Promise<Record<string, unknown>[]>;
  /** Properties a create of the record's item carries besides its values (meetings: `transactionId`). */
  createExtras?(crmId: string, containerId: string): Record<string, unknown>;
  /**
   * Writes what an item's own body cannot carry, once its create or update succeeded (meetings: a
   * series' exceptions and cancelled occurrences). `changed`: the fields written (all, for a
   * create). A failure is the item's error; the item's own write stands. Returns the item's version
   * after these writes when they changed it (the next write's `If-Match`), else nothing.
   */
  afterWrite?(
    ctx: MailboxContext,
    write: { remoteId: string; values: SyncValues; changed: readonly string[] },
  ): Promise<string | undefined>;
  /**
   * The fields {@link afterWrite} writes (meetings: a series' occurrences). Until it has, they are
   * unconfirmed in Office 365: the link's base names them unwritten and the record stays queued,
   * so after a crash (or a Graph failure) between the item's write and the hook's, the next run
   * takes the CRM's values for them (what Office 365 holds is no change of its own) and writes
   * them again, re-derived from the CRM. None when absent.
   */
  readonly afterWriteFields?: readonly string[];
  /** The dry-run report from both sides, read-only. */
  dryRun(input: {
    records: RecordDto[];
    items: Record<string, unknown>[];
    settings: ResourceSettings;
    containerExists: boolean;
  }): DryRunReport;
}

/** Where a link's base keeps the item's owned properties (beside the mapped fields, outside the hash). */
const OWNED_KEY = '@owned';
/** Where a link's base keeps the mapping it was taken under. */
const MAPPING_KEY = '@mapping';
/** Where a link's base names the fields whose Office 365 write is not confirmed yet (see `afterWriteFields`). */
const UNWRITTEN_KEY = '@unwritten';

/** `base` naming `fields` unwritten (the same base when there are none). */
export const withUnwritten = (
  base: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> => (fields.length ? { ...base, [UNWRITTEN_KEY]: [...fields] } : base);

/** `base` without its unwritten fields. */
export function withoutUnwritten(base: Record<string, unknown>): Record<string, unknown> {
  const { [UNWRITTEN_KEY]: _unwritten, ...rest } = base;
  return rest;
}

/** The owned properties stored with a link's base, if any. */
export const ownedInBase = (base: Record<string, unknown>): Record<string, unknown> | undefined =>
  base[OWNED_KEY] as Record<string, unknown> | undefined;

/**
 * `values` as a link base carrying `owned` and the `mapping` it was taken under (each left out when
 * not given). The mapping tells which fields were remapped since (see {@link remappedFields}).
 */
export const withOwned = (
  values: Record<string, unknown>,
  owned: Record<string, unknown> | undefined,
  mapping?: Record<string, string>,
): Record<string, unknown> => ({
  ...values,
  ...(owned ? { [OWNED_KEY]: owned } : {}),
  ...(mapping ? { [MAPPING_KEY]: mapping } : {}),
});

/**
 * The fields whose Office 365 property changed since the base was taken (a mapping edit), or whose
 * write the base names unconfirmed (see `afterWriteFields`): their base value says nothing about
 * what Office 365 holds, so the CRM value is the one to keep and to write.
 */
export function remappedFields(
  base: Record<string, unknown>,
  settings: ResourceSettings,
  fields: readonly string[],
): string[] {
  const before = base[MAPPING_KEY] as Record<string, string> | undefined;
  const unwritten = (base[UNWRITTEN_KEY] as string[] | undefined) ?? [];
  return fields.filter((f) => (before && before[f] !== settings.mapping[f]) || unwritten.includes(f));
}
