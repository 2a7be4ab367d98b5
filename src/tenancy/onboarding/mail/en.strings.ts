import type { MailStrings } from './mail-strings.js';

export const en: MailStrings = {
  invitation: {
    subject: ({ inviter, organisation }) => `${inviter} invited you to ${organisation} on Tandem`,
    greeting: ({ invitee }) => `Hello ${invitee},`,
    intro: ({ inviter, organisation }) =>
      `${inviter} invited you to join ${organisation}'s CRM on Tandem, in Microsoft Teams.`,
    profile: ({ profile }) => `You will join with the ${profile} profile.`,
    action: 'Accept the invitation',
    expiry: ({ date }) => `This invitation is for you only and expires on ${date}.`,
    ignore: 'If you were not expecting it, you can ignore this message.',
  },
  joinRequests: {
    subject: ({ count, organisation }) =>
      count === 1
        ? `Someone asks to join ${organisation} on Tandem`
        : `${count} people ask to join ${organisation} on Tandem`,
    intro: ({ count, organisation }) =>
      count === 1
        ? `This person asks to join ${organisation} on Tandem:`
        : `These ${count} people ask to join ${organisation} on Tandem:`,
    action: 'Review the request',
    onlyYou: 'You receive this because your profile lets you manage users.',
  },
  outcome: {
    approvedSubject: ({ organisation }) => `You joined ${organisation} on Tandem`,
    approved: ({ approver, organisation, profile }) =>
      `${approver} approved your request: you are now a member of ${organisation} with the ${profile} profile.`,
    declinedSubject: ({ organisation }) => `Your request to join ${organisation} on Tandem`,
    declined: ({ approver, organisation }) => `${approver} declined your request to join ${organisation}.`,
    reason: ({ reason }) => `Reason: ${reason}`,
    action: 'Open Tandem',
  },
  footer: 'Tandem — your CRM in Microsoft Teams.',
};
