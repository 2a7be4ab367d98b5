import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { recordColumns, recordConstraints } from '../shared/record.columns.js';
import { relatedColumns, relatedReferences } from '../shared/related.columns.js';
import type { Attendee, DateTimeTimeZone, MeetingRecurrence, Organizer } from '../shared/common.schema.js';

export const meetings = pgTable(
  'meetings',
  {
    ...recordColumns(),
    subject: text('subject').notNull(),
    body: text('body'),
    bodyContentType: text('body_content_type', { enum: ['text', 'html'] })
      .notNull()
      .default('text'),
    location: text('location'),
    /** Wall-clock start with its own zone (IANA or Windows), as the user entered it. */
    start: jsonb('start').$type<DateTimeTimeZone>().notNull(),
    end: jsonb('end').$type<DateTimeTimeZone>().notNull(),
    /** Derived UTC instants, for ordering and range queries. */
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    isAllDay: boolean('is_all_day').notNull().default(false),
    recurrence: jsonb('recurrence').$type<MeetingRecurrence>(),
    organizer: jsonb('organizer').$type<Organizer>(),
    attendees: jsonb('attendees').$type<Attendee[]>().notNull().default([]),
    reminderMinutesBeforeStart: integer('reminder_minutes_before_start'),
    /**
     * The Outlook `iCalUId` of a meeting captured from an invitation: the same for every member's
     * copy of one meeting, so the CRM can show them as one.
     */
    iCalUId: text('ical_uid'),
    ...relatedColumns(),
  },
  (t) => [
    ...recordConstraints('meetings', t),
    ...relatedReferences('meetings', t),
    index('meetings_org_starts_at').on(t.orgId, t.startsAt),
    index('meetings_org_ical_uid').on(t.orgId, t.iCalUId),
  ],
);
