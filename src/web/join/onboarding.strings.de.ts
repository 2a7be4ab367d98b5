import type { OnboardingStrings } from './onboarding.strings.js';

/** Onboarding in German. */
export const de: OnboardingStrings = {
  team: {
    title: 'Team',
    intro: 'Sie und Ihre Organisation in Tandem.',
    name: 'Name',
    signInId: 'Anmelde-ID',
    organisation: 'Organisation',
    profile: 'Profil',
    notManager:
      'Nur Personen, deren Profil Benutzer verwalten darf, sehen Mitglieder, Einladungen und Beitrittsanfragen. Bitten Sie Ihren Tandem-Administrator, wenn Sie jemanden einladen möchten.',
    profiles: { standard: 'Standard', manager: 'Manager', administrator: 'Administrator' },
    add: {
      title: 'Office 365-Benutzer hinzufügen',
      intro:
        'Durchsuchen Sie das Verzeichnis Ihrer Organisation, wählen Sie Personen aus und laden Sie sie per E-Mail und in Teams ein.',
      search: 'Nach Name oder E-Mail suchen',
      searching: 'Suche läuft…',
      noResults: (q: string) => `Niemand in Ihrem Verzeichnis passt zu „${q}“.`,
      minChars: 'Geben Sie mindestens 2 Zeichen ein.',
      member: 'Mitglied',
      invited: 'Eingeladen',
      select: (name: string) => `${name} auswählen`,
      profile: 'Profil der eingeladenen Personen',
      send: (n: number) => (n === 1 ? '1 Einladung senden' : `${n} Einladungen senden`),
      sending: 'Wird gesendet…',
      invitedOk: (name: string) => `${name}: eingeladen.`,
      refused: (name: string, why: string) => `${name}: nicht eingeladen. ${why}`,
      newUserNote:
        'Personen außerhalb Ihrer Organisation gehen einen anderen Weg („Neuer Benutzer“): Sie können nicht über diese Suche eingeladen werden.',
    },
    members: {
      title: 'Mitglieder',
      empty: 'Noch keine Mitglieder.',
      status: { active: 'Aktiv', inactive: 'Inaktiv' },
      joined: (when: string) => `Beigetreten am ${when}`,
      changeProfile: (name: string) => `Profil von ${name}`,
      changed: (name: string, profile: string) => `${name} hat jetzt das Profil ${profile}.`,
    },
    invitations: {
      title: 'Offene Einladungen',
      empty: 'Keine offenen Einladungen.',
      expires: (when: string) => `Läuft ab am ${when}`,
      sentBy: (who: string, when: string) => `Eingeladen von ${who}, zuletzt gesendet am ${when}`,
      delivery: (email: string, teams: string) => `E-Mail: ${email} · Teams: ${teams}`,
      deliveryState: {
        sent: 'gesendet',
        failed: 'fehlgeschlagen',
        not_installed: 'Tandem nicht installiert',
      },
      resend: 'Erneut senden',
      revoke: 'Widerrufen',
      resent: (name: string) => `Einladung erneut an ${name} gesendet.`,
      revoked: (name: string) => `Einladung von ${name} widerrufen.`,
    },
    requests: {
      title: 'Beitrittsanfragen',
      empty: 'Keine Beitrittsanfragen.',
      asked: (when: string) => `Angefragt am ${when}`,
      approve: 'Genehmigen und hinzufügen',
      decline: 'Ablehnen',
      approved: (by: string, when: string) => `Genehmigt von ${by} am ${when}`,
      declined: (by: string, when: string) => `Abgelehnt von ${by} am ${when}`,
      withdrawn: 'Zurückgezogen',
      alreadyDecided: (by: string, when: string) => `Bereits entschieden von ${by} am ${when}.`,
      highlighted: 'Die Anfrage aus Ihrer Genehmigungs-E-Mail',
    },
    audit: {
      title: 'Onboarding-Protokoll',
      empty: 'Noch nichts protokolliert.',
      more: 'Ältere Einträge anzeigen',
      refused: 'abgelehnt',
      system: 'Tandem',
      actions: {
        'organisation.create': 'hat die Organisation eingerichtet',
        'invitation.create': 'hat eingeladen:',
        'invitation.send': 'hat die Einladung gesendet an',
        'invitation.resend': 'hat die Einladung erneut gesendet an',
        'invitation.revoke': 'hat die Einladung widerrufen von',
        'invitation.accept': 'hat die Einladung angenommen',
        'join_request.create': 'hat den Beitritt angefragt',
        'join_request.approve': 'hat die Anfrage genehmigt von',
        'join_request.decline': 'hat die Anfrage abgelehnt von',
        'member.profile_change': 'hat das Profil geändert von',
        'organisation.sync_policy_change': 'hat die Synchronisierungsrichtlinie geändert von',
      },
    },
  },
  join: {
    title: 'Tandem beitreten',
    memberOf: (org: string) => `Sie sind Mitglied von ${org} in Tandem.`,
    notMember: 'Sie sind noch kein Mitglied von Tandem in Ihrer Organisation.',
    signedInAs: (who: string) => `Angemeldet als ${who}.`,
    alreadyUses: (org: string) => `Ihre Organisation nutzt Tandem bereits: ${org}`,
    requestIntro:
      'Fragen Sie den Beitritt an: Die Personen, die in Ihrer Organisation Benutzer verwalten, erhalten Ihre Anfrage, und Sie erhalten die Antwort in Teams.',
    message: 'Nachricht an die Genehmigenden (optional)',
    messageHint: (left: number) => `Noch ${left} Zeichen`,
    request: 'Beitritt anfragen',
    requesting: 'Wird gesendet…',
    pending: (when: string) =>
      `Ihre Anfrage wurde am ${when} gesendet. Sie erhalten die Antwort in Teams, sobald jemand entscheidet.`,
    pendingTitle: 'Anfrage gesendet',
    declined: (by: string) => `Ihre letzte Anfrage wurde von ${by} abgelehnt. Sie können erneut anfragen.`,
    invitedTitle: (org: string) => `Sie sind zu ${org} eingeladen`,
    invited: (profile: string, when: string) =>
      `Mit dem Profil ${profile}. Die Einladung läuft am ${when} ab.`,
    noOrganisation: 'Tandem für Ihre Organisation einrichten',
    noOrganisationHint:
      'In Ihrer Organisation nutzt noch niemand Tandem. Wer es als Erstes einrichtet, wird Administrator und kann dann Kolleginnen und Kollegen einladen. Muss Ihr Microsoft 365-Administrator Apps zuerst genehmigen, erteilt er die Zustimmung einmal für alle.',
    orgName: 'Name der Organisation',
    setUp: 'Tandem einrichten',
    settingUp: 'Wird eingerichtet…',
    setUpDone: (org: string) => `${org} ist eingerichtet. Sie sind der Administrator.`,
    open: 'Tandem öffnen',
  },
  accept: {
    title: 'Einladung annehmen',
    invitedTo: (org: string) => `Sie sind zu ${org} in Tandem eingeladen`,
    invitedGeneric: 'Sie haben eine Einladung zu Tandem.',
    terms: 'Ich akzeptiere die Nutzungsbedingungen von Tandem',
    accept: 'Annehmen',
    accepting: 'Wird angenommen…',
    accepted: (org: string, profile: string) =>
      `Willkommen! Sie sind Mitglied von ${org} mit dem Profil ${profile}.`,
    noInvitation:
      'Für dieses Konto wurde keine Einladung gefunden. Öffnen Sie den Link aus Ihrer Einladungs-E-Mail oder bitten Sie Ihren Administrator, Sie einzuladen.',
    wrongUser:
      'Diese Einladung ist für eine andere Person. Melden Sie sich mit dem eingeladenen Konto an oder verknüpfen Sie von dort aus dieses Konto.',
    expired:
      'Diese Einladung ist abgelaufen oder wurde widerrufen. Bitten Sie Ihren Administrator um eine neue.',
    used: 'Diese Einladung wurde bereits verwendet.',
    signInOther: 'Mit einem anderen Konto anmelden',
    associate: 'Mein Konto verknüpfen',
    associateHint:
      'Sie nutzen Tandem bereits mit einem anderen Ihrer Konten? Melden Sie sich damit an: Dieses Konto tritt bei, statt eines neuen.',
    associating:
      'Sie sind mit Ihrem anderen Konto angemeldet: Beim Annehmen tritt dieses Konto der Organisation bei, statt eines neuen.',
  },
};
