import type { MailStrings } from './mail-strings.js';

export const fr: MailStrings = {
  invitation: {
    subject: ({ inviter, organisation }) => `${inviter} vous invite à rejoindre ${organisation} sur Tandem`,
    greeting: ({ invitee }) => `Bonjour ${invitee},`,
    intro: ({ inviter, organisation }) =>
      `${inviter} vous invite à rejoindre le CRM de ${organisation} sur Tandem, dans Microsoft Teams.`,
    profile: ({ profile }) => `Vous rejoindrez l'organisation avec le profil ${profile}.`,
    action: "Accepter l'invitation",
    expiry: ({ date }) => `Cette invitation vous est personnelle et expire le ${date}.`,
    ignore: 'Si vous ne vous y attendiez pas, vous pouvez ignorer ce message.',
  },
  joinRequests: {
    subject: ({ count, organisation }) =>
      count === 1
        ? `Une personne demande à rejoindre ${organisation} sur Tandem`
        : `${count} personnes demandent à rejoindre ${organisation} sur Tandem`,
    intro: ({ count, organisation }) =>
      count === 1
        ? `Cette personne demande à rejoindre ${organisation} sur Tandem :`
        : `Ces ${count} personnes demandent à rejoindre ${organisation} sur Tandem :`,
    action: 'Examiner la demande',
    onlyYou: 'Vous recevez ce message car votre profil permet de gérer les utilisateurs.',
  },
  outcome: {
    approvedSubject: ({ organisation }) => `Vous avez rejoint ${organisation} sur Tandem`,
    approved: ({ approver, organisation, profile }) =>
      `${approver} a approuvé votre demande : vous êtes membre de ${organisation} avec le profil ${profile}.`,
    declinedSubject: ({ organisation }) => `Votre demande pour rejoindre ${organisation} sur Tandem`,
    declined: ({ approver, organisation }) =>
      `${approver} a refusé votre demande pour rejoindre ${organisation}.`,
    reason: ({ reason }) => `Motif : ${reason}`,
    action: 'Ouvrir Tandem',
  },
  footer: 'Tandem — votre CRM dans Microsoft Teams.',
};
