import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { organisationSettings } from './organisation-settings.table.js';

/** The organisation's sync policy: what the sync does the same way for every member. */
export interface SyncPolicy {
  sharedClientMeetings: boolean;
}

export const DEFAULT_SYNC_POLICY: SyncPolicy = Object.freeze({ sharedClientMeetings: false });

/** Organisation-wide settings (the organisation of the transaction's scope; RLS keeps out the others). */
export class OrganisationSettingsRepository {
  async syncPolicy(tx: Tx, orgId: string): Promise<SyncPolicy> {
    const [row] = await tx
      .select({ sharedClientMeetings: organisationSettings.sharedClientMeetings })
      .from(organisationSettings)
      .where(eq(organisationSettings.orgId, orgId));
    return row ?? { ...DEFAULT_SYNC_POLICY };
  }

  async saveSyncPolicy(tx: Tx, orgId: string, policy: SyncPolicy, updatedBy: string): Promise<SyncPolicy> {
    const [row] = await tx
      .insert(organisationSettings)
      .values({ orgId, ...policy, updatedBy, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: organisationSettings.orgId,
        set: { ...policy, updatedBy, updatedAt: new Date() },
      })
      .returning({ sharedClientMeetings: organisationSettings.sharedClientMeetings });
    return row!;
  }
}
