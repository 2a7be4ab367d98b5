import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import {
  ACCEPT_INVITATION_VERB,
  ACCEPT_TERMS_INPUT,
  invitationCard,
  welcomeCard,
} from '../cards/invitation.card.js';
import type { OnboardingCardAction } from './onboarding-action.js';
import { outOfDateCard, refusalCard } from './onboarding-refusal.js';

const acceptData = z.object({ invitationId: z.string().min(1).max(100) });

/**
 * "Accept" on an invitation card: with the terms ticked, the service checks the invitation is
 * pending, unexpired and bound to this Teams user, and makes them a member with the chosen profile.
 */
export const acceptInvitationAction: OnboardingCardAction = {
  verb: ACCEPT_INVITATION_VERB,
  run: async (ctx, data) => {
    const parsed = acceptData.safeParse(data);
    if (!parsed.success) return outOfDateCard();
    const { invitationId } = parsed.data;
    const terms = data[ACCEPT_TERMS_INPUT];
    if (terms !== true && terms !== 'true') {
      const { invitation } = await ctx.onboarding.status(ctx.identity);
      if (!invitation || invitation.id !== invitationId) return outOfDateCard();
      return invitationCard({
        invitationId,
        organisationName: invitation.organisation.name,
        invitedBy: invitation.invitedBy?.displayName ?? 'An administrator',
        profileName: invitation.profile.name,
        expiresAt: invitation.expiresAt,
        notice: { text: 'Tick "I accept the Tandem terms of use" to accept.', tone: 'attention' },
      });
    }
    try {
      const joined = await ctx.onboarding.acceptInvitation(ctx.identity, { invitationId, acceptTerms: true });
      return welcomeCard({ organisationName: joined.organisation.name, profileName: joined.profile.name });
    } catch (err) {
      if (err instanceof AppError) return refusalCard(err, 'Invitation not accepted');
      throw err;
    }
  },
};
