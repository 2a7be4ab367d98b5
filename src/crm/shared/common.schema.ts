import { z } from 'zod';
import {
  DAYS_OF_WEEK,
  RECURRENCE_PATTERN_TYPES,
  RECURRENCE_RANGE_TYPES,
  WEEK_INDEXES,
} from '../../platform/time/recurrence.js';
import { isValidLocalDate, isValidLocalDateTime, resolveTimeZone } from '../../platform/time/time-zones.js';

/** Text a user typed: trimmed, NUL-free (PostgreSQL rejects \u0000), bounded. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replaceAll('\u0000', '').trim());
export const requiredText = (max: number) => text(max).refine((s) => s.length > 0, 'must not be empty');
export const optionalText = (max: number) => text(max).nullable().optional();

export const uuidSchema = z.uuid({ message: 'must be a UUID' });
export const emailSchema = z.email({ message: 'must be an email address' }).max(320);
export const localDate = z
  .string()
  .refine(isValidLocalDate, 'must be a date YYYY-MM-DD')
  .meta({ format: 'date', example: '2026-12-01' });

export const emailAddressSchema = z.strictObject({
  address: emailSchema,
  name: optionalText(200),
  type: z.enum(['work', 'home', 'other']).default('work'),
});
export type EmailAddress = z.output<typeof emailAddressSchema>;

export const phoneSchema = z.strictObject({
  number: requiredText(64),
  type: z.enum(['business', 'mobile', 'home', 'fax', 'other']).default('business'),
});
export type Phone = z.output<typeof phoneSchema>;

export const postalAddressSchema = z.strictObject({
  type: z.enum(['business', 'home', 'other']).default('business'),
  street: optionalText(500),
  city: optionalText(200),
  state: optionalText(200),
  postalCode: optionalText(40),
  countryOrRegion: optionalText(200),
});
export type PostalAddress = z.output<typeof postalAddressSchema>;

export const timeZoneSchema = z
  .string()
  .max(100)
  .refine((tz) => resolveTimeZone(tz) !== undefined, 'must be an IANA or Windows time zone name')
  .meta({
    description: 'IANA ("Europe/Paris") or Windows ("Romance Standard Time") zone name',
    example: 'Europe/Paris',
  });

/** A wall-clock time with its zone, as Graph's dateTimeTimeZone. */
export const dateTimeTimeZoneSchema = z.strictObject({
  dateTime: z
    .string()
    .refine(isValidLocalDateTime, 'must be a local date-time YYYY-MM-DDTHH:mm[:ss] without offset')
    .meta({ example: '2026-03-29T09:00:00' }),
  timeZone: timeZoneSchema,
});
export type DateTimeTimeZone = z.output<typeof dateTimeTimeZoneSchema>;

/** Graph's recurrencePattern. */
export const recurrencePatternSchema = z
  .strictObject({
    type: z.enum(RECURRENCE_PATTERN_TYPES),
    interval: z.number().int().min(1).max(99),
    daysOfWeek: z.array(z.enum(DAYS_OF_WEEK)).max(7).optional(),
    dayOfMonth: z.number().int().min(1).max(31).optional(),
    month: z.number().int().min(1).max(12).optional(),
    index: z.enum(WEEK_INDEXES).optional(),
    firstDayOfWeek: z.enum(DAYS_OF_WEEK).optional(),
  })
  .superRefine((p, ctx) => {
    const need = (field: keyof typeof p, when: string) => {
      if (p[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `required for ${when}` });
    };
    if (p.type === 'weekly' || p.type.startsWith('relative')) need('daysOfWeek', p.type);
    if (p.type.startsWith('absolute')) need('dayOfMonth', p.type);
    if (p.type.endsWith('Yearly')) need('month', p.type);
    if (p.type.startsWith('relative')) need('index', p.type);
    if (p.daysOfWeek && p.daysOfWeek.length === 0)
      ctx.addIssue({ code: 'custom', path: ['daysOfWeek'], message: 'must name at least one day' });
  });

/** Graph's recurrenceRange. */
export const recurrenceRangeSchema = z
  .strictObject({
    type: z.enum(RECURRENCE_RANGE_TYPES),
    startDate: localDate,
    endDate: localDate.optional(),
    numberOfOccurrences: z.number().int().min(1).max(999).optional(),
    recurrenceTimeZone: timeZoneSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.type === 'endDate') {
      if (!r.endDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'required for endDate' });
      else if (r.endDate < r.startDate)
        ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
    }
    if (r.type === 'numbered' && r.numberOfOccurrences === undefined)
      ctx.addIssue({ code: 'custom', path: ['numberOfOccurrences'], message: 'required for numbered' });
  });

export const recurrenceSchema = z.strictObject({
  pattern: recurrencePatternSchema,
  range: recurrenceRangeSchema,
});
export type Recurrence = z.output<typeof recurrenceSchema>;

/** An occurrence of a series that differs from the pattern (moved, retitled…). */
export const occurrenceExceptionSchema = z.strictObject({
  originalStartDate: localDate,
  start: dateTimeTimeZoneSchema,
  end: dateTimeTimeZoneSchema,
  subject: optionalText(255),
  location: optionalText(255),
});

export const meetingRecurrenceSchema = recurrenceSchema.extend({
  /** Dates (in the series' zone) of occurrences that were cancelled. */
  cancelledOccurrences: z.array(localDate).max(1000).optional(),
  exceptions: z.array(occurrenceExceptionSchema).max(1000).optional(),
});
export type MeetingRecurrence = z.output<typeof meetingRecurrenceSchema>;

export const organizerSchema = z.strictObject({
  name: optionalText(200),
  email: emailSchema,
});
export type Organizer = z.output<typeof organizerSchema>;

export const attendeeSchema = z.strictObject({
  name: optionalText(200),
  email: emailSchema,
  type: z.enum(['required', 'optional', 'resource']).default('required'),
  response: z
    .enum(['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded'])
    .default('none'),
});
export type Attendee = z.output<typeof attendeeSchema>;
