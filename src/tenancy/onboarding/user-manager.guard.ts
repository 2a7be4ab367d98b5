import type { Tx } from '../../platform/db/database.js';
import type { MemberRepository, UserRow } from '../member.repo.js';
import { permissionsSchema } from '../permissions.js';
import type { Principal } from '../principal.js';
import { notPermitted } from './onboarding-errors.js';

/**
 * The caller's `manageUsers` right, read from the database inside the acting transaction (never
 * from a cached principal or card: a right revoked a second ago is already gone). 403 otherwise.
 */
export async function requireUserManager(tx: Tx, members: MemberRepository, p: Principal): Promise<UserRow> {
  const fresh = await members.findByIdentity(tx, p.orgId, p.tenantId, p.objectId);
  if (!fresh || fresh.user.status !== 'active' || fresh.user.id !== p.userId) throw notPermitted();
  const permissions = permissionsSchema.safeParse(fresh.profile.permissions);
  if (!permissions.success || !permissions.data.manageUsers) throw notPermitted();
  return fresh.user;
}
