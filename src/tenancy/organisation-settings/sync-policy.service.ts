import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { MemberRepository } from '../member.repo.js';
import type { Principal } from '../principal.js';
import type { AuditTrail, RequestMeta } from '../onboarding/audit-trail.js';
import { actorOfPrincipal } from '../onboarding/onboarding-caller.js';
import { requireUserManager } from '../onboarding/user-manager.guard.js';
import type { OrganisationSettingsRepository, SyncPolicy } from './organisation-settings.repo.js';

/**
 * The organisation's sync policy: read by every member, changed only by holders of `manageUsers`
 * (Administrators hold it), checked in the database inside the change's transaction. Every change
 * and every refusal is in the audit trail.
 */
export class SyncPolicyService {
  constructor(
    private readonly db: Database,
    private readonly repo: OrganisationSettingsRepository,
    private readonly members: MemberRepository,
    private readonly audit: AuditTrail,
  ) {}

  get(principal: Principal): Promise<SyncPolicy> {
    return this.db.scoped(principal.orgId, (tx) => this.repo.syncPolicy(tx, principal.orgId));
  }

  async update(principal: Principal, policy: SyncPolicy, meta: RequestMeta = {}): Promise<SyncPolicy> {
    const event = (outcome: 'success' | 'refused', detail: string) => ({
      orgId: principal.orgId,
      actor: actorOfPrincipal(principal),
      action: 'organisation.sync_policy_change' as const,
      target: { kind: 'organisation' as const, id: principal.orgId, label: principal.organisationName },
      outcome,
      detail,
    });
    try {
      return await this.db.scoped(principal.orgId, async (tx) => {
        const user = await requireUserManager(tx, this.members, principal);
        const before = await this.repo.syncPolicy(tx, principal.orgId);
        const after = await this.repo.saveSyncPolicy(tx, principal.orgId, policy, user.id);
        if (before.sharedClientMeetings !== after.sharedClientMeetings)
          await this.audit.record(
            tx,
            event('success', `sharedClientMeetings=${after.sharedClientMeetings}`),
            meta,
          );
        return after;
      });
    } catch (err) {
      if (err instanceof AppError) await this.audit.recordAlone(event('refused', err.code), meta);
      throw err;
    }
  }
}
