import type { Database } from '../../platform/db/database.js';
import type { MemberRepository } from '../member.repo.js';
import type { OrganisationRepository } from '../organisation.repo.js';
import type { TenancyService } from '../tenancy.service.js';
import type { AuditTrail } from './audit-trail.js';
import type { InvitationRepository } from './invitation.repo.js';
import type { JoinRequestService } from './join-request.service.js';
import { actorOfIdentity, type IdentityCaller } from './onboarding-caller.js';
import type { Identity, JoinRequestView } from './onboarding.contract.js';

export interface OnboardingStatus {
  state: 'member' | 'no_organisation' | 'not_a_member';
  organisation?: { name: string };
  invitation?: {
    id: string;
    organisation: { name: string };
    profile: { key: string; name: string };
    expiresAt: string;
  };
  joinRequest?: JoinRequestView;
}

/**
 * Where a signed-in identity stands (member, invited, requested, nothing yet), and the bootstrap
 * rule: the first user of a tenant creates its organisation and becomes its Administrator.
 */
export class BootstrapService {
  constructor(
    private readonly db: Database,
    private readonly tenancy: TenancyService,
    private readonly organisations: OrganisationRepository,
    private readonly members: MemberRepository,
    private readonly invitations: InvitationRepository,
    private readonly joinRequests: JoinRequestService,
    private readonly audit: AuditTrail,
  ) {}

  async status(identity: Identity): Promise<OnboardingStatus> {
    const org = await this.db.system((tx) => this.organisations.findByTenantId(tx, identity.tenantId));
    if (!org) return { state: 'no_organisation' };
    const oid = identity.objectId.toLowerCase();
    const { member, invitation } = await this.db.scoped(org.id, async (tx) => ({
      member: await this.members.findByIdentity(tx, org.id, identity.tenantId, oid),
      invitation: await this.invitations.pendingForInvitee(tx, org.id, oid),
    }));
    const organisation = { name: org.name };
    if (member) return { state: 'member', organisation };
    const joinRequest = await this.joinRequests.latestOf(org.id, oid);
    return {
      state: 'not_a_member',
      organisation,
      ...(invitation
        ? {
            invitation: {
              id: invitation.row.id,
              organisation,
              profile: invitation.profile,
              expiresAt: invitation.row.expiresAt.toISOString(),
            },
          }
        : {}),
      ...(joinRequest ? { joinRequest } : {}),
    };
  }

  /**
   * Creates the tenant's organisation with the caller as Administrator. Only while the tenant has
   * none: of concurrent first users exactly one wins (unique tenant id), the others get 409
   * `organisation_exists` and can then ask to join.
   */
  async bootstrap(caller: IdentityCaller, name?: string): Promise<{ id: string; name: string }> {
    const { identity } = caller;
    const upn = identity.userPrincipalName ?? identity.objectId;
    const { organisation, admin } = await this.tenancy.provisionOrganisation({
      tenantId: identity.tenantId,
      name: name?.trim() || defaultName(upn),
      admin: {
        objectId: identity.objectId.toLowerCase(),
        userPrincipalName: upn,
        displayName: identity.displayName ?? upn,
      },
    });
    await this.audit.recordAlone(
      {
        orgId: organisation.id,
        actor: { ...actorOfIdentity(identity), userId: admin.id },
        action: 'organisation.create',
        target: { kind: 'organisation', id: organisation.id, label: organisation.name },
        outcome: 'success',
      },
      caller.meta,
    );
    return { id: organisation.id, name: organisation.name };
  }
}

/** `ada@contoso.example` → `Contoso`. */
function defaultName(upn: string): string {
  const domain = upn.split('@')[1]?.split('.')[0] ?? 'My organisation';
  return domain.charAt(0).toUpperCase() + domain.slice(1);
}
