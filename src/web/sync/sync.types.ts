/**
 * The sync API's shapes as the tab reads them (mirrors `src/sync/engine/sync-contract.ts`; the tabs
 * are built separately and import nothing from the server).
 */
export type ModuleName = 'contacts' | 'meetings' | 'tasks';
export const MODULE_NAMES: ModuleName[] = ['contacts', 'meetings', 'tasks'];

export type SyncState =
  'disabled' | 'idle' | 'queued' | 'running' | 'backoff' | 'paused' | 'needs_consent' | 'failed';

export interface DirectionCounts {
  created: number;
  updated: number;
  deleted: number;
}

export interface ModuleView {
  module: ModuleName;
  enabled: boolean;
  state: SyncState;
  updatedAt: string | null;
  container: { name: string; id: string | null };
  lastSuccessAt: string | null;
  lastRunAt: string | null;
  nextRunAt: string | null;
  counts: { toCrm: DirectionCounts; toOffice: DirectionCounts };
  pending: number;
  errors: { at: string; code: string; message: string; crmId?: string; remoteId?: string }[];
  conflicts: number;
  paused: { code: string; count?: number; threshold?: number; message?: string } | null;
  options: Record<string, unknown>;
  mapping: Record<string, string>;
}

export type JournalAction = 'create' | 'update' | 'merge' | 'conflict' | 'delete' | 'link' | 'skip' | 'error';

export interface JournalEntry {
  id: string;
  at: string;
  runId: string | null;
  direction: 'to_crm' | 'to_office' | 'none';
  action: JournalAction;
  crmId: string | null;
  remoteId: string | null;
  label: string | null;
  fields: string[];
  reason: string;
  details: Record<string, unknown>;
}

export interface JournalPage {
  entries: JournalEntry[];
  nextCursor: string | null;
}

export interface DryRunItem {
  label: string;
  crmId?: string;
  remoteId?: string;
  matchedBy?: string;
}

export interface DryRunReport {
  module: ModuleName;
  toOffice: { create: DryRunItem[]; link: DryRunItem[] };
  toCrm: { create: DryRunItem[]; link: DryRunItem[]; merge: DryRunItem[] };
  container: { name: string; exists: boolean };
}

export interface FieldCatalog {
  module: ModuleName;
  crmFields: { name: string; label: string }[];
  graphFields: { name: string; label: string }[];
  defaultMapping: Record<string, string>;
  /** `choices`: the values an option may take (shown as a drop-down). */
  options: { name: string; default: unknown; description: string; choices?: string[] }[];
}

/** One overwritten value of a `conflict` journal entry. */
export interface ConflictField {
  field: string;
  kept: unknown;
  overwritten: unknown;
  winner?: string;
}

/**
 * The fields of a conflict entry: `details.conflicts` (a list), or `details` itself when it names
 * one field. Anything else has nothing to restore.
 */
export function conflictFields(entry: JournalEntry): ConflictField[] {
  const d = entry.details;
  const list = Array.isArray(d.conflicts) ? (d.conflicts as unknown[]) : [d];
  return list.filter(
    (c): c is ConflictField =>
      !!c && typeof c === 'object' && typeof (c as ConflictField).field === 'string' && 'overwritten' in c,
  );
}
