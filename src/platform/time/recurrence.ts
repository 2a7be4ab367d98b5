/**
 * Expansion of Microsoft Graph `patternedRecurrence` series into occurrences, with Outlook's semantics.
 * See https://learn.microsoft.com/en-us/graph/outlook-schedule-recurring-events and the
 * recurrencePattern / recurrenceRange resource types. Pure: no I/O, no clock.
 */
import {
  isValidLocalDate,
  isValidLocalDateTime,
  localToUtc,
  resolveTimeZone,
  utcToLocal,
} from './time-zones.js';

/** Graph's recurrence vocabulary (recurrencePattern / recurrenceRange), shared by every validator. */
export const DAYS_OF_WEEK = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export const RECURRENCE_PATTERN_TYPES = [
  'daily',
  'weekly',
  'absoluteMonthly',
  'relativeMonthly',
  'absoluteYearly',
  'relativeYearly',
] as const;
export const RECURRENCE_RANGE_TYPES = ['endDate', 'noEnd', 'numbered'] as const;
export const WEEK_INDEXES = ['first', 'second', 'third', 'fourth', 'last'] as const;
const DAY_NAMES = DAYS_OF_WEEK;
const INDEXES = WEEK_INDEXES.slice(0, 4);
/** Consecutive periods without an occurrence after which a pattern is deemed never to produce one. */
const MAX_EMPTY_PERIODS = 100;
const MAX_DAY = daySerial('9999-12-31');

/** Graph's recurrencePattern (structurally; `Recurrence` from common.schema fits it). */
export interface RecurrencePatternInput {
  type: 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly' | 'relativeYearly';
  interval: number;
  daysOfWeek?: readonly string[] | null;
  dayOfMonth?: number | null;
  month?: number | null;
  index?: 'first' | 'second' | 'third' | 'fourth' | 'last' | null;
  firstDayOfWeek?: string | null;
}

/** Graph's recurrenceRange. */
export interface RecurrenceRangeInput {
  type: 'endDate' | 'noEnd' | 'numbered';
  startDate: string;
  endDate?: string | null;
  numberOfOccurrences?: number | null;
  recurrenceTimeZone?: string | null;
}

export interface RecurrenceInput {
  pattern: RecurrencePatternInput;
  range: RecurrenceRangeInput;
}

export interface SeriesInput {
  /** Series master start, local wall-clock in its zone. */
  start: { dateTime: string; timeZone: string };
  /** Series master end; the duration is end - start, as instants. */
  end: { dateTime: string; timeZone: string };
  recurrence: RecurrenceInput;
  /** All-day series keep midnight-to-midnight in the series zone. Default: start and end are both midnight. */
  isAllDay?: boolean;
}

export interface Occurrence {
  /** The occurrence's original start, as a local date-time in the series zone (e.g. '2026-03-29T09:00:00'). */
  originalStart: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  startUtc: Date;
  endUtc: Date;
}

// ---- Calendar arithmetic on day serials (days since 1970-01-01) ----

function daySerial(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function dayString(serial: number): string {
  return new Date(serial * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = sunday … 6 = saturday. 1970-01-01 was a Thursday. */
function weekday(serial: number): number {
  return (((serial + 4) % 7) + 7) % 7;
}

function dayOfWeekNumber(name: string): number {
  const n = DAY_NAMES.indexOf(name.toLowerCase() as (typeof DAY_NAMES)[number]);
  if (n < 0) throw new RangeError(`not a day of the week: ${name}`);
  return n;
}

/** Serial of day `d` of month `m0` (0-based, may overflow into later years) of year `y`. */
function serialOf(y: number, m0: number, d: number): number {
  return Date.UTC(y, m0, d) / 86_400_000;
}

function daysInMonth(y: number, m0: number): number {
  return new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();
}

// ---- Periods: each pattern type cuts time into units (days, weeks, months, years) ----

interface PeriodRule {
  /** The unit containing a day. */
  unitOf(day: number): number;
  /** Occurrence days within a unit, ascending. */
  daysIn(unit: number): number[];
  /** Weekly and daily count intervals from the unit of startDate; monthly and yearly from the first hit. */
  anchorOnFirstHit: boolean;
}

function monthDays(y: number, m0: number, p: RecurrencePatternInput): number[] {
  if (p.type === 'absoluteMonthly' || p.type === 'absoluteYearly') {
    if (!p.dayOfMonth) return [];
    // Outlook/Exchange: a dayOfMonth past the month's end means its last day (EWS DayOfMonth docs).
    return [serialOf(y, m0, Math.min(p.dayOfMonth, daysInMonth(y, m0)))];
  }
  const wanted = new Set((p.daysOfWeek ?? []).map(dayOfWeekNumber));
  const first = serialOf(y, m0, 1);
  const matches: number[] = [];
  for (let d = first; d < first + daysInMonth(y, m0); d++) if (wanted.has(weekday(d))) matches.push(d);
  const index = p.index ?? 'first';
  const pick = index === 'last' ? matches.at(-1) : matches[INDEXES.indexOf(index)];
  return pick === undefined ? [] : [pick];
}

function periodRule(p: RecurrencePatternInput): PeriodRule {
  switch (p.type) {
    case 'daily':
      return { unitOf: (d) => d, daysIn: (u) => [u], anchorOnFirstHit: false };
    case 'weekly': {
      const wanted = new Set((p.daysOfWeek ?? []).map(dayOfWeekNumber));
      // Serial of a day that starts a week: 1970-01-04 was a Sunday (serial 3).
      const base = 3 + dayOfWeekNumber(p.firstDayOfWeek ?? 'sunday');
      const unitOf = (d: number) => Math.floor((d - base) / 7);
      const daysIn = (u: number) =>
        Array.from({ length: 7 }, (_, i) => base + 7 * u + i).filter((d) => wanted.has(weekday(d)));
      return { unitOf, daysIn, anchorOnFirstHit: false };
    }
    case 'absoluteMonthly':
    case 'relativeMonthly': {
      const unitOf = (d: number) => {
        const dt = new Date(d * 86_400_000);
        return dt.getUTCFullYear() * 12 + dt.getUTCMonth();
      };
      return { unitOf, daysIn: (u) => monthDays(Math.floor(u / 12), u % 12, p), anchorOnFirstHit: true };
    }
    case 'absoluteYearly':
    case 'relativeYearly': {
      const unitOf = (d: number) => new Date(d * 86_400_000).getUTCFullYear();
      return { unitOf, daysIn: (u) => monthDays(u, (p.month ?? 1) - 1, p), anchorOnFirstHit: true };
    }
  }
}

/** Days in the pattern on or after `start`, unit by unit `step` apart, until units stop producing. */
function* patternDays(rule: PeriodRule, start: number, step: number): Generator<number> {
  let unit = rule.unitOf(start);
  // Graph docs: "first Thursday of every other month" from Aug 29 first occurs in September.
  for (let skipped = 0; rule.anchorOnFirstHit && !rule.daysIn(unit).some((d) => d >= start); unit++)
    if (++skipped > MAX_EMPTY_PERIODS) return;
  for (let empty = 0; empty <= MAX_EMPTY_PERIODS; unit += step) {
    const days = rule.daysIn(unit).filter((d) => d >= start);
    empty = days.length ? 0 : empty + 1;
    for (const d of days) {
      if (d > MAX_DAY) return;
      yield d;
    }
  }
}

/**
 * Occurrence start dates (YYYY-MM-DD, series zone) in order, from range.startDate, lazily.
 * Respects interval, firstDayOfWeek, and the range's endDate (inclusive) or numberOfOccurrences.
 */
export function* occurrenceDates(recurrence: RecurrenceInput): Generator<string> {
  const { pattern, range } = recurrence;
  if (!Number.isInteger(pattern.interval) || pattern.interval < 1)
    throw new RangeError(`recurrence interval must be a positive integer: ${pattern.interval}`);
  if (!isValidLocalDate(range.startDate)) throw new RangeError(`not a date: ${range.startDate}`);
  if (range.type === 'endDate' && !(range.endDate && isValidLocalDate(range.endDate)))
    throw new RangeError(`endDate range needs a valid endDate: ${range.endDate}`);
  const last = range.type === 'endDate' ? daySerial(range.endDate!) : Infinity;
  const count = range.type === 'numbered' ? (range.numberOfOccurrences ?? 0) : Infinity;
  let produced = 0;
  for (const day of patternDays(periodRule(pattern), daySerial(range.startDate), pattern.interval)) {
    if (day > last || produced >= count) return;
    produced++;
    yield dayString(day);
  }
}

// ---- Instants ----

function ianaOf(zone: string): string {
  const iana = resolveTimeZone(zone);
  if (!iana) throw new RangeError(`unknown time zone: ${zone}`);
  return iana;
}

/** 'HH:mm:ss' of a local date-time, dropping fractions. */
function timeOf(localDateTime: string): string {
  if (!isValidLocalDateTime(localDateTime)) throw new RangeError(`not a local date-time: ${localDateTime}`);
  return `${localDateTime.slice(11, 16)}:${localDateTime.slice(17, 19) || '00'}`;
}

interface SeriesShape {
  zone: string;
  /** Wall-clock start time in the series zone. */
  time: string;
  durationMs: number;
  /** Whole days an all-day occurrence spans, or undefined for a timed series. */
  allDaySpan: number | undefined;
}

function seriesShape(series: SeriesInput): SeriesShape {
  const { start, end, recurrence } = series;
  const zone = ianaOf(recurrence.range.recurrenceTimeZone ?? start.timeZone);
  const startUtc = localToUtc(start.dateTime, start.timeZone);
  const durationMs = Math.max(0, localToUtc(end.dateTime, end.timeZone).getTime() - startUtc.getTime());
  // The master's own wall time when it is in the series zone (keeps a 02:30 master in a DST gap at 02:30).
  const time = timeOf(ianaOf(start.timeZone) === zone ? start.dateTime : utcToLocal(startUtc, zone));
  const endsAtMidnight = timeOf(end.dateTime) === '00:00:00';
  const midnights = timeOf(start.dateTime) === '00:00:00' && endsAtMidnight;
  const sameZone = ianaOf(start.timeZone) === ianaOf(end.timeZone);
  const allDay = series.isAllDay ?? (midnights && sameZone && durationMs > 0);
  if (!allDay) return { zone, time, durationMs, allDaySpan: undefined };
  // Exchange moves a non-midnight all-day end to the following midnight (EWS all-day events docs).
  const days = daySerial(end.dateTime.slice(0, 10)) - daySerial(start.dateTime.slice(0, 10));
  return { zone, time: '00:00:00', durationMs, allDaySpan: Math.max(1, days + (endsAtMidnight ? 0 : 1)) };
}

function occurrenceOn(date: string, shape: SeriesShape, series: SeriesInput): Occurrence {
  const originalStart = `${date}T${shape.time}`;
  const startUtc = localToUtc(originalStart, shape.zone);
  // Exchange keeps all-day events midnight to midnight in their zone, so their span is in days, not hours.
  const endUtc =
    shape.allDaySpan === undefined
      ? new Date(startUtc.getTime() + shape.durationMs)
      : localToUtc(`${dayString(daySerial(date) + shape.allDaySpan)}T00:00:00`, shape.zone);
  const { timeZone: startZone } = series.start;
  const { timeZone: endZone } = series.end;
  return {
    originalStart,
    start: { dateTime: utcToLocal(startUtc, ianaOf(startZone)), timeZone: startZone },
    end: { dateTime: utcToLocal(endUtc, ianaOf(endZone)), timeZone: endZone },
    startUtc,
    endUtc,
  };
}

/** Occurrences overlapping [windowStart, windowEnd) (UTC instants), at most `limit` (default 10000). */
export function expandSeries(
  series: SeriesInput,
  windowStart: Date,
  windowEnd: Date,
  limit = 10_000,
): Occurrence[] {
  const shape = seriesShape(series);
  // Dates well before the window cannot overlap it: skip them without converting (zones are within ±14 h).
  const spanDays = Math.ceil(shape.durationMs / 86_400_000) + (shape.allDaySpan ?? 0);
  const earliest = dayString(Math.floor(windowStart.getTime() / 86_400_000) - spanDays - 2);
  const found: Occurrence[] = [];
  for (const date of occurrenceDates(series.recurrence)) {
    if (found.length >= limit) break;
    if (date < earliest) continue;
    const occurrence = occurrenceOn(date, shape, series);
    if (occurrence.startUtc >= windowEnd) break;
    const overlaps = occurrence.endUtc > windowStart || occurrence.startUtc >= windowStart;
    if (overlaps) found.push(occurrence);
  }
  return found;
}
