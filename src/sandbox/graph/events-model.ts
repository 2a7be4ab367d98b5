import { randomUUID } from 'node:crypto';
import { outlookId } from '../store/ids.js';
import type { Item } from '../store/model.js';
import { GraphError } from './graph-error.js';
import { mergeExtendedProperties } from './extended-properties.js';
import { ZERO_TIME, bodyPreview, readEventBody, syncLocations } from './events-body.js';
import { invalidProperty, readRecurrence } from './events-recurrence.js';
import { ianaZone, readDateTimeTimeZone } from './events-time.js';

/** The mailbox owner, as organizer and attendee addresses name people. */
export interface Owner {
  name: string;
  address: string;
}

/** `auto`: a series master when the event has a recurrence, else a single instance. */
export type EventKind = 'auto' | 'exception';

/** The class id every Outlook Global Object Id (an event's `iCalUId`) starts with. */
const GOID_CLASS = '040000008200E00074C5B7101A82E008';

/** A new Outlook-style `iCalUId`: class id, no instance date, creation time, then a random UID. */
export function newICalUId(): string {
  const fileTime = (BigInt(Date.now()) + 11_644_473_600_000n) * 10_000n;
  const created = Buffer.alloc(8);
  created.writeBigUInt64LE(fileTime);
  const uid = randomUUID().replace(/-/g, '');
  return `${GOID_CLASS}00000000${created.toString('hex')}${'0'.repeat(16)}10000000${uid}`.toUpperCase();
}

/** An occurrence's `iCalUId`: the series' with the occurrence date in the instance-date bytes. */
export function occurrenceICalUId(masterUid: string, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const instance = `${y.toString(16).padStart(4, '0')}${m.toString(16).padStart(2, '0')}${d.toString(16).padStart(2, '0')}`;
  if (!masterUid.toUpperCase().startsWith(GOID_CLASS) || masterUid.length < 40)
    return `${masterUid}${instance}`;
  return `${masterUid.slice(0, 32)}${instance.toUpperCase()}${masterUid.slice(40)}`;
}

export const organizerResponse = () => ({ response: 'organizer', time: ZERO_TIME });

/** What Exchange fills in for an event nobody set (Microsoft's create-event examples). */
function defaults(id: string): Record<string, unknown> {
  return {
    id,
    categories: [],
    transactionId: null,
    iCalUId: newICalUId(),
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: '',
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    isCancelled: false,
    isOrganizer: true,
    responseRequested: true,
    seriesMasterId: null,
    showAs: 'busy',
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    responseStatus: organizerResponse(),
    body: { contentType: 'html', content: '' },
    location: {},
    locations: [],
    recurrence: null,
    attendees: [],
    onlineMeeting: null,
  };
}

const requestFailed = (message: string) =>
  new GraphError(400, 'ErrorInvalidRequest', `Your request can't be completed. ${message}`);

/** start/end (required, valid zones), their order, and Outlook's all-day rules. */
function checkTiming(event: Record<string, unknown>) {
  const start = readDateTimeTimeZone(event.start, 'start');
  const end = readDateTimeTimeZone(event.end, 'end');
  if (end.utc < start.utc) throw invalidProperty('The end of an event cannot be before its start.');
  if (event.isAllDay === true) {
    const midnight = (t: string) => t.slice(11) === '00:00:00.0000000';
    const sameZone = ianaZone(start.stored.timeZone) === ianaZone(end.stored.timeZone);
    if (!midnight(start.stored.dateTime) || !midnight(end.stored.dateTime) || !sameZone)
      throw requestFailed(
        'The start and end of an event marked as All day must be at midnight, in the same time zone.',
      );
    if (end.stored.dateTime.slice(0, 10) <= start.stored.dateTime.slice(0, 10))
      throw requestFailed('The duration of an event marked as All day must be at least 24 hours.');
  }
  return { start: start.stored, end: end.stored };
}

/**
 * An event as stored after a create or update: times checked and kept in the caller's zone
 * (`originalStart/EndTimeZone`), recurrence checked (its presence decides the type), locations and
 * preview derived. `written` names the properties the request set.
 */
export function composeEvent(
  event: Record<string, unknown>,
  written: Set<string>,
  kind: EventKind,
): Record<string, unknown> {
  const { start, end } = checkTiming(event);
  const out: Record<string, unknown> = {
    ...event,
    start,
    end,
    originalStartTimeZone: start.timeZone,
    originalEndTimeZone: end.timeZone,
  };
  if (kind === 'exception') {
    if (written.has('recurrence') && event.recurrence != null)
      throw invalidProperty('An occurrence of a series cannot have its own recurrence.');
    out.recurrence = null;
    out.type = 'exception';
  } else if (event.recurrence != null) {
    out.recurrence = readRecurrence(event.recurrence, start);
    out.type = 'seriesMaster';
  } else {
    out.recurrence = null;
    out.type = 'singleInstance';
  }
  syncLocations(out, written);
  out.bodyPreview = bodyPreview(out.body);
  return out;
}

/** A new event the mailbox owner creates through Graph: the owner organises it. */
export function newEvent(body: Record<string, unknown>, owner: Owner): Record<string, unknown> {
  const input = readEventBody(body);
  delete input.organizer;
  const data = { ...defaults(outlookId()), ...input, organizer: { emailAddress: { ...owner } } };
  return composeEvent(data, new Set(Object.keys(input)), 'auto');
}

/**
 * A seeded event as it sits in `owner`'s calendar: organised by the owner, or an invitation from
 * someone else (`isOrganizer: false`, the owner's answer in `responseStatus`).
 */
export function seededEvent(seed: Record<string, unknown>, owner: Owner): Record<string, unknown> {
  const input = readEventBody(seed);
  const organizer = (input.organizer as { emailAddress: Owner } | undefined)?.emailAddress ?? owner;
  const mine = organizer.address.toLowerCase() === owner.address.toLowerCase();
  const answer = (seed.responseStatus as { response?: string } | undefined)?.response;
  const data = {
    ...defaults(outlookId()),
    ...input,
    organizer: { emailAddress: { ...organizer } },
    isOrganizer: mine,
    responseStatus: mine ? organizerResponse() : { response: answer ?? 'notResponded', time: ZERO_TIME },
  };
  return composeEvent(data, new Set(Object.keys(input)), 'auto');
}

/**
 * The stored event after a PATCH (`transactionId` cannot change once set; the organizer cannot
 * change). A PATCH of an occurrence gives the exception that replaces it.
 */
export function updatedEvent(existing: Item, body: Record<string, unknown>): Record<string, unknown> {
  const input = readEventBody(body);
  delete input.organizer;
  if (
    'transactionId' in input &&
    existing.transactionId != null &&
    input.transactionId !== existing.transactionId
  )
    throw invalidProperty('transactionId cannot be changed once set.');
  if ('singleValueExtendedProperties' in input)
    input.singleValueExtendedProperties = mergeExtendedProperties(
      existing.singleValueExtendedProperties,
      body.singleValueExtendedProperties,
    );
  const current = Object.fromEntries(Object.entries(existing).filter(([k]) => !k.startsWith('_')));
  return composeEvent(
    { ...current, ...input },
    new Set(Object.keys(input)),
    existing.type === 'exception' || existing.type === 'occurrence' ? 'exception' : 'auto',
  );
}
