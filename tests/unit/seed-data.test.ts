import assert from 'node:assert/strict';
import type { Contact, Event, TodoTask } from '@microsoft/microsoft-graph-types';
import { localToUtc, resolveTimeZone } from '../../src/platform/time/time-zones.js';
import { seedTenants, type SeedTenant, type SeedUser } from '../../src/sandbox/seed/seed-data.js';

const GUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const tenants = seedTenants();
const [contoso, fabrikam] = tenants as [SeedTenant, SeedTenant];
const allUsers = tenants.flatMap((t) => t.users);

const addressOf = (c: Contact) => c.emailAddresses?.[0]?.address?.toLowerCase();
const dayOfWeek = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const eventsOf = (u: SeedUser): Event[] => [...u.events, ...u.invitations];

function groupsOfTwoOrMore<T>(items: readonly T[], key: (t: T) => string | undefined): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups.values()].filter((g) => g.length >= 2);
}

describe('Sandbox seed data', () => {
  describe('determinism', () => {
    it('gives deep-equal, byte-identical output for the same options', () => {
      assert.deepEqual(seedTenants(), tenants);
      const options = {
        seed: 7,
        contactsPerUser: 40,
        eventsPerUser: 5,
        tasksPerUser: 3,
        anchorDate: '2027-02-03',
      };
      assert.equal(JSON.stringify(seedTenants(options)), JSON.stringify(seedTenants(options)));
    });

    it('changes ids and content with the seed', () => {
      const other = seedTenants({ seed: 43 });
      assert.notDeepEqual(other, tenants);
      assert.notEqual(other[0]!.id, contoso.id);
      assert.notEqual(other[0]!.users[0]!.id, contoso.users[0]!.id);
      assert.notDeepEqual(other[0]!.users[0]!.contacts, contoso.users[0]!.contacts);
      assert.equal(other[0]!.users[0]!.userPrincipalName, contoso.users[0]!.userPrincipalName, 'same roster');
    });

    it('keeps the users and the other mailbox content when only the contact count changes', () => {
      const more = seedTenants({ contactsPerUser: 60 });
      assert.equal(more[0]!.users[4]!.id, contoso.users[4]!.id);
      assert.deepEqual(more[0]!.users[4]!.contacts.slice(0, 25), contoso.users[4]!.contacts);
    });
  });

  describe('tenants and users', () => {
    it('seeds Contoso with at least 8 users in four languages and one administrator', () => {
      assert.equal(contoso.displayName, 'Contoso');
      assert.equal(contoso.domain, 'contoso.example');
      assert.ok(contoso.users.length >= 8);
      assert.equal(contoso.users.filter((u) => u.isAdministrator).length, 1);
      assert.deepEqual(
        new Set(contoso.users.map((u) => u.preferredLanguage)),
        new Set(['en-US', 'fr-FR', 'es-ES', 'de-DE']),
      );
      const names = contoso.users.map((u) => u.displayName);
      for (const accented of ['Élodie Fèvre', 'José Núñez', 'Jürgen Groß'])
        assert.ok(names.includes(accented));
    });

    it('seeds Fabrikam with 3 users for isolation tests', () => {
      assert.equal(fabrikam.displayName, 'Fabrikam');
      assert.equal(fabrikam.domain, 'fabrikam.example');
      assert.equal(fabrikam.users.length, 3);
      assert.equal(fabrikam.users.filter((u) => u.isAdministrator).length, 1);
    });

    it('gives unique version-4 GUIDs and unique sign-in ids across tenants', () => {
      const ids = [...tenants.map((t) => t.id), ...allUsers.map((u) => u.id)];
      for (const id of ids) assert.match(id, GUID_V4);
      assert.equal(new Set(ids).size, ids.length);
      const upns = allUsers.map((u) => u.userPrincipalName.toLowerCase());
      assert.equal(new Set(upns).size, upns.length);
      for (const t of tenants)
        for (const u of t.users) {
          assert.ok(u.userPrincipalName.endsWith(`@${t.domain}`));
          assert.equal(u.mail, u.userPrincipalName);
          assert.match(u.userPrincipalName, /^[a-z0-9.]+@[a-z0-9.-]+$/, 'ASCII sign-in ids');
          assert.equal(u.displayName, `${u.givenName} ${u.surname}`);
        }
    });

    it('uses only .example domains in every address', () => {
      const addresses: string[] = [];
      for (const u of allUsers) {
        addresses.push(u.mail, u.userPrincipalName);
        for (const c of u.contacts) for (const e of c.emailAddresses ?? []) addresses.push(e.address!);
        for (const e of eventsOf(u)) {
          addresses.push(e.organizer!.emailAddress!.address!);
          for (const a of e.attendees ?? []) addresses.push(a.emailAddress!.address!);
        }
      }
      assert.ok(addresses.length > 300);
      for (const a of addresses) assert.match(a, /^[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.example$/);
    });
  });

  describe('contacts', () => {
    it('seeds person contacts spread over several companies and email domains', () => {
      for (const u of allUsers) {
        assert.equal(u.contacts.length, 25);
        for (const c of u.contacts) {
          assert.ok(c.givenName && c.surname && c.displayName, 'a person');
          assert.ok(Array.isArray(c.emailAddresses) && Array.isArray(c.businessPhones));
          assert.equal((c as Record<string, unknown>).id, undefined, 'as POSTed: no id');
          if (c.companyName) assert.ok(c.businessAddress?.city && c.jobTitle !== '');
        }
        const companies = new Set(u.contacts.map((c) => c.companyName).filter(Boolean));
        assert.ok(
          companies.size >= 4 && companies.size <= 10,
          `${u.displayName}: ${companies.size} companies`,
        );
        const domains = new Set(u.contacts.map((c) => addressOf(c)?.split('@')[1]).filter(Boolean));
        assert.ok(domains.size >= 4, `${u.displayName}: ${domains.size} domains`);
        assert.ok(domains.has('mail.example'), 'some personal addresses');
        assert.ok(u.contacts.filter((c) => !c.companyName).length >= 2, 'a few without company');
        assert.ok(u.contacts.filter((c) => !c.emailAddresses?.length).length >= 2, 'a few without email');
      }
      const allCompanies = new Set(
        allUsers.flatMap((u) => u.contacts.map((c) => c.companyName).filter(Boolean)),
      );
      assert.ok(allCompanies.size >= 6 && allCompanies.size <= 12);
    });

    it('puts work addresses on the company domain', () => {
      const byDomain = new Map<string, Set<string>>();
      for (const c of allUsers.flatMap((u) => u.contacts)) {
        const domain = addressOf(c)?.split('@')[1];
        if (!domain || domain === 'mail.example' || !c.companyName) continue;
        byDomain.set(domain, (byDomain.get(domain) ?? new Set()).add(c.companyName));
      }
      for (const [domain, companies] of byDomain) assert.equal(companies.size, 1, domain);
    });

    it('includes duplicates: two pairs by email, one pair by name and company without email', () => {
      for (const u of allUsers) {
        const sameEmail = groupsOfTwoOrMore(u.contacts, addressOf);
        assert.ok(sameEmail.length >= 2, `${u.displayName}: ${sameEmail.length} email duplicates`);
        const sameName = groupsOfTwoOrMore(
          u.contacts.filter((c) => !c.emailAddresses?.length && c.companyName),
          (c) => `${c.givenName} ${c.surname}|${c.companyName}`,
        );
        assert.ok(sameName.length >= 1, `${u.displayName}: no name+company duplicate`);
      }
    });

    it('uses only master categories, with Tandem categories for one user and ordinary ones for all', () => {
      for (const u of allUsers) {
        const master = new Set(u.categories.map((c) => c.displayName));
        assert.equal(master.size, u.categories.length, 'unique names');
        for (const c of u.categories) assert.match(c.color ?? '', /^(none|preset([0-9]|1[0-9]|2[0-4]))$/);
        const used = [
          ...u.contacts.flatMap((c) => c.categories ?? []),
          ...eventsOf(u).flatMap((e) => e.categories ?? []),
          ...u.tasks.flatMap((t) => t.categories ?? []),
        ];
        for (const name of used) assert.ok(master.has(name), `${u.displayName}: ${name} not in master list`);
        const onContacts = new Set(u.contacts.flatMap((c) => c.categories ?? []));
        for (const name of ['VIP', 'Partner', 'Press'])
          assert.ok(onContacts.has(name), `${u.displayName}: ${name}`);
        assert.ok(
          u.contacts.some((c) => !c.categories?.length),
          'some without category',
        );
      }
      const tandemUsers = allUsers.filter((u) =>
        u.categories.some((c) => c.displayName?.startsWith('Tandem ')),
      );
      assert.equal(tandemUsers.length, 1);
      const onContacts = new Set(tandemUsers[0]!.contacts.flatMap((c) => c.categories ?? []));
      for (const name of ['Tandem Person', 'Tandem Company', 'Tandem Current Customer'])
        assert.ok(onContacts.has(name), name);
    });

    it('generates 10,000 contacts per mailbox, deterministically', () => {
      const big = seedTenants({ contactsPerUser: 10_000, eventsPerUser: 0, tasksPerUser: 0 });
      for (const u of big.flatMap((t) => t.users)) assert.equal(u.contacts.length, 10_000);
      const again = seedTenants({ contactsPerUser: 10_000, eventsPerUser: 0, tasksPerUser: 0 });
      assert.equal(JSON.stringify(again[0]!.users[0]!.contacts), JSON.stringify(big[0]!.users[0]!.contacts));
      const mailbox = big[0]!.users[0]!.contacts;
      assert.deepEqual(mailbox.slice(0, 25), contoso.users[0]!.contacts);
      const emails = mailbox.map(addressOf).filter(Boolean);
      assert.ok(new Set(emails).size >= emails.length - 2, 'no accidental email duplicates');
    });
  });

  describe('events', () => {
    it('writes every date-time in the local form with a resolvable zone', () => {
      for (const u of allUsers) {
        assert.ok(resolveTimeZone(u.timeZone), u.timeZone);
        for (const e of eventsOf(u))
          for (const dt of [e.start!, e.end!]) {
            assert.match(dt.dateTime!, LOCAL);
            assert.ok(resolveTimeZone(dt.timeZone!), `${dt.timeZone} unresolvable`);
            assert.ok(
              localToUtc(e.end!.dateTime!, e.end!.timeZone!) >
                localToUtc(e.start!.dateTime!, e.start!.timeZone!),
            );
          }
        for (const e of u.events) assert.equal(e.start!.timeZone, u.timeZone, 'own events in the owner zone');
      }
      const zones = allUsers.map((u) => u.timeZone);
      assert.ok(
        zones.some((z) => z.includes('/')) && zones.some((z) => z.endsWith('Standard Time')),
        'IANA and Windows',
      );
    });

    it('seeds the Graph event shape with organiser, attendees and no online meeting', () => {
      for (const u of allUsers) {
        assert.equal(u.events.length, 12);
        for (const e of u.events) {
          assert.ok(e.subject && e.body?.content && ['text', 'html'].includes(e.body.contentType!));
          assert.ok(e.location?.displayName);
          assert.equal(e.isOnlineMeeting, false);
          assert.equal(e.organizer?.emailAddress?.address, u.mail);
          for (const a of e.attendees ?? []) assert.ok(['required', 'optional'].includes(a.type!));
          assert.equal((e as Record<string, unknown>).id, undefined);
        }
        assert.ok(u.events.filter((e) => !e.recurrence && !e.isAllDay).length >= 5, 'single meetings');
        assert.ok(
          u.events.some((e) =>
            e.attendees?.some((a) => u.contacts.some((c) => addressOf(c) === a.emailAddress?.address)),
          ),
          'meetings with contacts',
        );
      }
    });

    it('has an all-day event from midnight to midnight', () => {
      for (const u of allUsers) {
        const allDay = u.events.filter((e) => e.isAllDay);
        assert.ok(allDay.length >= 1);
        for (const e of allDay) {
          assert.match(e.start!.dateTime!, /T00:00:00$/);
          assert.match(e.end!.dateTime!, /T00:00:00$/);
          assert.ok(e.end!.dateTime! > e.start!.dateTime!);
          assert.equal(e.start!.timeZone, e.end!.timeZone);
        }
      }
    });

    it('gives every series a valid weekly pattern and a range starting on its start date', () => {
      let series = 0;
      for (const u of allUsers)
        for (const e of eventsOf(u)) {
          if (!e.recurrence) continue;
          series++;
          const { pattern, range } = e.recurrence;
          const startDate = e.start!.dateTime!.slice(0, 10);
          assert.equal(range?.startDate, startDate);
          assert.equal(pattern?.type, 'weekly');
          assert.ok(Number.isInteger(pattern?.interval) && pattern!.interval! >= 1);
          assert.equal(pattern?.firstDayOfWeek, 'sunday');
          assert.ok(pattern?.daysOfWeek?.length, 'daysOfWeek');
          assert.ok(
            pattern!.daysOfWeek!.includes(dayOfWeek(startDate) as never),
            'the start is an occurrence',
          );
          if (range?.type === 'endDate') assert.ok(range.endDate! >= startDate);
          else if (range?.type === 'numbered') assert.ok(range.numberOfOccurrences! > 0);
          else assert.equal(range?.type, 'noEnd');
        }
      assert.ok(series >= allUsers.length * 3);
    });

    it('has, for every user, a weekly series across a DST change in their zone', () => {
      const offset = (date: string, time: string, zone: string) =>
        Date.parse(`${date}T${time}Z`) - localToUtc(`${date}T${time}`, zone).getTime();
      for (const u of allUsers) {
        const crossing = u.events.filter((e) => {
          if (e.recurrence?.range?.type !== 'endDate') return false;
          const [date, time] = e.start!.dateTime!.split('T') as [string, string];
          const last = e.recurrence.range.endDate!;
          return offset(date, time, e.start!.timeZone!) !== offset(last, time, e.start!.timeZone!);
        });
        assert.ok(crossing.length >= 1, `${u.displayName} (${u.timeZone})`);
        assert.ok(
          crossing.some((e) => e.recurrence!.range!.endDate!.slice(5, 7) === '04'),
          'late March',
        );
      }
    });

    it('keeps invitations from contacts apart, the user an attendee', () => {
      for (const u of allUsers) {
        assert.ok(u.invitations.length >= 3, u.displayName);
        const contactAddresses = new Set(u.contacts.map(addressOf));
        for (const e of u.invitations) {
          const organiser = e.organizer?.emailAddress?.address;
          assert.ok(contactAddresses.has(organiser?.toLowerCase()), `${organiser} is not a contact`);
          assert.notEqual(organiser, u.mail);
          assert.ok(e.attendees?.some((a) => a.emailAddress?.address === u.mail && a.type === 'required'));
          assert.ok(e.responseStatus?.response);
        }
        const responses = u.invitations.map((e) => e.responseStatus!.response);
        assert.ok(responses.includes('accepted') && responses.some((r) => r !== 'accepted'));
      }
    });

    it('sends one invitation to two colleagues who share the organiser as a contact', () => {
      const holders = contoso.users.filter((u) =>
        u.invitations.some(
          (e) =>
            (e.attendees ?? []).length >= 2 &&
            e.attendees!.filter((a) => a.emailAddress?.address?.endsWith('@contoso.example')).length === 2,
        ),
      );
      assert.equal(holders.length, 2);
      const shared = holders.map((u) =>
        u.invitations.find((e) =>
          e.attendees!.every((a) => a.emailAddress?.address?.endsWith('@contoso.example')),
        ),
      );
      assert.deepEqual(shared[0], shared[1]);
    });
  });

  describe('tasks', () => {
    const dateTimes = (t: TodoTask) =>
      [t.dueDateTime, t.reminderDateTime, t.completedDateTime, t.startDateTime].filter((d) => !!d);

    it('writes every date-time in the local form with a resolvable zone', () => {
      for (const u of allUsers)
        for (const t of u.tasks)
          for (const dt of dateTimes(t)) {
            assert.match(dt.dateTime!, LOCAL);
            assert.ok(resolveTimeZone(dt.timeZone!));
          }
    });

    it('seeds To Do tasks with statuses, importance, reminders and a recurrence', () => {
      for (const u of allUsers) {
        assert.equal(u.tasks.length, 8);
        for (const t of u.tasks) {
          assert.ok(t.title && t.body?.content);
          assert.ok(['low', 'normal', 'high'].includes(t.importance!));
          assert.ok(t.dueDateTime);
          if (t.isReminderOn) assert.ok(t.reminderDateTime);
          if (t.status === 'completed') assert.ok(t.completedDateTime);
        }
        const statuses = u.tasks.map((t) => t.status);
        assert.ok(statuses.filter((s) => s === 'notStarted').length >= statuses.length / 2);
        assert.ok(statuses.includes('completed') && statuses.includes('inProgress'));
        assert.ok(u.tasks.some((t) => t.isReminderOn));
        const recurring = u.tasks.filter((t) => t.recurrence);
        assert.equal(recurring.length, 1);
        const { pattern, range } = recurring[0]!.recurrence!;
        assert.ok(['daily', 'weekly'].includes(pattern!.type!));
        assert.equal(range!.startDate, recurring[0]!.dueDateTime!.dateTime!.slice(0, 10));
      }
    });
  });

  describe('options', () => {
    it('places the calendar around the anchor week', () => {
      const [t] = seedTenants({ anchorDate: '2027-06-09' });
      const weekly = t!.users[0]!.events[0]!;
      assert.equal(weekly.start!.dateTime, '2027-06-07T09:30:00', 'the Monday of the anchor week');
      const dst = t!.users[0]!.events[2]!;
      assert.equal(dst.recurrence!.range!.startDate!.slice(0, 4), '2028');
      for (const e of t!.users[0]!.events.filter((e) => !e.recurrence)) {
        const date = e.start!.dateTime!.slice(0, 10);
        assert.ok(date >= addDays('2027-06-07', -14) && date < addDays('2027-06-07', 28), date);
      }
    });

    it('keeps the fixed kinds first when asked for fewer items, and handles empty mailboxes', () => {
      const [t] = seedTenants({ contactsPerUser: 0, eventsPerUser: 2, tasksPerUser: 1 });
      const u = t!.users[0]!;
      assert.deepEqual(u.contacts, []);
      assert.deepEqual(u.invitations, []);
      assert.equal(u.events.length, 2);
      assert.ok(u.events[0]!.recurrence && u.events[1]!.isAllDay);
      assert.equal(u.tasks.length, 1);
      assert.ok(u.tasks[0]!.recurrence);
    });

    it('refuses invalid options', () => {
      assert.throws(() => seedTenants({ contactsPerUser: -1 }), RangeError);
      assert.throws(() => seedTenants({ eventsPerUser: 1.5 }), RangeError);
      assert.throws(() => seedTenants({ seed: Number.NaN }), RangeError);
      assert.throws(() => seedTenants({ anchorDate: '2026-02-30' }), RangeError);
      assert.throws(() => seedTenants({ anchorDate: '16/11/2026' }), RangeError);
    });
  });
});
