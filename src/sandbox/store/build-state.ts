import { randomUUID } from 'node:crypto';
import { seededEvent } from '../graph/events-model.js';
import type { SeedTenant } from '../seed/seed-data.js';
import type { SandboxState, TenantState } from './model.js';
import { emptyMailbox, SandboxStore } from './sandbox-store.js';

/** Delegated Graph permissions consented for Tandem in the seeded tenants (admin consent). */
export const TANDEM_DELEGATED_SCOPES = [
  'User.Read',
  'User.ReadBasic.All',
  'Contacts.ReadWrite',
  'Calendars.ReadWrite',
  'Tasks.ReadWrite',
  'Mail.Send',
  'MailboxSettings.ReadWrite',
  'TeamsAppInstallation.ReadWriteForUser',
  'offline_access',
];
/** Application permissions consented for Tandem (app-only background sync). */
export const TANDEM_APP_ROLES = [
  'User.Read.All',
  'Contacts.ReadWrite',
  'Calendars.ReadWrite',
  'Tasks.ReadWrite.All',
  'Mail.Send',
  'MailboxSettings.ReadWrite',
  'TeamsAppInstallation.ReadWriteForUser.All',
];

/**
 * The sandbox state for seeded tenants: directory users, a mailbox each with its well-known
 * containers (Contacts folder, Calendar, Tasks list, Inbox) filled from the seed, and admin
 * consent for the given client ids.
 */
export function buildState(tenants: SeedTenant[], consentedClientIds: string[]): SandboxState {
  const store = new SandboxStore(SandboxStore.emptyState());
  for (const seed of tenants) {
    const tenant: TenantState = {
      id: seed.id,
      displayName: seed.displayName,
      domain: seed.domain,
      users: {},
      mailboxes: {},
      consents: Object.fromEntries(
        consentedClientIds.map((c) => [
          c,
          { delegated: [...TANDEM_DELEGATED_SCOPES], application: [...TANDEM_APP_ROLES] },
        ]),
      ),
    };
    store.state.tenants[seed.id] = tenant;
    for (const u of seed.users) {
      tenant.users[u.id] = {
        id: u.id,
        userPrincipalName: u.userPrincipalName,
        mail: u.mail,
        displayName: u.displayName,
        givenName: u.givenName,
        surname: u.surname,
        jobTitle: u.jobTitle,
        preferredLanguage: u.preferredLanguage,
        accountEnabled: true,
        isAdministrator: u.isAdministrator,
      };
      const mb = emptyMailbox({ tenantId: seed.id, userId: u.id });
      tenant.mailboxes[u.id] = mb;
      const root = randomUUID();
      mb.wellKnown.contacts = store.create(
        mb,
        'contactFolders',
        { displayName: 'Contacts', parentFolderId: root },
        root,
      ).id;
      mb.wellKnown.calendar = store.create(mb, 'calendars', calendarOf(u.displayName, u.mail, true)).id;
      mb.wellKnown.tasks = store.create(mb, 'todoLists', {
        displayName: 'Tasks',
        isOwner: true,
        isShared: false,
        wellknownListName: 'defaultList',
      }).id;
      mb.wellKnown.inbox = randomUUID();
      mb.wellKnown.sentItems = randomUUID();
      for (const c of u.categories) store.create(mb, 'categories', { ...c, id: randomUUID() });
      for (const c of u.contacts) {
        const displayName = c.displayName ?? [c.givenName, c.surname].filter(Boolean).join(' ');
        store.create(
          mb,
          'contacts',
          { ...c, displayName, parentFolderId: mb.wellKnown.contacts },
          mb.wellKnown.contacts,
        );
      }
      const owner = { name: u.displayName, address: u.mail };
      for (const e of [...u.events, ...u.invitations]) {
        // Normalised as Graph stores an event: organizer, isOrganizer, type, responseStatus, zones.
        store.create(mb, 'events', seededEvent({ ...e }, owner), mb.wellKnown.calendar);
      }
      for (const t of u.tasks) store.create(mb, 'todoTasks', { ...t }, mb.wellKnown.tasks);
    }
  }
  return store.state;
}

export function calendarOf(ownerName: string, ownerAddress: string, isDefault: boolean) {
  return {
    name: 'Calendar',
    color: 'auto',
    hexColor: '',
    isDefaultCalendar: isDefault,
    changeKey: randomUUID(),
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    isRemovable: !isDefault,
    isTallyingResponses: true,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    owner: { name: ownerName, address: ownerAddress },
  };
}
