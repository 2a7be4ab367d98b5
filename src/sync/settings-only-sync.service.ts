import { AppError } from '../platform/errors/app-error.js';
import type { Principal } from '../tenancy/principal.js';
import { contactFieldCatalog } from './contacts/contact-mapping.js';
import type { FieldCatalog, ModuleSyncView, SyncService } from './engine/sync-contract.js';
import type { ModuleSettingsService, ModuleStatus } from './module-settings.service.js';
import type { SyncModule } from './module-settings.table.js';

const CONTAINERS: Record<SyncModule, string> = {
  contacts: 'Tandem Contacts',
  meetings: 'Tandem',
  tasks: 'Tandem Tasks',
};

class EngineNotRunningError extends AppError {
  constructor() {
    super({
      code: 'sync_engine_unavailable',
      httpStatus: 503,
      retryable: true,
      userMessage: 'The sync engine is not running in this deployment yet, so nothing can run.',
    });
  }
}

/**
 * The switches alone, for a deployment without the sync engine: states are `idle`/`disabled`,
 * nothing ever ran, and runs, dry runs and pauses are refused (503) instead of pretending.
 */
export class SettingsOnlySyncService implements SyncService {
  constructor(private readonly settings: ModuleSettingsService) {}

  async list(principal: Principal): Promise<ModuleSyncView[]> {
    return (await this.settings.statusOf(principal)).map(view);
  }
  async get(principal: Principal, module: SyncModule): Promise<ModuleSyncView> {
    return (await this.list(principal)).find((m) => m.module === module)!;
  }
  async update(principal: Principal, module: SyncModule, update: { enabled?: boolean }) {
    if (update.enabled === undefined) return this.get(principal, module);
    return view(await this.settings.setEnabled(principal, module, update.enabled));
  }
  runNow(): Promise<{ queued: true }> {
    return Promise.reject(new EngineNotRunningError());
  }
  async journal() {
    return { entries: [], nextCursor: null };
  }
  dryRun(): Promise<never> {
    return Promise.reject(new EngineNotRunningError());
  }
  restoreConflict(): Promise<never> {
    return Promise.reject(new EngineNotRunningError());
  }
  resolvePause(): Promise<never> {
    return Promise.reject(new EngineNotRunningError());
  }
  catalog(module: SyncModule): FieldCatalog {
    if (module === 'contacts') return contactFieldCatalog();
    return { module, crmFields: [], graphFields: [], defaultMapping: {}, options: [] };
  }
}

function view(s: ModuleStatus): ModuleSyncView {
  const none = { created: 0, updated: 0, deleted: 0 };
  return {
    ...s,
    state: s.enabled ? 'idle' : 'disabled',
    container: { name: CONTAINERS[s.module], id: null },
    lastSuccessAt: null,
    lastRunAt: null,
    nextRunAt: null,
    counts: { toCrm: none, toOffice: none },
    pending: 0,
    errors: [],
    conflicts: 0,
    paused: null,
    options: {},
    mapping: {},
  };
}
