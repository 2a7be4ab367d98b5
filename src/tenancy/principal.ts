import type { ChangeSource } from '../crm/shared/field-history.table.js';
import type { Permissions } from './permissions.js';

/** The authenticated caller: a member of one organisation, keyed by (tenant id, object id). */
export interface Principal {
  orgId: string;
  organisationName: string;
  tenantId: string;
  objectId: string;
  userId: string;
  userPrincipalName: string;
  displayName: string;
  profile: { id: string; key: string; name: string; permissions: Permissions };
}

/** Who makes a change, with what rights, and why: a user, or the sync acting for one. */
export interface Actor {
  orgId: string;
  userId: string | null;
  permissions: Permissions;
  source: ChangeSource;
  reason?: string;
}

export function actorOf(principal: Principal, source: ChangeSource = 'user'): Actor {
  return {
    orgId: principal.orgId,
    userId: principal.userId,
    permissions: principal.profile.permissions,
    source,
  };
}
