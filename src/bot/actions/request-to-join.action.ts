import { AppError, ConflictError } from '../../platform/errors/app-error.js';
import type { AdaptiveCard } from '../cards/card.js';
import {
  JOIN_MESSAGE_INPUT,
  JOIN_MESSAGE_MAX,
  REQUEST_TO_JOIN_VERB,
  joinCard,
  joinRequestStatusCard,
} from '../cards/join.card.js';
import type { OnboardingActionContext, OnboardingCardAction } from './onboarding-action.js';
import { refusalCard } from './onboarding-refusal.js';

/**
 * "Request to join" on the join card (a non-member): sends the request with the optional message;
 * the answer is the requester's status card. One pending request per person: a second press shows
 * the one waiting.
 */
export const requestToJoinAction: OnboardingCardAction = {
  verb: REQUEST_TO_JOIN_VERB,
  run: async (ctx, data) => {
    const status = await ctx.onboarding.status(ctx.identity);
    const organisationName = status.organisation?.name ?? 'your organisation';
    const raw = data[JOIN_MESSAGE_INPUT];
    const message = typeof raw === 'string' ? raw.trim() : '';
    if (message.length > JOIN_MESSAGE_MAX) {
      return joinCard({
        organisationName,
        notice: { text: `Keep the message under ${JOIN_MESSAGE_MAX} characters.`, tone: 'attention' },
      });
    }
    try {
      const request = await ctx.onboarding.requestToJoin(ctx.identity, message || undefined);
      return joinRequestStatusCard({
        organisationName,
        request,
        notice: { text: 'Request sent.', tone: 'good' },
      });
    } catch (err) {
      if (err instanceof ConflictError && err.code === 'join_request_pending')
        return pending(ctx, organisationName);
      if (err instanceof AppError) return refusalCard(err, 'Request not sent');
      throw err;
    }
  },
};

async function pending(ctx: OnboardingActionContext, organisationName: string): Promise<AdaptiveCard> {
  const { joinRequest } = await ctx.onboarding.status(ctx.identity);
  if (!joinRequest) return joinCard({ organisationName });
  return joinRequestStatusCard({
    organisationName,
    request: joinRequest,
    notice: { text: 'You already have a request waiting.', tone: 'attention' },
  });
}
