import {
  DAYS_OF_WEEK,
  expandSeries,
  RECURRENCE_PATTERN_TYPES,
  RECURRENCE_RANGE_TYPES,
  WEEK_INDEXES,
  occurrenceDates,
  type Occurrence,
  type RecurrenceInput,
} from '../../platform/time/recurrence.js';
import { isValidLocalDate } from '../../platform/time/time-zones.js';
import type { Item } from '../store/model.js';
import { GraphError } from './graph-error.js';
import { ianaZone, invalidTimeZone, type DateTimeTimeZone } from './events-time.js';

const DAYS = DAYS_OF_WEEK;
const PATTERNS = RECURRENCE_PATTERN_TYPES;
const RANGES = RECURRENCE_RANGE_TYPES;
const INDEXES = WEEK_INDEXES;
/** Graph writes unset dates of a range as the minimum date. */
const NO_DATE = '0001-01-01';

/** Exchange's answer to a recurrence it cannot store (the detail says which rule failed). */
export const invalidProperty = (why: string) =>
  new GraphError(400, 'ErrorPropertyValidationFailure', `At least one property failed validation. ${why}`);

/** An OData enum member, case-insensitively (Graph's own examples send `"Monday"`), in its canonical case. */
export function enumMember<T extends string>(value: unknown, allowed: readonly T[], property: string): T {
  if (typeof value !== 'string')
    throw new GraphError(
      400,
      'RequestBodyRead',
      `Cannot convert the literal '${JSON.stringify(value)}' to the expected type of '${property}'.`,
    );
  const hit = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!hit) throw new GraphError(400, 'RequestBodyRead', `Requested value '${value}' was not found.`);
  return hit;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function positiveInteger(v: unknown, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;
}

function readPattern(p: unknown): RecurrenceInput['pattern'] & Record<string, unknown> {
  if (!isObject(p)) throw invalidProperty('recurrence.pattern is required.');
  const type = enumMember(p.type, PATTERNS, 'recurrence.pattern.type');
  if (!positiveInteger(p.interval, 99)) throw invalidProperty('recurrence.pattern.interval must be 1 to 99.');
  const days = Array.isArray(p.daysOfWeek) ? p.daysOfWeek.map((d) => enumMember(d, DAYS, 'dayOfWeek')) : [];
  const needsDays = type === 'weekly' || type === 'relativeMonthly' || type === 'relativeYearly';
  if (needsDays && days.length === 0)
    throw invalidProperty(`recurrence.pattern.daysOfWeek is required for a ${type} pattern.`);
  const absolute = type === 'absoluteMonthly' || type === 'absoluteYearly';
  if (absolute && !positiveInteger(p.dayOfMonth, 31))
    throw invalidProperty(`recurrence.pattern.dayOfMonth (1 to 31) is required for a ${type} pattern.`);
  const yearly = type === 'absoluteYearly' || type === 'relativeYearly';
  if (yearly && !positiveInteger(p.month, 12))
    throw invalidProperty(`recurrence.pattern.month (1 to 12) is required for a ${type} pattern.`);
  return {
    type,
    interval: p.interval as number,
    month: yearly ? (p.month as number) : 0,
    dayOfMonth: absolute ? (p.dayOfMonth as number) : 0,
    daysOfWeek: [...new Set(days)],
    firstDayOfWeek: p.firstDayOfWeek == null ? 'sunday' : enumMember(p.firstDayOfWeek, DAYS, 'dayOfWeek'),
    index: p.index == null ? 'first' : enumMember(p.index, INDEXES, 'weekIndex'),
  };
}

function readRange(r: unknown, start: DateTimeTimeZone): RecurrenceInput['range'] & Record<string, unknown> {
  if (!isObject(r)) throw invalidProperty('recurrence.range is required.');
  const type = enumMember(r.type, RANGES, 'recurrence.range.type');
  const startDate = r.startDate;
  if (typeof startDate !== 'string' || !isValidLocalDate(startDate))
    throw invalidProperty('recurrence.range.startDate must be a date (YYYY-MM-DD).');
  const eventDate = start.dateTime.slice(0, 10);
  if (startDate !== eventDate)
    throw invalidProperty(
      `recurrence.range.startDate (${startDate}) must be the date of the event's start (${eventDate}).`,
    );
  let endDate = NO_DATE;
  if (type === 'endDate') {
    if (typeof r.endDate !== 'string' || !isValidLocalDate(r.endDate) || r.endDate < startDate)
      throw invalidProperty('recurrence.range.endDate must be a date on or after startDate.');
    endDate = r.endDate;
  }
  if (type === 'numbered' && !positiveInteger(r.numberOfOccurrences, 999))
    throw invalidProperty('recurrence.range.numberOfOccurrences must be 1 to 999 for a numbered range.');
  const zone = typeof r.recurrenceTimeZone === 'string' && r.recurrenceTimeZone ? r.recurrenceTimeZone : '';
  if (zone && !ianaZone(zone)) throw invalidTimeZone(zone);
  return {
    type,
    startDate,
    endDate,
    recurrenceTimeZone: zone || start.timeZone,
    numberOfOccurrences: type === 'numbered' ? (r.numberOfOccurrences as number) : 0,
  };
}

/**
 * A `patternedRecurrence` checked as Exchange checks it (a pattern that can occur, a range that
 * starts on the event's start date) and written back in Graph's full form.
 */
export function readRecurrence(value: unknown, start: DateTimeTimeZone): RecurrenceInput {
  if (!isObject(value)) throw invalidProperty('recurrence must have a pattern and a range.');
  const recurrence = { pattern: readPattern(value.pattern), range: readRange(value.range, start) };
  if (occurrenceDates(recurrence).next().done)
    throw invalidProperty('The recurrence pattern has no occurrence in its range.');
  return recurrence;
}

/** A stored series master as `expandSeries` reads it. */
export function seriesOf(master: Item) {
  return {
    start: master.start as DateTimeTimeZone,
    end: master.end as DateTimeTimeZone,
    recurrence: master.recurrence as RecurrenceInput,
    isAllDay: master.isAllDay === true,
  };
}

/** The occurrences of a series overlapping [start, end). */
export function occurrencesIn(master: Item, start: Date, end: Date): Occurrence[] {
  return expandSeries(seriesOf(master), start, end);
}

/** The occurrence of a series that originally starts at `originalStart`, if the pattern has one. */
export function occurrenceAt(master: Item, originalStart: Date): Occurrence | undefined {
  const t = originalStart.getTime();
  return occurrencesIn(master, new Date(t), new Date(t + 1)).find((o) => o.startUtc.getTime() === t);
}

/** The pattern dates just before and after an occurrence's date (cancelled ones count, as in Outlook). */
export function adjacentDates(master: Item, date: string): { previous?: string; next?: string } {
  let previous: string | undefined;
  for (const d of occurrenceDates(master.recurrence as RecurrenceInput)) {
    if (d > date) return { previous, next: d };
    if (d < date) previous = d;
  }
  return { previous };
}
