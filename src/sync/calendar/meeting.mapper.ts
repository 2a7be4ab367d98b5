import type { Attendee, DateTimeTimeZone, MeetingRecurrence } from '../../crm/shared/common.schema.js';
import type { SyncValues } from '../engine/sync-resource.js';
import { normalRecurrence, toGraphRecurrence, type SeriesRule } from './meeting-recurrence.js';
import { fromGraphTime, normalTime, toGraphTime, type GraphDateTime } from './meeting-time.js';
import { eventNotes, graphNotes, recordNotes } from './meeting-notes.js';

/** The merge fields of a meeting (values keyed by them; `occurrences` is folded into `recurrence` in the CRM). */
export const MEETING_FIELDS = [
  'subject',
  'location',
  'start',
  'end',
  'isAllDay',
  'recurrence',
  'occurrences',
  'attendees',
  'body',
] as const;

/**
 * The CRM's subject for an event without one (the CRM requires a subject, Outlook does not). The
 * CRM's values read it back as no subject, so it never travels to Outlook.
 */
export const NO_SUBJECT = '(No subject)';

/** An address the CRM can keep (Outlook lists rooms and distribution names without one). */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Where the series reader puts a master's exceptions and cancelled occurrences on its payload. */
export const OCCURRENCES_KEY = '@tandem.occurrences';

/** An occurrence that differs from its series, as both sides compare it. */
export interface OccurrenceException {
  originalStartDate: string;
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  subject?: string;
  location?: string;
}

/** A series' departures from its pattern: cancelled occurrence dates and exceptions, both sorted by date. */
export interface SeriesOccurrences {
  cancelled: string[];
  exceptions: OccurrenceException[];
}

/** An attendee as compared: lower-cased address; the response is Office 365's to say. */
export interface MeetingAttendee {
  email: string;
  name: string | null;
  type: Attendee['type'];
  response: Attendee['response'];
}

type GraphEvent = Record<string, unknown>;

const locationOf = (e: GraphEvent): string | null => {
  const name = (e.location as { displayName?: string } | undefined)?.displayName?.trim();
  return name ? name : null;
};

/** Exceptions and cancelled dates in their compared form (sorted, optional parts only when set). */
export function normalOccurrences(
  cancelled: readonly string[],
  exceptions: readonly OccurrenceException[],
): SeriesOccurrences {
  return {
    cancelled: [...new Set(cancelled)].sort(),
    exceptions: exceptions
      .map((x) => ({
        originalStartDate: x.originalStartDate,
        start: normalTime(x.start),
        end: normalTime(x.end),
        ...(x.subject ? { subject: x.subject } : {}),
        ...(x.location ? { location: x.location } : {}),
      }))
      .sort((a, b) => (a.originalStartDate < b.originalStartDate ? -1 : 1)),
  };
}

export function graphAttendees(event: GraphEvent): MeetingAttendee[] {
  type GraphAttendee = {
    emailAddress?: { address?: string; name?: string | null };
    type?: MeetingAttendee['type'];
    status?: { response?: MeetingAttendee['response'] };
  };
  const list = (event.attendees as GraphAttendee[] | undefined) ?? [];
  return normalAttendees(
    list.map((a) => ({
      email: String(a.emailAddress?.address ?? ''),
      name: a.emailAddress?.name ?? null,
      type: a.type ?? 'required',
      response: a.status?.response ?? 'none',
    })),
  );
}

export function normalAttendees(list: readonly Partial<MeetingAttendee>[]): MeetingAttendee[] {
  return list
    .filter((a) => a.email && EMAIL.test(a.email))
    .map((a) => ({
      email: a.email!.toLowerCase(),
      name: a.name ? a.name : null,
      type: a.type ?? 'required',
      response: a.response ?? 'none',
    }))
    .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
}

/** The values of an Outlook event (a series master carries its occurrences when the reader added them). */
export function eventValues(event: GraphEvent): SyncValues {
  const isAllDay = event.isAllDay === true;
  const start = fromGraphTime(event.start as GraphDateTime, event.originalStartTimeZone as string, isAllDay);
  const end = fromGraphTime(event.end as GraphDateTime, event.originalEndTimeZone as string, isAllDay);
  const recurrence = normalRecurrence(event.recurrence);
  const occurrences = event[OCCURRENCES_KEY] as SeriesOccurrences | undefined;
  return {
    subject: typeof event.subject === 'string' ? event.subject : '',
    location: locationOf(event),
    start,
    end,
    isAllDay,
    recurrence,
    occurrences: recurrence ? (occurrences ?? normalOccurrences([], [])) : null,
    attendees: graphAttendees(event),
    body: eventNotes(event),
  };
}

/** The values of a CRM meeting. */
export function meetingValues(record: Record<string, unknown>): SyncValues {
  const series = record.recurrence as MeetingRecurrence | null | undefined;
  const recurrence = normalRecurrence(series);
  return {
    subject: record.subject === NO_SUBJECT ? '' : (record.subject ?? ''),
    location: record.location ? record.location : null,
    start: normalTime(record.start as DateTimeTimeZone),
    end: normalTime(record.end as DateTimeTimeZone),
    isAllDay: record.isAllDay === true,
    recurrence,
    occurrences: recurrence
      ? normalOccurrences(
          series?.cancelledOccurrences ?? [],
          (series?.exceptions ?? []).map((x) => ({
            originalStartDate: x.originalStartDate,
            start: x.start,
            end: x.end,
            // As Outlook shows an exception: its own subject or location only where it differs.
            ...(x.subject && x.subject !== record.subject ? { subject: x.subject } : {}),
            ...(x.location && x.location !== record.location ? { location: x.location } : {}),
          })),
        )
      : null,
    attendees: normalAttendees((record.attendees as Attendee[] | undefined) ?? []),
    body: recordNotes(record),
  };
}

const has = (values: SyncValues, f: string) => Object.hasOwn(values, f);

/**
 * The Graph body writing `values` (only the properties of `only`, when given). Attendees are
 * written only when `pushAttendees` (PRODUCT §3: CRM participants are not pushed by default);
 * occurrences are written on the occurrences themselves, never in this body.
 */
export function eventBody(
  values: SyncValues,
  options: { pushAttendees: boolean },
  only?: readonly string[],
): Record<string, unknown> {
  const want = (f: string) => has(values, f) && (!only || only.includes(f));
  const body: Record<string, unknown> = {};
  if (want('subject')) body.subject = values.subject ?? '';
  if (want('location')) body.location = { displayName: (values.location as string | null) ?? '' };
  if (want('start')) body.start = toGraphTime(values.start as DateTimeTimeZone);
  if (want('end')) body.end = toGraphTime(values.end as DateTimeTimeZone);
  if (want('isAllDay')) body.isAllDay = values.isAllDay === true;
  if (want('recurrence')) {
    const rule = values.recurrence as SeriesRule | null;
    const zone = (values.start as DateTimeTimeZone | undefined)?.timeZone;
    body.recurrence = rule ? toGraphRecurrence(rule, zone) : null;
  }
  if (want('body')) body.body = graphNotes(values.body);
  if (want('attendees') && options.pushAttendees)
    body.attendees = (values.attendees as MeetingAttendee[]).map((a) => ({
      emailAddress: { address: a.email, ...(a.name ? { name: a.name } : {}) },
      type: a.type,
    }));
  return body;
}
