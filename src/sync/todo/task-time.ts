import type { DateTimeTimeZone, Recurrence } from '../../crm/shared/common.schema.js';
import { localToUtc, resolveTimeZone, utcToLocal } from '../../platform/time/time-zones.js';

/**
 * Dates and recurrence of a task as the merge compares them. Each side's value is brought to one
 * form, so a value that went through To Do and came back compares equal to what the CRM holds:
 * - a due (or start) date is its calendar date (`YYYY-MM-DD`): To Do keeps only the date;
 * - a reminder is its UTC instant (`YYYY-MM-DDTHH:mm:ssZ`): To Do returns times in UTC;
 * - a recurrence keeps only the members its pattern and range types use (Graph fills the others
 *   with zeros and empty strings).
 * Writing back to the CRM keeps the record's own zone and time of day (see {@link crmDate}).
 */

const isDtz = (v: unknown): v is DateTimeTimeZone =>
  typeof v === 'object' && v !== null && typeof (v as DateTimeTimeZone).dateTime === 'string';

/** The calendar date a CRM value falls on, in its own zone. */
export function crmDateOf(value: unknown): string | null {
  return isDtz(value) ? value.dateTime.slice(0, 10) : null;
}

/**
 * The calendar date of a To Do due/start value. To Do stores the date as midnight in the zone the
 * client wrote and returns it converted (UTC unless a zone is preferred): the nearest midnight in
 * the value's zone is the date (a date set in UTC+2 reads 22:00 the day before, in UTC-10 10:00).
 */
export function todoDateOf(value: unknown): string | null {
  if (!isDtz(value)) return null;
  const day = value.dateTime.slice(0, 10);
  const hour = Number(value.dateTime.slice(11, 13));
  if (!(hour >= 12)) return day;
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The UTC instant of a dateTimeTimeZone (`…Z`, whole seconds), or null. */
export function instantOf(value: unknown): string | null {
  if (!isDtz(value)) return null;
  try {
    const at = localToUtc(value.dateTime.slice(0, 19), value.timeZone || 'UTC');
    return `${at.toISOString().slice(0, 19)}Z`;
  } catch {
    return null;
  }
}

/** A date as To Do is given it: midnight UTC of that date (To Do keeps the date). */
export const todoDate = (date: string): DateTimeTimeZone => ({
  dateTime: `${date}T00:00:00`,
  timeZone: 'UTC',
});

/** An instant as To Do is given it: in UTC. */
export const todoInstant = (instant: string): DateTimeTimeZone => ({
  dateTime: instant.slice(0, 19),
  timeZone: 'UTC',
});

/** The CRM value for `date`: the current value when it is on that date, else that date at its time and zone. */
export function crmDate(date: string | null, current: unknown): DateTimeTimeZone | null {
  if (date === null) return null;
  if (isDtz(current) && crmDateOf(current) === date) return current;
  const time = isDtz(current) ? current.dateTime.slice(11, 19) : '00:00:00';
  return { dateTime: `${date}T${time || '00:00:00'}`, timeZone: isDtz(current) ? current.timeZone : 'UTC' };
}

/**
 * The CRM value for an instant: the current value when it is the same instant, else the instant in
 * the zone of the current value, else of `fallbackZone` (the task's due date), else UTC.
 */
export function crmInstant(
  instant: string | null,
  current: unknown,
  fallbackZone?: string,
): DateTimeTimeZone | null {
  if (instant === null) return null;
  if (instantOf(current) === instant) return current as DateTimeTimeZone;
  const zone = (isDtz(current) && current.timeZone) || fallbackZone || 'UTC';
  const iana = resolveTimeZone(zone);
  if (!iana) return { dateTime: instant.slice(0, 19), timeZone: 'UTC' };
  return { dateTime: utcToLocal(new Date(instant), iana), timeZone: zone };
}

type Json = Record<string, unknown>;
const given = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== 0;

/** A recurrence with only the members its types use, or null when there is none. */
export function normalRecurrence(value: unknown): Recurrence | null {
  if (typeof value !== 'object' || value === null) return null;
  const { pattern, range } = value as { pattern?: Json; range?: Json };
  if (!pattern || !range || typeof pattern.type !== 'string' || typeof range.type !== 'string') return null;
  const type = pattern.type;
  const p: Json = { type, interval: Number(pattern.interval) || 1 };
  const days = Array.isArray(pattern.daysOfWeek) ? pattern.daysOfWeek : [];
  if ((type === 'weekly' || type.startsWith('relative')) && days.length) p.daysOfWeek = [...days];
  if (type.startsWith('absolute') && given(pattern.dayOfMonth)) p.dayOfMonth = pattern.dayOfMonth;
  if (type.endsWith('Yearly') && given(pattern.month)) p.month = pattern.month;
  if (type.startsWith('relative') && given(pattern.index)) p.index = pattern.index;
  // Sunday is Graph's default, filled in when the client gave none.
  if (type === 'weekly' && given(pattern.firstDayOfWeek) && pattern.firstDayOfWeek !== 'sunday')
    p.firstDayOfWeek = pattern.firstDayOfWeek;
  const r: Json = { type: range.type, startDate: range.startDate };
  if (range.type === 'endDate') r.endDate = range.endDate;
  if (range.type === 'numbered') r.numberOfOccurrences = range.numberOfOccurrences;
  if (given(range.recurrenceTimeZone)) r.recurrenceTimeZone = range.recurrenceTimeZone;
  return { pattern: p, range: r } as unknown as Recurrence;
}
