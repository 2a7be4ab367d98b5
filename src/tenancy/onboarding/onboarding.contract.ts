/**
 * Onboarding (PRODUCT §2) as seen by its surfaces: REST routes, the Team and Join tabs, and the bot.
 * `onboarding.service.ts` implements the rules; the bot implements {@link OnboardingNotifier}.
 */

/** A signed-in Microsoft identity that may not be a member yet (validated token or Teams activity). */
export interface Identity {
  tenantId: string;
  objectId: string;
  /** From the validated token (`preferred_username`/`upn`) or the directory; never from a body. */
  userPrincipalName?: string;
  displayName?: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationView {
  id: string;
  invitee: { objectId: string; userPrincipalName: string; displayName: string; mail: string | null };
  profile: { key: string; name: string };
  status: InvitationStatus;
  invitedBy: { userId: string; displayName: string };
  createdAt: string;
  expiresAt: string;
  lastSentAt: string;
  sendCount: number;
  /** How it reached the invitee: email always; a Teams card when Tandem is installed for them. */
  delivery: { email: 'sent' | 'failed'; teams: 'sent' | 'not_installed' | 'failed' };
  acceptedAt: string | null;
}

export type JoinRequestStatus = 'pending' | 'approved' | 'declined' | 'withdrawn';

export interface JoinRequestView {
  id: string;
  requester: { objectId: string; userPrincipalName: string; displayName: string };
  message: string | null;
  status: JoinRequestStatus;
  createdAt: string;
  decidedBy: { userId: string; displayName: string } | null;
  decidedAt: string | null;
  /** The profile given on approval. */
  profile: { key: string; name: string } | null;
}

export interface Approver {
  orgId: string;
  userId: string;
  displayName: string;
  preferredLanguage: string | null;
}

/**
 * How onboarding reaches people in Teams (the bot implements it; email goes through Graph in the
 * service). Implementations must not throw for delivery failures: they return false.
 */
export interface OnboardingNotifier {
  /** The invitee's Teams card (Accept). False when Tandem is not installed for them / no chat. */
  invitationSent(invitation: InvitationView & { orgId: string; acceptUrl: string }): Promise<boolean>;
  /** Cards to approvers (Approve and add / Decline), possibly as a digest. */
  joinRequestCreated(request: JoinRequestView & { orgId: string }, approvers: Approver[]): Promise<void>;
  /** Refresh every approver's card to the decided state, and tell the requester the outcome. */
  joinRequestDecided(request: JoinRequestView & { orgId: string }, approvers: Approver[]): Promise<void>;
}
