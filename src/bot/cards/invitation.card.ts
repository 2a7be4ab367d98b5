import type { InvitationView } from '../../tenancy/onboarding/onboarding.contract.js';
import { adaptiveCard, execute, heading, paragraph, type AdaptiveCard } from './card.js';
import { cardTime } from './card-time.js';

export const ACCEPT_INVITATION_VERB = 'acceptInvitation';
/** The terms toggle's input id: its value (`"true"` when ticked) arrives in the action's data. */
export const ACCEPT_TERMS_INPUT = 'acceptTerms';

export interface InvitationCardInput {
  invitationId: string;
  organisationName: string;
  invitedBy: string;
  profileName: string;
  expiresAt: string;
  /** The accept page (`/tabs/accept#token=…`), when known (the card sent with the mail). */
  acceptUrl?: string;
  notice?: { text: string; tone: 'good' | 'attention' };
}

/** An invitation to the invitee: who invited them, with which profile; accept the terms and Accept. */
export function invitationCard(input: InvitationCardInput): AdaptiveCard {
  const body: Record<string, unknown>[] = [heading(`You're invited to ${input.organisationName} in Tandem`)];
  if (input.notice) body.push(paragraph(input.notice.text, { color: input.notice.tone }));
  body.push(
    paragraph(`${input.invitedBy} invited you to join with the ${input.profileName} profile.`),
    {
      type: 'FactSet',
      facts: [{ title: 'Expires', value: cardTime(input.expiresAt) }],
    },
    {
      type: 'Input.Toggle',
      id: ACCEPT_TERMS_INPUT,
      title: 'I accept the Tandem terms of use',
      valueOn: 'true',
      valueOff: 'false',
      value: 'false',
    },
  );
  return adaptiveCard(body, [
    { ...execute('Accept', ACCEPT_INVITATION_VERB, { invitationId: input.invitationId }), style: 'positive' },
    ...(input.acceptUrl
      ? [{ type: 'Action.OpenUrl', title: 'Open in the browser', url: input.acceptUrl }]
      : []),
  ]);
}

/** After accepting: a member, with the profile the admin chose. */
export function welcomeCard(input: { organisationName: string; profileName: string }): AdaptiveCard {
  return adaptiveCard([
    heading(`Welcome to ${input.organisationName} in Tandem`),
    paragraph(`You're a member with the ${input.profileName} profile. Say "help" to see what I can do.`),
  ]);
}

/** Converts a contract view to the card's input (the invitee's card sent with the mail). */
export function invitationCardInput(
  invitation: InvitationView & { acceptUrl: string },
  organisationName: string,
): InvitationCardInput {
  return {
    invitationId: invitation.id,
    organisationName,
    invitedBy: invitation.invitedBy.displayName,
    profileName: invitation.profile.name,
    expiresAt: invitation.expiresAt,
    acceptUrl: invitation.acceptUrl,
  };
}
