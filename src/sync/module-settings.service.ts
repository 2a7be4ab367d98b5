import type { Database } from '../platform/db/database.js';
import type { Principal } from '../tenancy/principal.js';
import type { ModuleSettingsRepository } from './module-settings.repo.js';
import { SYNC_MODULES, type SyncModule } from './module-settings.table.js';
import { requireSyncPermissions } from './sync-permissions.js';

export interface ModuleStatus {
  module: SyncModule;
  enabled: boolean;
  updatedAt: string | null;
}

/**
 * Each member's sync switches for contacts, meetings and tasks — what the bot commands and the Sync
 * tab change. The sync engine reads them; until it lands they are recorded and reported.
 */
export class ModuleSettingsService {
  constructor(
    private readonly db: Database,
    private readonly settings: ModuleSettingsRepository,
  ) {}

  async statusOf(principal: Principal): Promise<ModuleStatus[]> {
    const rows = await this.db.scoped(principal.orgId, (tx) =>
      this.settings.forUser(tx, principal.orgId, principal.userId),
    );
    return SYNC_MODULES.map((module) => {
      const row = rows.find((r) => r.module === module);
      return { module, enabled: row?.enabled ?? false, updatedAt: row?.updatedAt.toISOString() ?? null };
    });
  }

  async setEnabled(principal: Principal, module: SyncModule, enabled: boolean): Promise<ModuleStatus> {
    if (enabled) requireSyncPermissions(principal, module);
    const row = await this.db.scoped(principal.orgId, (tx) =>
      this.settings.upsert(tx, {
        orgId: principal.orgId,
        userId: principal.userId,
        module,
        enabled,
        updatedBy: principal.userId,
      }),
    );
    return { module, enabled: row.enabled, updatedAt: row.updatedAt.toISOString() };
  }
}
