import {
  LOCAL_DATE_TIME,
  isValidLocalDateTime,
  localToUtc,
  resolveTimeZone,
  utcToLocal as wallClock,
} from '../../platform/time/time-zones.js';
import { GraphError } from './graph-error.js';
import type { GraphContext } from './graph-route.js';

/** A `dateTimeTimeZone` as stored: the caller's wall-clock time (Graph form) and zone name. */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

/** The zone responses are written in: `Prefer: outlook.timezone` when Graph knows it, else UTC. */
export interface OutputZone {
  /** The name as the caller wrote it (echoed in `timeZone`). */
  label: string;
  iana: string;
}

const zones = new Map<string, string | undefined>();
const instants = new Map<string, number>();
const MAX_REMEMBERED = 100_000;

/** `resolveTimeZone`, remembered (a Windows name costs a table search each time). */
export function ianaZone(zone: string): string | undefined {
  if (!zones.has(zone)) {
    if (zones.size >= 1000) zones.clear();
    zones.set(zone, resolveTimeZone(zone));
  }
  return zones.get(zone);
}

/** The instant of a wall-clock time in a zone, remembered: views convert every event on every read. */
function utcOf(local: string, zone: string): Date {
  const key = `${local}|${zone}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    ms = localToUtc(local, ianaZone(zone) ?? zone).getTime();
    if (instants.size >= MAX_REMEMBERED) instants.clear();
    instants.set(key, ms);
  }
  return new Date(ms);
}

/** Graph's `dateTime` form: seconds and seven fractional digits, no offset (`2026-03-29T07:00:00.0000000`). */
export function graphDateTime(local: string): string {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const [, y, mo, d, h, mi, s, fraction] = m;
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}.${(fraction ?? '').padEnd(7, '0')}`;
}

/** The wall-clock time (`YYYY-MM-DDTHH:mm:ss.fff`) of an instant in an IANA zone. */
export function utcToLocal(instant: Date, iana: string): string {
  return `${wallClock(instant, iana)}.${String(instant.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** `Prefer: outlook.timezone="…"` (IANA or Windows name); unknown or absent zones give UTC. */
export function outputZone(ctx: GraphContext): OutputZone {
  const asked = ctx.prefer.timeZone;
  const iana = asked ? ianaZone(asked) : undefined;
  return asked && iana ? { label: asked, iana } : { label: 'UTC', iana: 'UTC' };
}

/** `Preference-Applied` for an honoured `outlook.timezone` (Graph confirms it that way). */
export function preferenceApplied(ctx: GraphContext): Record<string, string> | undefined {
  const zone = outputZone(ctx);
  return ctx.prefer.timeZone && zone.label !== 'UTC'
    ? { 'Preference-Applied': `outlook.timezone="${zone.label}"` }
    : undefined;
}

export const invalidTimeZone = (zone: string) =>
  new GraphError(
    400,
    'TimeZoneNotSupportedException',
    `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`,
  );

/**
 * Reads a `dateTimeTimeZone` of a request body: the wall-clock `dateTime` (a trailing `Z` only with
 * UTC) and a zone Graph knows (IANA or Windows). Returns it in Graph's stored form and as an instant.
 */
export function readDateTimeTimeZone(
  value: unknown,
  property: string,
): { stored: DateTimeTimeZone; utc: Date } {
  const v = value as { dateTime?: unknown; timeZone?: unknown } | null;
  if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof v.dateTime !== 'string')
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      `The property '${property}' must be a dateTimeTimeZone with a dateTime.`,
    );
  const zone = typeof v.timeZone === 'string' && v.timeZone ? v.timeZone : 'UTC';
  const iana = ianaZone(zone);
  if (!iana) throw invalidTimeZone(zone);
  let local = v.dateTime.trim();
  if (/Z$/i.test(local) && iana === 'UTC') local = local.slice(0, -1);
  if (!isValidLocalDateTime(local))
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      `The value '${v.dateTime}' of '${property}.dateTime' is not a valid date and time.`,
    );
  const stored = { dateTime: graphDateTime(local), timeZone: zone };
  return { stored, utc: utcOf(stored.dateTime, zone) };
}

/** The instant of a stored `dateTimeTimeZone`. */
export function instantOf(value: DateTimeTimeZone): Date {
  return utcOf(value.dateTime, value.timeZone);
}

/** A stored time as a response shows it: in the output zone, or — all-day — midnight as stored. */
export function showTime(value: DateTimeTimeZone, isAllDay: boolean, zone: OutputZone): DateTimeTimeZone {
  if (isAllDay) return { dateTime: value.dateTime, timeZone: zone.label };
  return { dateTime: graphDateTime(utcToLocal(instantOf(value), zone.iana)), timeZone: zone.label };
}

const WINDOW_VALUE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?))?(Z|[+-]\d{2}:\d{2})?$/i;

function parseWindowValue(raw: string, name: string): Date {
  // An unencoded '+' in the query string arrives as a space.
  const m = WINDOW_VALUE.exec(raw.trim().replace(/ (\d{2}:\d{2})$/, '+$1'));
  const instant = m ? new Date(`${m[1]}T${m[2] ?? '00:00:00'}${m[3] ?? 'Z'}`) : undefined;
  if (!instant || Number.isNaN(instant.getTime()))
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      `The value '${raw}' of parameter '${name}' is invalid.`,
    );
  return instant;
}

/** A query parameter by name, case-insensitively (Graph's own examples write `startdatetime`). */
export function queryParam(ctx: GraphContext, name: string): string | undefined {
  const key = Object.keys(ctx.query.params).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : ctx.query.params[key];
}

/**
 * `startDateTime` and `endDateTime` (ISO 8601; without an offset they are UTC, whatever the
 * Prefer header says). Both are required, as calendarView, its delta and instances require them.
 */
export function requiredWindow(ctx: GraphContext): { start: Date; end: Date } {
  const start = queryParam(ctx, 'startDateTime');
  const end = queryParam(ctx, 'endDateTime');
  if (!start || !end)
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
  return { start: parseWindowValue(start, 'StartDateTime'), end: parseWindowValue(end, 'EndDateTime') };
}

/** Whether [start, end) meets the window [ws, we) (a zero-length event at ws counts). */
export function overlaps(start: number, end: number, ws: number, we: number): boolean {
  return start < we && (end > ws || start >= ws);
}
