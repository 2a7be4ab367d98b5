import type { Attendee, DateTimeTimeZone, MeetingRecurrence } from '../../crm/shared/common.schema.js';
import { resolveTimeZone } from '../../platform/time/time-zones.js';
import type { SyncValues } from '../engine/sync-resource.js';
import { hashValues } from '../engine/sync-values.js';
import {
  meetingValues,
  NO_SUBJECT,
  normalAttendees,
  type MeetingAttendee,
  type SeriesOccurrences,
} from './meeting.mapper.js';
import type { SeriesRule } from './meeting-recurrence.js';
import { crmNotes } from './meeting-notes.js';

const has = (values: SyncValues, f: string) => Object.hasOwn(values, f);
const same = (a: unknown, b: unknown) => hashValues({ v: a }, ['v']) === hashValues({ v: b }, ['v']);

/** Graph's limit, and the CRM's. */
const MAX_ATTENDEES = 500;
/** Text within the CRM's bound for the field (Outlook's may be longer). */
const cut = (text: string | null, max: number) => (text === null ? null : text.slice(0, max));

const toCrmAttendee = (a: MeetingAttendee): Attendee => ({
  email: a.email,
  name: cut(a.name, 200),
  type: a.type,
  response: a.response,
});

/**
 * The CRM's attendees after Office 365's arrive. With `pushAttendees` both sides hold the same list,
 * so Office 365's replaces the CRM's. Without it, the CRM's participants never reach Office 365, so
 * Office 365's list says nothing about them: its attendees are added to (or update) the CRM's, and
 * the CRM's own stay.
 */
function attendeesAfter(
  incoming: MeetingAttendee[],
  current: Attendee[],
  pushAttendees: boolean,
): Attendee[] {
  if (pushAttendees) return incoming.map(toCrmAttendee).slice(0, MAX_ATTENDEES);
  const byEmail = new Map(current.map((a) => [a.email.toLowerCase(), a]));
  for (const a of incoming) byEmail.set(a.email, toCrmAttendee(a));
  return [...byEmail.values()].slice(0, MAX_ATTENDEES);
}

/** The CRM recurrence of a rule and its occurrences (the series' own zone kept from the record). */
function recurrenceOf(
  rule: SeriesRule | null,
  occurrences: SeriesOccurrences | null,
  current: MeetingRecurrence | null | undefined,
): MeetingRecurrence | null {
  if (!rule) return null;
  const zone = current?.range.recurrenceTimeZone;
  return {
    pattern: rule.pattern,
    range: { ...rule.range, ...(zone ? { recurrenceTimeZone: zone } : {}) },
    cancelledOccurrences: occurrences?.cancelled ?? [],
    exceptions: (occurrences?.exceptions ?? []).map((x) => ({
      originalStartDate: x.originalStartDate,
      start: x.start,
      end: x.end,
      subject: cut(x.subject ?? null, 255),
      location: cut(x.location ?? null, 255),
    })),
  };
}

/** A subject the CRM accepts: never empty, at most its 255 characters. */
function crmSubject(subject: unknown): string {
  const text = typeof subject === 'string' ? subject.replaceAll('\u0000', '').trim() : '';
  return text ? text.slice(0, 255) : NO_SUBJECT;
}

/**
 * `time`, in the zone name the CRM already holds when both name the same zone (Exchange may answer
 * "Romance Standard Time" for a meeting written in "Europe/Paris"): the zone the user chose keeps
 * the spelling they chose.
 */
function sameZoneSpelling(time: DateTimeTimeZone, current: unknown): DateTimeTimeZone {
  const held = current as DateTimeTimeZone | undefined;
  if (!held || held.timeZone === time.timeZone) return time;
  const same = resolveTimeZone(held.timeZone) === resolveTimeZone(time.timeZone);
  return same ? { dateTime: time.dateTime, timeZone: held.timeZone } : time;
}

/**
 * A CRM create or update body for `values` (only the fields present). A series' rule and its
 * occurrences are two merge fields but one CRM field: the one not given is taken from the record.
 */
export function meetingCrmFields(
  values: SyncValues,
  record: Record<string, unknown> | undefined,
  options: { pushAttendees: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (has(values, 'subject')) out.subject = crmSubject(values.subject);
  if (has(values, 'location')) out.location = cut(values.location as string | null, 255);
  if (has(values, 'isAllDay')) out.isAllDay = values.isAllDay;
  if (has(values, 'body')) Object.assign(out, crmNotes(values.body));
  for (const f of ['start', 'end'] as const)
    if (has(values, f)) out[f] = sameZoneSpelling(values[f] as DateTimeTimeZone, record?.[f]);
  if (has(values, 'recurrence') || has(values, 'occurrences')) {
    const now = record ? meetingValues(record) : {};
    const rule = (has(values, 'recurrence') ? values.recurrence : now.recurrence) as SeriesRule | null;
    const occurrences = (
      has(values, 'occurrences') ? values.occurrences : now.occurrences
    ) as SeriesOccurrences | null;
    out.recurrence = recurrenceOf(rule ?? null, occurrences ?? null, record?.recurrence as never);
  }
  if (has(values, 'attendees')) {
    const current = (record?.attendees as Attendee[] | undefined) ?? [];
    const next = attendeesAfter(
      (values.attendees as MeetingAttendee[] | null) ?? [],
      current,
      options.pushAttendees,
    );
    if (!record || !same(normalAttendees(next), normalAttendees(current))) out.attendees = next;
  }
  return out;
}
