import { DECLINE_JOIN_REQUEST_VERB } from '../cards/join-request.card.js';
import { decideJoinRequest } from './join-request-decision.js';
import type { OnboardingCardAction } from './onboarding-action.js';

/** "Decline" on a join request card: the requester is told; nobody is added. */
export const declineJoinRequestAction: OnboardingCardAction = {
  verb: DECLINE_JOIN_REQUEST_VERB,
  run: (ctx, data) =>
    decideJoinRequest(
      ctx,
      data,
      (principal, id) => ctx.onboarding.declineJoinRequest(principal, id),
      (r) => `You declined ${r.requester.displayName || r.requester.userPrincipalName}'s request.`,
    ),
};
