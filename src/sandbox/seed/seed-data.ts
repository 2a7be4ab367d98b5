import type { Contact, Event, OutlookCategory, TodoTask } from '@microsoft/microsoft-graph-types';
import { rngFor, type Rng } from './prng.js';
import { dayNumber, mondayOf } from './dates.js';
import { COMPANIES, mailLocalPart, type SeedLanguage } from './names.js';
import { PHRASES } from './phrases.js';
import { SHARED_CONTACT_SLOT, seedContacts, seedPerson } from './contacts.js';
import { attendee, invitation, seedEvents, seedInvitations, type Address } from './events.js';
import { seedTasks } from './tasks.js';

export interface SeedOptions {
  /** Default 42; the same options always give deep-equal (and byte-identical JSON) output. */
  seed?: number;
  /** Default 25. Generation stays linear: 10,000 contacts in a mailbox take well under a second. */
  contactsPerUser?: number;
  /** Default 12. */
  eventsPerUser?: number;
  /** Default 8. */
  tasksPerUser?: number;
  /** Start of the seeded calendar (events are placed in the weeks around it); default 2026-11-16 (a Monday). */
  anchorDate?: string;
}

export type SeedLocale = 'en-US' | 'fr-FR' | 'es-ES' | 'de-DE';

export interface SeedUser {
  /** Entra object id: a GUID, deterministic from the seed. */
  id: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string;
  preferredLanguage: SeedLocale;
  /** The user's mailbox zone (IANA or Windows name), in which their own events and tasks are written. */
  timeZone: string;
  isAdministrator: boolean;
  /** Graph contact JSON as a client would POST it to the default Contacts folder (no id, changeKey or timestamps). */
  contacts: Contact[];
  /** The master category list; every category used on the user's items is in it. */
  categories: OutlookCategory[];
  /** Graph event JSON as the organiser (this user) would POST it to the default calendar (no id). */
  events: Event[];
  /**
   * Meetings organised by one of this user's contacts, the user being an attendee, as they sit in
   * the user's default calendar; `responseStatus.response` says whether the user accepted. An
   * invitation sent to several users of the tenant is repeated, identical, in each one's list.
   */
  invitations: Event[];
  /** Graph todoTask JSON as POSTed to the default To Do list (no id). */
  tasks: TodoTask[];
}

export interface SeedTenant {
  /** Entra tenant id: a GUID, deterministic from the seed. */
  id: string;
  displayName: string;
  domain: string;
  users: SeedUser[];
}

export const TANDEM_SEEDED_CATEGORIES = [
  'Tandem Person',
  'Tandem Company',
  'Tandem Current Customer',
] as const;

interface RosterUser {
  givenName: string;
  surname: string;
  jobTitle: string;
  language: SeedLanguage;
  timeZone: string;
  isAdministrator?: boolean;
  /** The user already has Tandem's own categories in Outlook (and on some contacts). */
  tandemCategories?: boolean;
}

interface RosterTenant {
  key: string;
  displayName: string;
  domain: string;
  users: RosterUser[];
  /** Two users invited to the same meeting by a contact both of them have. */
  sharedInvitation?: [number, number];
}

const LOCALES: Record<SeedLanguage, SeedLocale> = { en: 'en-US', fr: 'fr-FR', es: 'es-ES', de: 'de-DE' };

// prettier-ignore
const ROSTER: readonly RosterTenant[] = [
  {
    key: 'contoso',
    displayName: 'Contoso',
    domain: 'contoso.example',
    sharedInvitation: [2, 3],
    users: [
      { givenName: 'Olivia', surname: 'Bennett', jobTitle: 'Sales Director', language: 'en', timeZone: 'Pacific Standard Time', isAdministrator: true },
      { givenName: 'Daniel', surname: 'Hughes', jobTitle: 'Account Executive', language: 'en', timeZone: 'America/New_York', tandemCategories: true },
      { givenName: 'Élodie', surname: 'Fèvre', jobTitle: 'Responsable grands comptes', language: 'fr', timeZone: 'Europe/Paris' },
      { givenName: 'Benoît', surname: 'Lefèvre', jobTitle: 'Ingénieur commercial', language: 'fr', timeZone: 'Romance Standard Time' },
      { givenName: 'José', surname: 'Núñez', jobTitle: 'Director comercial', language: 'es', timeZone: 'Europe/Madrid' },
      { givenName: 'Lucía', surname: 'Martínez', jobTitle: 'Ejecutiva de cuentas', language: 'es', timeZone: 'Atlantic/Canary' },
      { givenName: 'Jürgen', surname: 'Groß', jobTitle: 'Vertriebsleiter', language: 'de', timeZone: 'W. Europe Standard Time' },
      { givenName: 'Anja', surname: 'Müller', jobTitle: 'Key-Account-Managerin', language: 'de', timeZone: 'Europe/Berlin' },
      { givenName: 'Samuel', surname: 'Okafor', jobTitle: 'Sales Operations Analyst', language: 'en', timeZone: 'GMT Standard Time' },
    ],
  },
  {
    key: 'fabrikam',
    displayName: 'Fabrikam',
    domain: 'fabrikam.example',
    users: [
      { givenName: 'Grace', surname: 'Turner', jobTitle: 'Chief Operating Officer', language: 'en', timeZone: 'Eastern Standard Time', isAdministrator: true },
      { givenName: 'Camille', surname: 'Roux', jobTitle: 'Chargée d’affaires', language: 'fr', timeZone: 'Europe/Paris' },
      { givenName: 'Lukas', surname: 'Becker', jobTitle: 'Vertriebsmitarbeiter', language: 'de', timeZone: 'W. Europe Standard Time' },
    ],
  },
];

interface Resolved {
  seed: number;
  contactsPerUser: number;
  eventsPerUser: number;
  tasksPerUser: number;
  monday: number;
}

/**
 * The sandbox's tenants: Contoso (9 users in four languages, one administrator) and Fabrikam
 * (3 users, for isolation). Pure: no clock, no global randomness.
 */
export function seedTenants(options: SeedOptions = {}): SeedTenant[] {
  const o = resolve(options);
  return ROSTER.map((tenant) => seedTenant(o, tenant));
}

function resolve(options: SeedOptions): Resolved {
  const count = (name: string, value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
    return value;
  };
  const seed = options.seed ?? 42;
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  return {
    seed,
    contactsPerUser: count('contactsPerUser', options.contactsPerUser, 25),
    eventsPerUser: count('eventsPerUser', options.eventsPerUser, 12),
    tasksPerUser: count('tasksPerUser', options.tasksPerUser, 8),
    monday: mondayOf(dayNumber(options.anchorDate ?? '2026-11-16')),
  };
}

function seedTenant(o: Resolved, tenant: RosterTenant): SeedTenant {
  const stream = (name: string) => rngFor(o.seed, `${name}:${tenant.key}`);
  const addresses: Address[] = tenant.users.map((u) => ({
    address: `${mailLocalPart(u.givenName, u.surname)}@${tenant.domain}`,
    name: `${u.givenName} ${u.surname}`,
  }));
  // A contact two colleagues both have, who invites both to one meeting.
  const sharedRng = stream('shared');
  const sharedCompany = sharedRng.pick(COMPANIES);
  const shared = seedPerson(sharedRng, sharedCompany, ['Partner']);
  const sharedWith: readonly number[] =
    o.contactsPerUser > SHARED_CONTACT_SLOT ? (tenant.sharedInvitation ?? []) : [];

  const users = tenant.users.map((_, i) =>
    seedUser(
      o,
      tenant,
      i,
      addresses,
      (name) => stream(`${name}:${i}`),
      sharedWith.includes(i) ? shared : undefined,
    ),
  );
  if (sharedWith.length) {
    const event = invitation(sharedRng, {
      organiser: shared,
      language: sharedCompany.language,
      timeZone: sharedCompany.timeZone,
      day: o.monday + 9,
      invitees: sharedWith.map((i) => attendee(addresses[i]!, 'required', 'accepted')),
      response: 'accepted',
    });
    for (const i of sharedWith) users[i]!.invitations.push(structuredClone(event));
  }
  return { id: stream('tenant').guid(), displayName: tenant.displayName, domain: tenant.domain, users };
}

function seedUser(
  o: Resolved,
  tenant: RosterTenant,
  i: number,
  addresses: readonly Address[],
  rng: (stream: string) => Rng,
  shared: Contact | undefined,
): SeedUser {
  const u = tenant.users[i]!;
  const me = addresses[i]!;
  const supplier = PHRASES[u.language].supplierCategory;
  const tandem = !!u.tandemCategories;
  const pool = ['VIP', 'Partner', 'Press', supplier];
  const contacts = seedContacts(rng('contacts'), {
    count: o.contactsPerUser,
    language: u.language,
    slotCategories: slotCategories(supplier, tandem),
    categoryPool: pool,
    ...(shared ? { shared } : {}),
  });
  // The administrator first (the "manager" of 1:1s), then the others in roster order.
  const admin = tenant.users.findIndex((x) => x.isAdministrator);
  const colleagues = [admin, ...tenant.users.keys()]
    .filter((j, k, all) => j !== i && j >= 0 && all.indexOf(j) === k)
    .map((j) => addresses[j]!);
  const calendar = { owner: me, language: u.language, timeZone: u.timeZone, monday: o.monday, contacts };
  return {
    id: rng('id').guid(),
    userPrincipalName: me.address,
    mail: me.address,
    displayName: me.name,
    givenName: u.givenName,
    surname: u.surname,
    jobTitle: u.jobTitle,
    preferredLanguage: LOCALES[u.language],
    timeZone: u.timeZone,
    isAdministrator: !!u.isAdministrator,
    contacts,
    categories: masterCategories(supplier, tandem),
    events: seedEvents(rng('events'), {
      ...calendar,
      count: o.eventsPerUser,
      colleagues,
      categoryPool: pool,
    }),
    invitations: seedInvitations(rng('invitations'), calendar),
    tasks: seedTasks(rng('tasks'), { ...calendar, count: o.tasksPerUser, categoryPool: pool }),
  };
}

function masterCategories(supplier: string, tandem: boolean): OutlookCategory[] {
  const list: OutlookCategory[] = [
    { displayName: 'VIP', color: 'preset0' },
    { displayName: 'Partner', color: 'preset7' },
    { displayName: 'Press', color: 'preset3' },
    { displayName: supplier, color: 'preset4' },
  ];
  if (tandem)
    list.push(
      { displayName: 'Tandem Person', color: 'preset8' },
      { displayName: 'Tandem Company', color: 'preset9' },
      { displayName: 'Tandem Current Customer', color: 'preset19' },
    );
  return list;
}

function slotCategories(supplier: string, tandem: boolean): Map<number, string[]> {
  return new Map<number, string[]>([
    [0, tandem ? ['VIP', 'Tandem Person'] : ['VIP']],
    [4, tandem ? ['Partner', 'Tandem Current Customer'] : ['Partner']],
    [6, ['Press']],
    [10, tandem ? [supplier, 'Tandem Company'] : [supplier]],
    ...(tandem ? [[17, ['Tandem Person']] as [number, string[]]] : []),
  ]);
}
