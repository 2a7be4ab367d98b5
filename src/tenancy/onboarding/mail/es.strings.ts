import type { MailStrings } from './mail-strings.js';

export const es: MailStrings = {
  invitation: {
    subject: ({ inviter, organisation }) => `${inviter} le invita a unirse a ${organisation} en Tandem`,
    greeting: ({ invitee }) => `Hola, ${invitee}:`,
    intro: ({ inviter, organisation }) =>
      `${inviter} le invita a unirse al CRM de ${organisation} en Tandem, dentro de Microsoft Teams.`,
    profile: ({ profile }) => `Se unirá con el perfil ${profile}.`,
    action: 'Aceptar la invitación',
    expiry: ({ date }) => `Esta invitación es solo para usted y caduca el ${date}.`,
    ignore: 'Si no la esperaba, puede ignorar este mensaje.',
  },
  joinRequests: {
    subject: ({ count, organisation }) =>
      count === 1
        ? `Una persona solicita unirse a ${organisation} en Tandem`
        : `${count} personas solicitan unirse a ${organisation} en Tandem`,
    intro: ({ count, organisation }) =>
      count === 1
        ? `Esta persona solicita unirse a ${organisation} en Tandem:`
        : `Estas ${count} personas solicitan unirse a ${organisation} en Tandem:`,
    action: 'Revisar la solicitud',
    onlyYou: 'Recibe este mensaje porque su perfil le permite administrar usuarios.',
  },
  outcome: {
    approvedSubject: ({ organisation }) => `Se ha unido a ${organisation} en Tandem`,
    approved: ({ approver, organisation, profile }) =>
      `${approver} aprobó su solicitud: ya es miembro de ${organisation} con el perfil ${profile}.`,
    declinedSubject: ({ organisation }) => `Su solicitud para unirse a ${organisation} en Tandem`,
    declined: ({ approver, organisation }) =>
      `${approver} rechazó su solicitud para unirse a ${organisation}.`,
    reason: ({ reason }) => `Motivo: ${reason}`,
    action: 'Abrir Tandem',
  },
  footer: 'Tandem: su CRM en Microsoft Teams.',
};
