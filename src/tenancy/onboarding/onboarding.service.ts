import type { Principal } from '../principal.js';
import type { AcceptInput, AcceptResult, InvitationAcceptance } from './invitation-acceptance.js';
import type { InvitationService } from './invitation.service.js';
import type { JoinRequestService } from './join-request.service.js';
import type { BootstrapService, OnboardingStatus } from './bootstrap.service.js';
import type { MemberAdminService } from './member-admin.service.js';
import type { AuditTrail } from './audit-trail.js';
import type { DirectoryService } from './directory.service.js';
import type { ApproverDigests } from './approver-digest.js';
import type { Identity, JoinRequestView, OnboardingNotifier } from './onboarding.contract.js';

export interface OnboardingParts {
  bootstrap: BootstrapService;
  invitations: InvitationService;
  acceptance: InvitationAcceptance;
  joinRequests: JoinRequestService;
  members: MemberAdminService;
  audit: AuditTrail;
  directory: DirectoryService;
  digests: ApproverDigests;
}

/**
 * Onboarding (PRODUCT §2) as one service for the REST routes and the bot. The bot calls the
 * methods below with a principal or identity it resolved from a Teams activity: they apply the
 * same checks as REST (rights re-read from the database at action time).
 */
export class OnboardingService {
  private notifier: OnboardingNotifier | undefined;

  constructor(readonly parts: OnboardingParts) {}

  /** Wires the bot's Teams delivery; without it invitations record `teams: not_installed`. */
  setNotifier(notifier: OnboardingNotifier | undefined): void {
    this.notifier = notifier;
  }

  /** The notifier currently wired (read at each delivery). */
  currentNotifier(): OnboardingNotifier | undefined {
    return this.notifier;
  }

  status(identity: Identity): Promise<OnboardingStatus> {
    return this.parts.bootstrap.status(identity);
  }

  requestToJoin(identity: Identity, message?: string): Promise<JoinRequestView> {
    return this.parts.joinRequests.create({ identity }, message);
  }

  acceptInvitation(
    identity: Identity,
    input: Pick<AcceptInput, 'invitationId' | 'token' | 'acceptTerms'>,
  ): Promise<AcceptResult> {
    return this.parts.acceptance.accept({ identity }, input);
  }

  approveJoinRequest(principal: Principal, id: string, profile?: string): Promise<JoinRequestView> {
    return this.parts.joinRequests.approve({ principal }, id, profile);
  }

  declineJoinRequest(principal: Principal, id: string, reason?: string): Promise<JoinRequestView> {
    return this.parts.joinRequests.decline({ principal }, id, reason);
  }

  /** Stops deferred digests (process shutdown). */
  stop(): void {
    this.parts.digests.stop();
  }
}
