import { z } from 'zod';
import type { FieldIssue } from '../../platform/errors/app-error.js';
import { localToUtc } from '../../platform/time/time-zones.js';
import {
  attendeeSchema,
  dateTimeTimeZoneSchema,
  meetingRecurrenceSchema,
  optionalText,
  organizerSchema,
  requiredText,
  uuidSchema,
  type DateTimeTimeZone,
  type MeetingRecurrence,
} from '../shared/common.schema.js';
import type { Fields, RecordDefinition } from '../shared/record.definition.js';
import { meetings } from './meeting.table.js';

const isMidnight = (t: DateTimeTimeZone) => /T00:00(:00(\.0+)?)?$/.test(t.dateTime);
const issue = (pointer: string, code: string, detail: string): FieldIssue => ({
  pointer,
  in: 'body',
  code,
  detail,
});

/** Start before end (as instants, each in its own zone), all-day at midnight, series anchored on the start. */
export function checkMeeting(r: Fields): { issues: FieldIssue[]; derived?: Fields } {
  const start = r.start as DateTimeTimeZone;
  const end = r.end as DateTimeTimeZone;
  const startsAt = localToUtc(start.dateTime, start.timeZone);
  const endsAt = localToUtc(end.dateTime, end.timeZone);
  const issues: FieldIssue[] = [];
  if (endsAt < startsAt) issues.push(issue('/end', 'end_before_start', 'must not be before start'));
  if (r.isAllDay) {
    if (!isMidnight(start) || !isMidnight(end))
      issues.push(issue('/start', 'all_day_not_midnight', 'an all-day meeting starts and ends at midnight'));
    if (start.timeZone !== end.timeZone)
      issues.push(issue('/end/timeZone', 'all_day_zones_differ', 'an all-day meeting has one time zone'));
    if (endsAt <= startsAt)
      issues.push(issue('/end', 'end_before_start', 'an all-day meeting lasts at least a day'));
  }
  const recurrence = r.recurrence as MeetingRecurrence | null | undefined;
  if (recurrence) {
    if (recurrence.range.startDate !== start.dateTime.slice(0, 10))
      issues.push(issue('/recurrence/range/startDate', 'series_start_mismatch', 'must be the date of start'));
    recurrence.exceptions?.forEach((e, i) => {
      if (localToUtc(e.end.dateTime, e.end.timeZone) < localToUtc(e.start.dateTime, e.start.timeZone))
        issues.push(issue(`/recurrence/exceptions/${i}/end`, 'end_before_start', 'must not be before start'));
    });
  }
  return { issues, derived: { startsAt, endsAt } };
}

export const meetingDefinition: RecordDefinition = {
  type: 'meeting',
  collection: 'meetings',
  module: 'meetings',
  title: 'Meeting',
  table: meetings,
  fields: {
    subject: requiredText(255),
    body: optionalText(100_000),
    bodyContentType: z.enum(['text', 'html']).default('text'),
    location: optionalText(255),
    start: dateTimeTimeZoneSchema,
    end: dateTimeTimeZoneSchema,
    isAllDay: z.boolean().default(false),
    recurrence: meetingRecurrenceSchema.nullable().optional(),
    organizer: organizerSchema.nullable().optional(),
    attendees: z.array(attendeeSchema).max(500).default([]),
    reminderMinutesBeforeStart: z.number().int().min(0).max(40_320).nullable().optional(),
    contactId: uuidSchema.nullable().optional(),
    leadId: uuidSchema.nullable().optional(),
    accountId: uuidSchema.nullable().optional(),
    dealId: uuidSchema.nullable().optional(),
  },
  searchColumns: (t) => {
    const m = t as unknown as typeof meetings;
    return [m.subject, m.location];
  },
  references: { contactId: 'contact', leadId: 'lead', accountId: 'account', dealId: 'deal' },
  readOnly: {
    /**
     * Outlook's iCalUId of a meeting captured from a client's invitation: the same on every invited
     * member's copy, so the CRM shows them as one meeting. Written by the sync only.
     */
    iCalUId: z.string().nullable(),
  },
  finalize: checkMeeting,
};
