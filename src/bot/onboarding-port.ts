import type { OnboardingService } from '../tenancy/onboarding/onboarding.service.js';
import type { OnboardingPort } from './actions/onboarding-action.js';

/**
 * The bot's view of the onboarding service. A join request's current state is read with the same
 * check as the Team tab: only manageUsers holders of its organisation see it (checked at call time).
 */
export function onboardingPort(service: OnboardingService): OnboardingPort {
  return {
    status: (identity) => service.status(identity),
    requestToJoin: (identity, message) => service.requestToJoin(identity, message),
    acceptInvitation: (identity, input) => service.acceptInvitation(identity, input),
    approveJoinRequest: (principal, id, profile) => service.approveJoinRequest(principal, id, profile),
    declineJoinRequest: (principal, id) => service.declineJoinRequest(principal, id),
    getJoinRequest: (principal, id) => service.parts.joinRequests.get({ principal }, id),
  };
}
