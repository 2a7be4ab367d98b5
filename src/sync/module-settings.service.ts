import type { Database } from '../platform/db/database.js';
import { ForbiddenError } from '../platform/errors/app-error.js';
import { can, type Action, type ModuleName } from '../tenancy/permissions.js';
import type { Principal } from '../tenancy/principal.js';
import type { ModuleSettingsRepository } from './module-settings.repo.js';
import { SYNC_MODULES, type SyncModule } from './module-settings.table.js';

export interface ModuleStatus {
  module: SyncModule;
  enabled: boolean;
  updatedAt: string | null;
}

/** What a member needs on the CRM side to sync a module (PRODUCT §3: tasks need create, edit and delete). */
const REQUIRED: Record<SyncModule, Action[]> = {
  contacts: ['view', 'create', 'edit'],
  meetings: ['view', 'create', 'edit'],
  tasks: ['view', 'create', 'edit', 'delete'],
};

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
    if (enabled) {
      const missing = REQUIRED[module].filter(
        (a) => !can(principal.profile.permissions, module as ModuleName, a),
      );
      if (missing.length) {
        throw new ForbiddenError(
          'module_permission_missing',
          `Syncing ${module} needs the ${missing.join(', ')} permission${missing.length > 1 ? 's' : ''} on ${module}. Ask an administrator to change your profile.`,
          { module, missing },
        );
      }
    }
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
