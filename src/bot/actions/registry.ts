import type { CardAction } from './action.js';
import { acceptInvitationAction } from './accept-invitation.action.js';
import { approveJoinRequestAction } from './approve-join-request.action.js';
import { declineJoinRequestAction } from './decline-join-request.action.js';
import type { OnboardingCardAction } from './onboarding-action.js';
import { refreshJoinRequestAction } from './refresh-join-request.action.js';
import { requestToJoinAction } from './request-to-join.action.js';
import { resolvePauseAction } from './resolve-pause.action.js';
import { showStatusAction } from './show-status.action.js';
import { toggleModuleAction } from './toggle-module.action.js';

/** Every Action.Execute verb the bot answers: the one place a verb is added. */
export const CARD_ACTIONS: readonly CardAction[] = [toggleModuleAction, showStatusAction, resolvePauseAction];

/** Onboarding verbs: they run for members and non-members alike (each checks what it needs). */
export const ONBOARDING_ACTIONS: readonly OnboardingCardAction[] = [
  requestToJoinAction,
  acceptInvitationAction,
  approveJoinRequestAction,
  declineJoinRequestAction,
  refreshJoinRequestAction,
];
