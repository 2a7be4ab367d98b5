import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { profiles, users } from '../../tenancy/tenancy.table.js';
import type { SyncMember } from './sync-run-context.js';

/** The active member a sync target belongs to, with the rights the sync acts with. */
export async function loadSyncMember(tx: Tx, orgId: string, userId: string): Promise<SyncMember | undefined> {
  const [row] = await tx
    .select({ user: users, permissions: profiles.permissions })
    .from(users)
    .innerJoin(profiles, and(eq(profiles.orgId, users.orgId), eq(profiles.id, users.profileId)))
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), eq(users.status, 'active')))
    .limit(1);
  if (!row) return undefined;
  return {
    userId,
    tenantId: row.user.tenantId,
    objectId: row.user.objectId,
    actor: { orgId, userId, permissions: row.permissions, source: 'sync' },
  };
}
