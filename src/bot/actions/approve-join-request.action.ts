import { APPROVE_JOIN_REQUEST_VERB } from '../cards/join-request.card.js';
import { decideJoinRequest } from './join-request-decision.js';
import type { OnboardingCardAction } from './onboarding-action.js';

/** "Approve and add" on a join request card: the requester becomes a member (Standard unless told). */
export const approveJoinRequestAction: OnboardingCardAction = {
  verb: APPROVE_JOIN_REQUEST_VERB,
  run: (ctx, data) =>
    decideJoinRequest(
      ctx,
      data,
      (principal, id) => ctx.onboarding.approveJoinRequest(principal, id),
      (r) => `You added ${r.requester.displayName || r.requester.userPrincipalName} to Tandem.`,
    ),
};
