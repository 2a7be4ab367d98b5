import type { ModuleSettingRow } from '../module-settings.repo.js';
import type { SyncModule } from '../module-settings.table.js';
import type { ModuleSyncView } from './sync-contract.js';
import type { ResourceSettings } from './sync-resource.js';
import type { SyncStateRow } from './sync-state.table.js';

/** The container of each module in the member's mailbox (PRODUCT §3). */
export const CONTAINER_NAMES: Record<SyncModule, string> = {
  contacts: 'Tandem Contacts',
  meetings: 'Tandem',
  tasks: 'Tandem Tasks',
};

const none = () => ({ created: 0, updated: 0, deleted: 0 });

/** The status a member sees for one module, from the persisted state. */
export function toView(
  module: SyncModule,
  input: {
    state: SyncStateRow | undefined;
    switched: ModuleSettingRow | undefined;
    pending: number;
    conflicts: number;
    settings: ResourceSettings | undefined;
    /** False for modules whose sync is not built yet: only the switch exists. */
    hasEngine: boolean;
  },
): ModuleSyncView {
  const { state, switched } = input;
  const enabled = input.hasEngine ? !!state && state.state !== 'disabled' : (switched?.enabled ?? false);
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
  const paused = state?.paused
    ? 'remoteIds' in state.paused
      ? { code: 'mass_delete' as const, count: state.paused.count, threshold: state.paused.threshold }
      : { code: state.paused.code, message: state.paused.message }
    : null;
  return {
    module,
    enabled,
    state: input.hasEngine ? (state?.state ?? 'disabled') : enabled ? 'idle' : 'disabled',
    updatedAt: iso(state?.updatedAt ?? switched?.updatedAt),
    container: { name: CONTAINER_NAMES[module], id: state?.containerId ?? null },
    lastSuccessAt: iso(state?.lastSuccessAt),
    lastRunAt: iso(state?.lastRunAt),
    nextRunAt: iso(state?.nextRunAt),
    counts: state?.counts ?? { toCrm: none(), toOffice: none() },
    pending: input.pending,
    errors: state?.errors ?? [],
    conflicts: input.conflicts,
    paused,
    options: input.settings?.options ?? {},
    mapping: input.settings?.mapping ?? {},
  };
}
