import {
  isValidLocalDateTime,
  localToUtc,
  resolveTimeZone,
  utcToLocal as wallClock,
} from '../../platform/time/time-zones.js';
import { todoErrors } from './todo-common.js';

/** Graph's dateTimeTimeZone as the sandbox stores it (the zone the client wrote, IANA or Windows). */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

/** The todoTask properties of type dateTimeTimeZone. */
export const TASK_DATE_FIELDS = [
  'dueDateTime',
  'reminderDateTime',
  'startDateTime',
  'completedDateTime',
] as const;

/** `2024-05-10T09:30:00` → `2024-05-10T09:30:00.0000000` (Graph writes seven fractional digits). */
function graphLocal(local: string, milliseconds = 0): string {
  return `${local.slice(0, 19)}.${String(milliseconds).padStart(3, '0')}0000`;
}

/**
 * Validates a dateTimeTimeZone from a request body. The zone may be IANA or Windows (FACTS §1); a
 * missing zone means UTC. A trailing `Z` on the local time is tolerated.
 */
export function parseDateTimeTimeZone(value: unknown, path: string): DateTimeTimeZone {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw todoErrors.badValue(value, 'dateTimeTimeZone', path);
  const { dateTime, timeZone, ...rest } = value as Record<string, unknown>;
  for (const key of Object.keys(rest))
    if (!key.startsWith('@odata.')) throw todoErrors.unknownMember(key, 'DateTimeTimeZone', `${path}.${key}`);
  const local = typeof dateTime === 'string' ? dateTime.replace(/Z$/, '') : '';
  if (!isValidLocalDateTime(local)) throw todoErrors.badValue(dateTime, 'DateTime', `${path}.dateTime`);
  const zone = timeZone === undefined || timeZone === null ? 'UTC' : timeZone;
  if (typeof zone !== 'string' || !resolveTimeZone(zone))
    throw todoErrors.invalid(`The time zone '${String(zone)}' in '${path}' is not supported.`);
  return { dateTime: graphLocal(local), timeZone: zone };
}

/** The calendar date (YYYY-MM-DD) a stored dateTimeTimeZone falls on, in its own zone. */
export function localDate(value: DateTimeTimeZone): string {
  return value.dateTime.slice(0, 10);
}

/**
 * To Do keeps only the date of `dueDateTime`: midnight of that date in the zone the client wrote,
 * which Graph then returns converted to UTC (a date set in UTC-10 comes back as 10:00 UTC).
 * [I: microsoft-graph-docs#16991; RogerSelwyn/MS365-ToDo#29]
 */
export function dueDate(value: DateTimeTimeZone): DateTimeTimeZone {
  return { dateTime: graphLocal(`${localDate(value)}T00:00:00`), timeZone: value.timeZone };
}

/**
 * To Do returns `completedDateTime` as midnight UTC of the completion date, whatever zone was
 * written or preferred. [I: microsoft-graph-docs-contrib#5306, #8664]
 */
export function completedOn(date: string): DateTimeTimeZone {
  return { dateTime: graphLocal(`${date}T00:00:00`), timeZone: 'UTC' };
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The same wall-clock time `days` days later (reminders follow a regenerated due date). */
export function shiftDays(value: DateTimeTimeZone, days: number): DateTimeTimeZone {
  const d = new Date(`${localDate(value)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return { dateTime: `${d.toISOString().slice(0, 10)}${value.dateTime.slice(10)}`, timeZone: value.timeZone };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A stored value as Graph returns it: converted to the `Prefer: outlook.timezone` zone (named as the
 * client wrote it), else to UTC. An unknown preferred zone falls back to UTC.
 */
export function inZone(value: DateTimeTimeZone, preferred: string | undefined): DateTimeTimeZone {
  const instant = localToUtc(value.dateTime.slice(0, 23), value.timeZone);
  const iana = preferred ? resolveTimeZone(preferred) : undefined;
  const target = iana && preferred ? { iana, name: preferred } : { iana: 'UTC', name: 'UTC' };
  return { dateTime: graphLocal(wallClock(instant, target.iana)), timeZone: target.name };
}
