import {
  DAYS_OF_WEEK,
  occurrenceDates,
  RECURRENCE_PATTERN_TYPES,
  RECURRENCE_RANGE_TYPES,
  WEEK_INDEXES,
  type RecurrenceInput,
} from '../../platform/time/recurrence.js';
import { isValidLocalDate, resolveTimeZone } from '../../platform/time/time-zones.js';
import { todoErrors } from './todo-common.js';

const PATTERN_TYPES: readonly string[] = RECURRENCE_PATTERN_TYPES;
const RANGE_TYPES: readonly string[] = RECURRENCE_RANGE_TYPES;
const DAYS: readonly string[] = DAYS_OF_WEEK;
const INDEXES: readonly string[] = WEEK_INDEXES;
const PATTERN_MEMBERS = new Set([
  'type',
  'interval',
  'month',
  'dayOfMonth',
  'daysOfWeek',
  'firstDayOfWeek',
  'index',
]);
const RANGE_MEMBERS = new Set(['type', 'startDate', 'endDate', 'recurrenceTimeZone', 'numberOfOccurrences']);
/** Occurrences looked at before a completed task's series is deemed over (a pattern far in the past). */
const MAX_OCCURRENCES_SCANNED = 200_000;

type Json = Record<string, unknown>;

function objectAt(value: unknown, path: string, type: string, members: Set<string>): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw todoErrors.badValue(value, type, path);
  for (const key of Object.keys(value))
    if (!key.startsWith('@odata.') && !members.has(key))
      throw todoErrors.unknownMember(key, type, `${path}.${key}`);
  return value as Json;
}

function enumAt(value: unknown, allowed: readonly string[], type: string, path: string): void {
  if (typeof value !== 'string' || !allowed.includes(value)) throw todoErrors.badValue(value, type, path);
}

function intAt(value: unknown, path: string, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    throw todoErrors.invalid(`${what} (${path}) must be an integer from ${min} to ${max}.`);
}

function checkPattern(p: Json): void {
  enumAt(p.type, PATTERN_TYPES, 'recurrencePatternType', 'recurrence.pattern.type');
  intAt(p.interval, 'recurrence.pattern.interval', 1, 999, 'The recurrence interval');
  const type = p.type as string;
  const needsDays = type === 'weekly' || type.startsWith('relative');
  if (p.daysOfWeek !== undefined && p.daysOfWeek !== null) {
    if (!Array.isArray(p.daysOfWeek))
      throw todoErrors.badValue(p.daysOfWeek, 'dayOfWeek[]', 'recurrence.pattern.daysOfWeek');
    p.daysOfWeek.forEach((d, i) => enumAt(d, DAYS, 'dayOfWeek', `recurrence.pattern.daysOfWeek[${i}]`));
  }
  if (needsDays && !(Array.isArray(p.daysOfWeek) && p.daysOfWeek.length))
    throw todoErrors.invalid(`A ${type} recurrence pattern needs at least one day in daysOfWeek.`);
  if (type.startsWith('absolute'))
    intAt(p.dayOfMonth, 'recurrence.pattern.dayOfMonth', 1, 31, 'The day of the month');
  if (type.endsWith('Yearly')) intAt(p.month, 'recurrence.pattern.month', 1, 12, 'The month');
  if (p.index !== undefined && p.index !== null)
    enumAt(p.index, INDEXES, 'weekIndex', 'recurrence.pattern.index');
  if (p.firstDayOfWeek !== undefined && p.firstDayOfWeek !== null)
    enumAt(p.firstDayOfWeek, DAYS, 'dayOfWeek', 'recurrence.pattern.firstDayOfWeek');
}

function checkRange(r: Json): void {
  enumAt(r.type, RANGE_TYPES, 'recurrenceRangeType', 'recurrence.range.type');
  if (typeof r.startDate !== 'string' || !isValidLocalDate(r.startDate))
    throw todoErrors.badValue(r.startDate, 'Microsoft.OData.Edm.Date', 'recurrence.range.startDate');
  if (r.type === 'endDate') {
    if (typeof r.endDate !== 'string' || !isValidLocalDate(r.endDate))
      throw todoErrors.badValue(r.endDate, 'Microsoft.OData.Edm.Date', 'recurrence.range.endDate');
    if (r.endDate < r.startDate)
      throw todoErrors.invalid('The recurrence range endDate is before its startDate.');
  }
  if (r.type === 'numbered')
    intAt(r.numberOfOccurrences, 'recurrence.range.numberOfOccurrences', 1, 999, 'The number of occurrences');
  const zone = r.recurrenceTimeZone;
  if (
    zone !== undefined &&
    zone !== null &&
    zone !== '' &&
    (typeof zone !== 'string' || !resolveTimeZone(zone))
  )
    throw todoErrors.invalid(
      `The time zone '${String(zone)}' in 'recurrence.range.recurrenceTimeZone' is not supported.`,
    );
}

/**
 * Validates a todoTask `recurrence` (patternedRecurrence) with the rules Graph documents for
 * recurrencePattern and recurrenceRange: the pattern and range types, a positive interval, the days,
 * day of month and month each pattern type requires, a start date, and the end date or count the
 * range type requires. `null` clears the recurrence.
 */
export function checkRecurrence(value: unknown): RecurrenceInput | null {
  if (value === null) return null;
  const { pattern, range } = objectAt(
    value,
    'recurrence',
    'patternedRecurrence',
    new Set(['pattern', 'range']),
  );
  checkPattern(objectAt(pattern, 'recurrence.pattern', 'recurrencePattern', PATTERN_MEMBERS));
  checkRange(objectAt(range, 'recurrence.range', 'recurrenceRange', RANGE_MEMBERS));
  return value as RecurrenceInput;
}

/** The first occurrence date of the series strictly after `date` (YYYY-MM-DD), if the series has one. */
export function nextOccurrenceAfter(recurrence: RecurrenceInput, date: string): string | undefined {
  let scanned = 0;
  for (const occurrence of occurrenceDates(recurrence)) {
    if (occurrence > date) return occurrence;
    if (++scanned >= MAX_OCCURRENCES_SCANNED) return undefined;
  }
  return undefined;
}
