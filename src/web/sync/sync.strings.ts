import { de } from './sync.strings.de.js';
import { es } from './sync.strings.es.js';
import { fr } from './sync.strings.fr.js';

/** The Sync tab's words in English, French, Spanish and German (the `sync` section of `strings.ts`). */

const en = {
  title: 'Sync with Office 365',
  intro: 'Choose what Tandem keeps in step with your Outlook and Microsoft To Do.',
  loading: 'Loading your sync settings…',
  modules: {
    contacts: {
      name: 'Contacts',
      description: 'Your CRM contacts in a "Tandem Contacts" folder in Outlook.',
    },
    meetings: { name: 'Meetings', description: 'Your CRM meetings in a "Tandem" calendar in Outlook.' },
    tasks: { name: 'Tasks', description: 'Your CRM tasks in a "Tandem Tasks" list in Microsoft To Do.' },
  },
  on: 'On',
  off: 'Off',
  saving: 'Saving…',
  lastChange: (when: string) => `Last changed ${when}`,
  neverChanged: 'Never changed',
  enabled: (name: string) => `${name} sync is on.`,
  disabled: (name: string) => `${name} sync is off.`,
  refused: (name: string) => `${name} sync could not be changed.`,
  states: {
    disabled: 'Off',
    idle: 'Up to date',
    queued: 'A sync is about to start',
    running: 'Syncing now…',
    backoff: 'Retrying after an error',
    paused: 'Paused: waiting for you',
    needs_consent: 'Needs your permission',
    failed: 'Stopped',
  },
  lastSync: (when: string) => `Last sync ${when}`,
  neverSynced: 'No sync has finished yet',
  toCrm: 'Into Tandem',
  toOffice: 'Into Office 365',
  counts: (created: number, updated: number, deleted: number) =>
    `${created} created, ${updated} updated, ${deleted} deleted`,
  pending: (n: number) => `${n} change${n === 1 ? '' : 's'} waiting to go to Office 365`,
  errorsTitle: 'Errors',
  noErrors: 'No errors.',
  syncNow: 'Sync now',
  syncQueued: (name: string) => `${name}: a sync has started. The status updates here when it is done.`,
  details: 'Details',
  notYet: 'Syncing this module is not available yet; your choice is kept.',
  pausedTitle: 'Sync paused before deleting',
  pausedBody: (count: number, threshold: number) =>
    `The last sync would delete ${count} items, more than the ${threshold} Tandem deletes without asking. Nothing has been deleted yet.`,
  applyDeletions: 'Apply deletions',
  keepItems: 'Keep the items',
  pauseApplied: 'The deletions are being applied.',
  pauseKept: 'The items are kept on both sides.',
  consentTitle: 'Tandem needs your permission again',
  consentBody:
    'Tandem can no longer reach your Office 365 data. Grant access again and the sync picks up where it stopped.',
  grantAccess: 'Grant access',
  failedTitle: 'This sync has stopped',
  mapping: {
    title: 'Field mapping',
    intro: 'Which Outlook field each Tandem field goes to. Only fields Microsoft Graph exposes are offered.',
    crmField: 'Tandem field',
    graphField: 'Outlook field',
    notSynced: 'Not synced',
    save: 'Save mapping',
    reset: 'Use the default mapping',
    saved: 'The field mapping is saved.',
    invalid: 'The mapping was not saved: fix the fields marked below.',
  },
  options: {
    title: 'Options',
    save: 'Save options',
    saved: 'The options are saved.',
    invalid: 'The options were not saved.',
    /** Per module: option name → label (other options show the server's description). */
    labels: {
      contacts: {
        deleteCrmOnRemoteDelete: 'Delete the Tandem contact when it is deleted in Outlook',
        importCategories: 'Outlook categories to import',
      },
      meetings: {
        deleteCrmOnRemoteDelete: 'Delete the Tandem meeting when it is deleted or cancelled in Outlook',
        pushAttendees: 'Send the participants added in Tandem to Outlook',
        addClientInvitations: 'Add client meeting invitations',
      },
      tasks: {
        deleteCrmOnRemoteDelete: 'A task deleted on either side is deleted on the other (always on)',
      },
    } as Record<string, Record<string, string>>,
    listHint: 'Separate names with commas.',
  },
  dryRun: {
    preview: 'Preview the first sync',
    running: 'Looking at both sides…',
    title: 'What the first sync would do',
    container: (name: string, exists: boolean) =>
      exists ? `Your existing "${name}" folder is used.` : `A "${name}" folder is created.`,
    toOffice: 'In Office 365',
    toCrm: 'In Tandem',
    create: (n: number) => `${n} to create`,
    link: (n: number) => `${n} to link to an existing item`,
    merge: (n: number) => `${n} duplicate${n === 1 ? '' : 's'} to merge`,
    matchedBy: (how: string) => `matched by ${how}`,
    more: (n: number) => `and ${n} more`,
    enable: 'Enable',
    cancel: 'Cancel',
  },
  chart: {
    title: 'Sync activity',
    caption: 'Items synced per hour, each way (latest journal entries).',
    none: 'No activity yet.',
    summary: (hour: string, toCrm: number, toOffice: number) =>
      `${hour}: ${toCrm} into Tandem, ${toOffice} into Office 365`,
  },
  conflicts: {
    title: 'Conflicts',
    intro:
      'Both sides changed the same field: the most recent change won. Restore the other value if it was right.',
    none: 'No conflicts.',
    field: 'Field',
    kept: 'Kept',
    overwritten: 'Replaced',
    empty: '(empty)',
    restore: 'Restore',
    restored: (field: string) => `"${field}" is restored; it goes to Office 365 at the next sync.`,
    restoredCrmOnly: (field: string) =>
      `"${field}" is restored in Tandem; it is no longer in your field mapping, so Office 365 keeps its value.`,
    failed: 'The value could not be restored.',
  },
  journal: {
    title: 'Journal',
    none: 'Nothing synced yet.',
    more: 'Show more',
    actions: {
      create: 'Created',
      update: 'Updated',
      merge: 'Merged',
      conflict: 'Conflict',
      delete: 'Deleted',
      link: 'Linked',
      skip: 'Skipped',
      error: 'Error',
    },
    directions: { to_crm: 'into Tandem', to_office: 'into Office 365', none: '' },
  },
};

export type SyncStrings = typeof en;

export const SYNC_STRINGS: Record<'en' | 'fr' | 'es' | 'de', SyncStrings> = { en, fr, es, de };
