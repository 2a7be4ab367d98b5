import type { Attendee, Contact, Event, ResponseType } from '@microsoft/microsoft-graph-types';
import type { Rng } from './prng.js';
import { dayNumber, isoDate, localDateTime, nextEuropeanSpringChange, weekday } from './dates.js';
import { COMPANIES, type SeedLanguage } from './names.js';
import { PHRASES, escapeHtml, fill } from './phrases.js';

/** A mailbox address with its display name. */
export interface Address {
  address: string;
  name: string;
}

export interface EventSeedInput {
  count: number;
  owner: Address;
  language: SeedLanguage;
  /** The owner's zone (IANA or Windows name): every event the owner organises is written in it. */
  timeZone: string;
  /** The Monday of the anchor week, as a day number. */
  monday: number;
  contacts: readonly Contact[];
  colleagues: readonly Address[];
  categoryPool: readonly string[];
}

/**
 * The owner's own meetings, in this order (the first `count` are kept): a weekly series with a
 * numbered range, an all-day event, a weekly series across Europe's late-March DST change (and
 * America's earlier one), a twice-weekly series with no end, then single meetings with contacts
 * in the weeks around the anchor.
 */
export function seedEvents(rng: Rng, input: EventSeedInput): Event[] {
  const p = PHRASES[input.language];
  const zone = input.timeZone;
  const events: Event[] = [];
  const add = (make: () => Event) => {
    if (events.length < input.count) events.push(make());
  };
  const colleagues = input.colleagues.slice(0, 4);

  add(() =>
    series(input, p.weeklySync, input.monday, 9 * 60 + 30, 30, ['monday'], colleagues, {
      type: 'numbered',
      numberOfOccurrences: 12,
    }),
  );
  add(() => {
    const day = input.monday + 3;
    const city = rng.pick(COMPANIES).city;
    return {
      subject: fill(p.allDay, { city }),
      body: { contentType: 'text', content: fill(p.allDay, { city }) },
      start: { dateTime: localDateTime(day), timeZone: zone },
      end: { dateTime: localDateTime(day + 1), timeZone: zone },
      isAllDay: true,
      showAs: 'free',
      location: { displayName: city },
      attendees: [],
      organizer: { emailAddress: { ...input.owner } },
      isOnlineMeeting: false,
    };
  });
  add(() => {
    // Four weeks before the change to two weeks after it: crosses it in Europe and in America.
    const change = nextEuropeanSpringChange(input.monday);
    return series(input, p.forecastSeries, change - 27, 16 * 60, 60, ['monday'], colleagues.slice(0, 2), {
      type: 'endDate',
      endDate: isoDate(change + 15),
    });
  });
  add(() =>
    series(
      input,
      p.oneOnOne,
      input.monday + 1,
      14 * 60,
      30,
      ['tuesday', 'thursday'],
      colleagues.slice(0, 1),
      {
        type: 'noEnd',
      },
    ),
  );
  const reachable = input.contacts.filter((c) => c.emailAddresses?.length);
  while (events.length < input.count) events.push(single(rng, input, reachable));
  return events;
}

function series(
  input: EventSeedInput,
  subject: string,
  day: number,
  startMinutes: number,
  duration: number,
  daysOfWeek: NonNullable<NonNullable<Event['recurrence']>['pattern']>['daysOfWeek'],
  attendees: readonly Address[],
  range: NonNullable<NonNullable<Event['recurrence']>['range']>,
): Event {
  return {
    subject,
    body: { contentType: 'text', content: subject },
    start: { dateTime: localDateTime(day, startMinutes), timeZone: input.timeZone },
    end: { dateTime: localDateTime(day, startMinutes + duration), timeZone: input.timeZone },
    location: { displayName: PHRASES[input.language].room },
    attendees: attendees.map((a) => attendee(a, 'required')),
    organizer: { emailAddress: { ...input.owner } },
    isOnlineMeeting: false,
    recurrence: {
      pattern: { type: 'weekly', interval: 1, daysOfWeek, firstDayOfWeek: 'sunday' },
      range: { ...range, startDate: isoDate(day) },
    },
  };
}

function single(rng: Rng, input: EventSeedInput, reachable: readonly Contact[]): Event {
  const p = PHRASES[input.language];
  const day = input.monday + 7 * rng.int(-2, 3) + rng.int(0, 4);
  const start = 8 * 60 + 30 * rng.int(0, 17);
  const duration = rng.pick([30, 45, 60, 90]);
  const contact = reachable.length ? rng.pick(reachable) : undefined;
  const name = contact?.displayName ?? input.owner.name;
  const company = contact?.companyName ?? name;
  const people: Attendee[] = contact ? [attendee(emailOf(contact), 'required')] : [];
  const colleague = input.colleagues.length && rng.chance(0.4) ? rng.pick(input.colleagues) : undefined;
  if (colleague) people.push(attendee(colleague, 'optional'));
  const atCustomer = contact?.businessAddress && rng.chance(0.5);
  return {
    subject: fill(rng.pick(p.meetings), { company, name }),
    body: { contentType: 'html', content: `<p>${escapeHtml(fill(p.meetingBody, { company, name }))}</p>` },
    start: { dateTime: localDateTime(day, start), timeZone: input.timeZone },
    end: { dateTime: localDateTime(day, start + duration), timeZone: input.timeZone },
    location: {
      displayName: atCustomer ? `${company}, ${contact.businessAddress?.city ?? ''}` : p.room,
    },
    attendees: people,
    organizer: { emailAddress: { ...input.owner } },
    isOnlineMeeting: false,
    categories: input.categoryPool.length && rng.chance(0.15) ? [rng.pick(input.categoryPool)] : [],
  };
}

export interface InvitationSeedInput {
  owner: Address;
  language: SeedLanguage;
  timeZone: string;
  monday: number;
  contacts: readonly Contact[];
}

/**
 * Meetings organised by some of the owner's contacts, the owner invited: two accepted (one a
 * weekly series), one not answered. Written in the organiser's company's zone.
 */
export function seedInvitations(rng: Rng, input: InvitationSeedInput): Event[] {
  const seen = new Set<string>();
  const organisers = input.contacts.filter((c) => {
    const address = c.emailAddresses?.[0]?.address;
    if (!address || !c.companyName || seen.has(address)) return false;
    seen.add(address);
    return true;
  });
  const responses: ResponseType[] = ['accepted', 'accepted', 'notResponded'];
  return rng
    .shuffle(organisers)
    .slice(0, responses.length)
    .map((organiser, k) => {
      const company = COMPANIES.find((c) => c.name === organiser.companyName);
      const language = company?.language ?? input.language;
      const colleague = input.contacts.find(
        (c) => c !== organiser && c.companyName === organiser.companyName && c.emailAddresses?.length,
      );
      const event = invitation(rng, {
        organiser,
        language,
        timeZone: company?.timeZone ?? input.timeZone,
        day: input.monday + 7 * k + rng.int(0, 4),
        invitees: [attendee(input.owner, 'required', responses[k])],
        response: responses[k]!,
      });
      if (colleague) event.attendees?.push(attendee(emailOf(colleague), 'optional'));
      if (k === 1) {
        event.recurrence = {
          pattern: {
            type: 'weekly',
            interval: 1,
            daysOfWeek: [weekday(dayNumber(event.start!.dateTime!.slice(0, 10)))],
            firstDayOfWeek: 'sunday',
          },
          range: { type: 'numbered', numberOfOccurrences: 6, startDate: event.start!.dateTime!.slice(0, 10) },
        };
      }
      return event;
    });
}

/** One invitation from `organiser`, as each invitee's mailbox holds it. */
export function invitation(
  rng: Rng,
  args: {
    organiser: Contact;
    language: SeedLanguage;
    timeZone: string;
    day: number;
    invitees: Attendee[];
    response: ResponseType;
  },
): Event {
  const p = PHRASES[args.language];
  const from = emailOf(args.organiser);
  const company = args.organiser.companyName ?? from.name;
  const start = 9 * 60 + 30 * rng.int(0, 14);
  const where = args.organiser.businessAddress;
  return {
    subject: fill(rng.pick(p.invitations), { company, name: from.name }),
    body: {
      contentType: 'html',
      content: `<p>${escapeHtml(fill(p.invitationBody, { company, name: from.name }))}</p>`,
    },
    start: { dateTime: localDateTime(args.day, start), timeZone: args.timeZone },
    end: { dateTime: localDateTime(args.day, start + 60), timeZone: args.timeZone },
    location: { displayName: where ? `${company}, ${where.street ?? ''}, ${where.city ?? ''}` : company },
    attendees: args.invitees,
    organizer: { emailAddress: from },
    isOnlineMeeting: false,
    responseRequested: true,
    responseStatus: { response: args.response },
  };
}

export function attendee(who: Address, type: 'required' | 'optional', response?: ResponseType): Attendee {
  return { emailAddress: { ...who }, type, ...(response ? { status: { response } } : {}) };
}

export function emailOf(contact: Contact): Address {
  const e = contact.emailAddresses?.[0];
  return { address: e?.address ?? '', name: e?.name ?? contact.displayName ?? '' };
}
