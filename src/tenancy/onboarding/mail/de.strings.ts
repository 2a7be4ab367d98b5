import type { MailStrings } from './mail-strings.js';

export const de: MailStrings = {
  invitation: {
    subject: ({ inviter, organisation }) => `${inviter} hat Sie zu ${organisation} auf Tandem eingeladen`,
    greeting: ({ invitee }) => `Hallo ${invitee},`,
    intro: ({ inviter, organisation }) =>
      `${inviter} hat Sie eingeladen, dem CRM von ${organisation} auf Tandem in Microsoft Teams beizutreten.`,
    profile: ({ profile }) => `Sie treten mit dem Profil ${profile} bei.`,
    action: 'Einladung annehmen',
    expiry: ({ date }) => `Diese Einladung gilt nur für Sie und läuft am ${date} ab.`,
    ignore: 'Wenn Sie diese Nachricht nicht erwartet haben, können Sie sie ignorieren.',
  },
  joinRequests: {
    subject: ({ count, organisation }) =>
      count === 1
        ? `Eine Person möchte ${organisation} auf Tandem beitreten`
        : `${count} Personen möchten ${organisation} auf Tandem beitreten`,
    intro: ({ count, organisation }) =>
      count === 1
        ? `Diese Person möchte ${organisation} auf Tandem beitreten:`
        : `Diese ${count} Personen möchten ${organisation} auf Tandem beitreten:`,
    action: 'Anfrage prüfen',
    onlyYou: 'Sie erhalten diese Nachricht, weil Ihr Profil Benutzer verwalten darf.',
  },
  outcome: {
    approvedSubject: ({ organisation }) => `Sie sind ${organisation} auf Tandem beigetreten`,
    approved: ({ approver, organisation, profile }) =>
      `${approver} hat Ihre Anfrage genehmigt: Sie sind jetzt Mitglied von ${organisation} mit dem Profil ${profile}.`,
    declinedSubject: ({ organisation }) => `Ihre Anfrage, ${organisation} auf Tandem beizutreten`,
    declined: ({ approver, organisation }) =>
      `${approver} hat Ihre Anfrage abgelehnt, ${organisation} beizutreten.`,
    reason: ({ reason }) => `Grund: ${reason}`,
    action: 'Tandem öffnen',
  },
  footer: 'Tandem – Ihr CRM in Microsoft Teams.',
};
