import type { SyncStrings } from './sync.strings.js';

/** The Sync tab in German. */
export const de: SyncStrings = {
  title: 'Synchronisierung mit Office 365',
  intro: 'Wählen Sie, was Tandem mit Outlook und Microsoft To Do abgleicht.',
  loading: 'Ihre Synchronisierungseinstellungen werden geladen…',
  modules: {
    contacts: {
      name: 'Kontakte',
      description: 'Ihre CRM-Kontakte in einem Outlook-Ordner „Tandem Contacts“.',
    },
    meetings: {
      name: 'Besprechungen',
      description: 'Ihre CRM-Besprechungen in einem Outlook-Kalender „Tandem“.',
    },
    tasks: {
      name: 'Aufgaben',
      description: 'Ihre CRM-Aufgaben in einer Microsoft To Do-Liste „Tandem Tasks“.',
    },
  },
  on: 'Ein',
  off: 'Aus',
  saving: 'Wird gespeichert…',
  lastChange: (when) => `Zuletzt geändert am ${when}`,
  neverChanged: 'Nie geändert',
  enabled: (name) => `Die Synchronisierung von ${name} ist eingeschaltet.`,
  disabled: (name) => `Die Synchronisierung von ${name} ist ausgeschaltet.`,
  refused: (name) => `Die Synchronisierung von ${name} konnte nicht geändert werden.`,
  states: {
    disabled: 'Aus',
    idle: 'Aktuell',
    queued: 'Eine Synchronisierung beginnt gleich',
    running: 'Wird synchronisiert…',
    backoff: 'Neuer Versuch nach einem Fehler',
    paused: 'Angehalten: wartet auf Sie',
    needs_consent: 'Ihre Zustimmung wird benötigt',
    failed: 'Gestoppt',
  },
  lastSync: (when) => `Letzte Synchronisierung ${when}`,
  neverSynced: 'Noch keine Synchronisierung abgeschlossen',
  toCrm: 'Nach Tandem',
  toOffice: 'Nach Office 365',
  counts: (c, u, d) => `${c} erstellt, ${u} geändert, ${d} gelöscht`,
  pending: (n) => `${n} Änderung${n === 1 ? '' : 'en'} warten auf Office 365`,
  errorsTitle: 'Fehler',
  noErrors: 'Keine Fehler.',
  syncNow: 'Jetzt synchronisieren',
  syncQueued: (name) => `${name}: Die Synchronisierung hat begonnen. Der Status wird hier aktualisiert.`,
  details: 'Details',
  notYet: 'Die Synchronisierung dieses Moduls ist noch nicht verfügbar; Ihre Auswahl bleibt gespeichert.',
  pausedTitle: 'Synchronisierung vor dem Löschen angehalten',
  pausedBody: (count, threshold) =>
    `Die letzte Synchronisierung würde ${count} Elemente löschen, mehr als die ${threshold}, die Tandem ohne Nachfrage löscht. Noch wurde nichts gelöscht.`,
  applyDeletions: 'Löschungen ausführen',
  keepItems: 'Elemente behalten',
  pauseApplied: 'Die Löschungen werden ausgeführt.',
  pauseKept: 'Die Elemente bleiben auf beiden Seiten erhalten.',
  consentTitle: 'Tandem braucht erneut Ihre Zustimmung',
  consentBody:
    'Tandem kann nicht mehr auf Ihre Office 365-Daten zugreifen. Erteilen Sie den Zugriff erneut, dann setzt die Synchronisierung dort fort, wo sie stand.',
  grantAccess: 'Zugriff erteilen',
  failedTitle: 'Diese Synchronisierung ist gestoppt',
  mapping: {
    title: 'Feldzuordnung',
    intro:
      'Welches Outlook-Feld jedes Tandem-Feld erhält. Angeboten werden nur Felder, die Microsoft Graph bereitstellt.',
    crmField: 'Tandem-Feld',
    graphField: 'Outlook-Feld',
    notSynced: 'Nicht synchronisiert',
    save: 'Zuordnung speichern',
    reset: 'Standardzuordnung verwenden',
    saved: 'Die Feldzuordnung ist gespeichert.',
    invalid: 'Die Zuordnung wurde nicht gespeichert: Korrigieren Sie die markierten Felder.',
  },
  options: {
    title: 'Optionen',
    save: 'Optionen speichern',
    saved: 'Die Optionen sind gespeichert.',
    invalid: 'Die Optionen wurden nicht gespeichert.',
    labels: {
      contacts: {
        deleteCrmOnRemoteDelete: 'Tandem-Kontakt löschen, wenn er in Outlook gelöscht wird',
        importCategories: 'Zu importierende Outlook-Kategorien',
      },
      meetings: {
        deleteCrmOnRemoteDelete:
          'Tandem-Besprechung löschen, wenn sie in Outlook gelöscht oder abgesagt wird',
        pushAttendees: 'In Tandem hinzugefügte Teilnehmer an Outlook senden',
        addClientInvitations: 'Besprechungseinladungen von Kunden hinzufügen',
      },
      tasks: {
        deleteCrmOnRemoteDelete:
          'Eine auf einer Seite gelöschte Aufgabe wird auch auf der anderen gelöscht (immer an)',
      },
    },
    listHint: 'Namen durch Kommas trennen.',
  },
  dryRun: {
    preview: 'Vorschau der ersten Synchronisierung',
    running: 'Beide Seiten werden geprüft…',
    title: 'Was die erste Synchronisierung tun würde',
    container: (name, exists) =>
      exists ? `Ihr vorhandener Ordner „${name}“ wird verwendet.` : `Ein Ordner „${name}“ wird erstellt.`,
    toOffice: 'In Office 365',
    toCrm: 'In Tandem',
    create: (n) => `${n} zu erstellen`,
    link: (n) => `${n} mit einem vorhandenen Element zu verknüpfen`,
    merge: (n) => `${n} Duplikat${n === 1 ? '' : 'e'} zusammenzuführen`,
    matchedBy: (how) => `gefunden über ${how}`,
    more: (n) => `und ${n} weitere`,
    enable: 'Einschalten',
    cancel: 'Abbrechen',
  },
  chart: {
    title: 'Synchronisierungsaktivität',
    caption: 'Synchronisierte Elemente pro Stunde in jede Richtung (neueste Journaleinträge).',
    none: 'Noch keine Aktivität.',
    summary: (hour, toCrm, toOffice) => `${hour}: ${toCrm} nach Tandem, ${toOffice} nach Office 365`,
  },
  conflicts: {
    title: 'Konflikte',
    intro:
      'Beide Seiten haben dasselbe Feld geändert: Die neueste Änderung hat gewonnen. Stellen Sie den anderen Wert wieder her, wenn er richtig war.',
    none: 'Keine Konflikte.',
    field: 'Feld',
    kept: 'Behalten',
    overwritten: 'Ersetzt',
    empty: '(leer)',
    restore: 'Wiederherstellen',
    restored: (field) =>
      `„${field}“ ist wiederhergestellt und geht bei der nächsten Synchronisierung nach Office 365.`,
    restoredCrmOnly: (field) =>
      `„${field}“ ist in Tandem wiederhergestellt; das Feld ist nicht mehr in Ihrer Feldzuordnung, Office 365 behält seinen Wert.`,
    failed: 'Der Wert konnte nicht wiederhergestellt werden.',
  },
  journal: {
    title: 'Journal',
    none: 'Noch nichts synchronisiert.',
    more: 'Mehr anzeigen',
    actions: {
      create: 'Erstellt',
      update: 'Geändert',
      merge: 'Zusammengeführt',
      conflict: 'Konflikt',
      delete: 'Gelöscht',
      link: 'Verknüpft',
      skip: 'Übersprungen',
      error: 'Fehler',
    },
    directions: { to_crm: 'nach Tandem', to_office: 'nach Office 365', none: '' },
  },
};
