import type { TurnContext } from 'botbuilder';
import type { Identity, JoinRequestView } from '../../tenancy/onboarding/onboarding.contract.js';
import type { Principal } from '../../tenancy/principal.js';
import type { AdaptiveCard } from '../cards/card.js';

/** Where the caller stands with Tandem (`GET /api/v1/onboarding/status`). */
export interface OnboardingStatusView {
  state: 'member' | 'no_organisation' | 'not_a_member';
  organisation?: { name: string };
  /** A pending invitation bound to the caller. */
  invitation?: {
    id: string;
    organisation: { name: string };
    profile: { key: string; name: string };
    invitedBy?: { displayName: string };
    expiresAt: string;
  };
  joinRequest?: JoinRequestView;
}

/**
 * What the bot asks of the onboarding service (`container.onboarding`). Every rule (who may decide,
 * single use, first decision wins, binding to the caller's tenant and object id) is the service's:
 * it re-checks at call time and throws typed `AppError`s (`already_decided` with `decidedBy` and
 * `decidedAt`, `not_allowed`…) that the actions turn into cards.
 */
export interface OnboardingPort {
  status(identity: Identity): Promise<OnboardingStatusView>;
  requestToJoin(identity: Identity, message?: string): Promise<JoinRequestView>;
  acceptInvitation(
    identity: Identity,
    input: { invitationId: string; acceptTerms: true },
  ): Promise<{ organisation: { id: string; name: string }; profile: { key: string; name: string } }>;
  approveJoinRequest(principal: Principal, id: string, profile?: string): Promise<JoinRequestView>;
  declineJoinRequest(principal: Principal, id: string): Promise<JoinRequestView>;
  /** The request as it stands now, for a member who holds manageUsers in its organisation. */
  getJoinRequest(principal: Principal, id: string): Promise<JoinRequestView>;
}

/** What an onboarding verb gets: the Teams identity (member or not), and how to resolve a member. */
export interface OnboardingActionContext {
  turn: TurnContext;
  identity: Identity;
  onboarding: OnboardingPort;
  /** The member behind the identity, re-resolved now (throws ForbiddenError for non-members). */
  principal(): Promise<Principal>;
  /** Teams user ids (`29:…`) of the approvers who received the join request's card. */
  approverTeamsIds(requestId: string): Promise<string[]>;
}

/**
 * An onboarding `Action.Execute` verb. Unlike member verbs, it runs before membership is known
 * (a non-member asks to join or accepts), so each verb checks what it needs.
 */
export interface OnboardingCardAction {
  verb: string;
  run(ctx: OnboardingActionContext, data: Record<string, unknown>): Promise<AdaptiveCard>;
}
