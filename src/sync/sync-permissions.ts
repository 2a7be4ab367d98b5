import { ForbiddenError } from '../platform/errors/app-error.js';
import { can, type Action, type ModuleName } from '../tenancy/permissions.js';
import type { Principal } from '../tenancy/principal.js';
import type { SyncModule } from './module-settings.table.js';

/** What a member needs on the CRM side to sync a module (PRODUCT §3: tasks need create, edit and delete). */
const REQUIRED: Record<SyncModule, Action[]> = {
  contacts: ['view', 'create', 'edit'],
  meetings: ['view', 'create', 'edit'],
  tasks: ['view', 'create', 'edit', 'delete'],
};

/**
 * Refuses (403 `module_permission_missing`, naming each missing permission) a member whose profile
 * lacks what syncing `module` needs; the one check behind enabling a module and its dry run.
 */
export function requireSyncPermissions(principal: Principal, module: SyncModule): void {
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
