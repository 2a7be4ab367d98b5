import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { REFRESH_JOIN_REQUEST_VERB } from '../cards/join-request.card.js';
import { approverCard } from './join-request-decision.js';
import type { OnboardingCardAction } from './onboarding-action.js';
import { outOfDateCard, refusalCard } from './onboarding-refusal.js';

const requestData = z.object({ requestId: z.uuid() });

/**
 * The card's `refresh`: Teams asks when an approver opens a copy, which then shows the request as
 * it stands (decided ones without buttons). Someone who no longer manages users gets a refusal.
 */
export const refreshJoinRequestAction: OnboardingCardAction = {
  verb: REFRESH_JOIN_REQUEST_VERB,
  run: async (ctx, data) => {
    const parsed = requestData.safeParse(data);
    if (!parsed.success) return outOfDateCard();
    try {
      const principal = await ctx.principal();
      return await approverCard(
        ctx,
        principal,
        await ctx.onboarding.getJoinRequest(principal, parsed.data.requestId),
      );
    } catch (err) {
      if (err instanceof AppError) return refusalCard(err, 'Join request');
      throw err;
    }
  },
};
