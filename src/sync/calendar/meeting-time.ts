import type { DateTimeTimeZone } from '../../crm/shared/common.schema.js';
import { LOCAL_DATE_TIME, localToUtc, resolveTimeZone, utcToLocal } from '../../platform/time/time-zones.js';

/** Graph's `dateTimeTimeZone` as a payload carries it (`2026-03-29T07:00:00.0000000`, any zone name). */
export interface GraphDateTime {
  dateTime: string;
  timeZone: string;
}

/**
 * A local date-time in the one form values compare in: `YYYY-MM-DDTHH:mm:ss`, no fraction (Graph
 * writes seven fractional digits, the CRM accepts `HH:mm`). Both sides go through it, so the same
 * wall-clock time always hashes the same.
 */
export function normalLocal(dateTime: string): string {
  const m = LOCAL_DATE_TIME.exec(dateTime.trim());
  if (!m) throw new RangeError(`not a local date-time: ${dateTime}`);
  const [, y, mo, d, h, mi, s] = m;
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}`;
}

/** The zone to keep for an event: its original zone when Graph names one we know, else the payload's. */
function keptZone(original: string | null | undefined, fallback: string): string {
  return original && resolveTimeZone(original) ? original : fallback;
}

/**
 * An event time as the CRM keeps it: the wall-clock time in the zone the organiser chose
 * (`originalStartTimeZone` / `originalEndTimeZone`, FACTS §3), whatever zone the payload was
 * written in (UTC without `Prefer: outlook.timezone`). The instant is unchanged: a payload in UTC
 * is converted into the original zone, across DST as the zone's rules say. All-day times are
 * floating midnights: their date is kept as it is, in the event's zone.
 */
export function fromGraphTime(
  time: GraphDateTime,
  originalZone: string | null | undefined,
  isAllDay: boolean,
): DateTimeTimeZone {
  const local = normalLocal(time.dateTime);
  const zone = keptZone(originalZone, time.timeZone);
  if (isAllDay) return { dateTime: `${local.slice(0, 10)}T00:00:00`, timeZone: zone };
  if (zone === time.timeZone) return { dateTime: local, timeZone: zone };
  const instant = localToUtc(local, time.timeZone);
  return { dateTime: utcToLocal(instant, resolveTimeZone(zone)!), timeZone: zone };
}

/** A CRM time in the compared form (its own zone kept). */
export function normalTime(time: DateTimeTimeZone): DateTimeTimeZone {
  return { dateTime: normalLocal(time.dateTime), timeZone: time.timeZone };
}

/** A CRM time as Graph takes it: written in its own zone, which Graph stores as the original zone. */
export function toGraphTime(time: DateTimeTimeZone): GraphDateTime {
  return { dateTime: normalLocal(time.dateTime), timeZone: time.timeZone };
}

/** The local date (`YYYY-MM-DD`) of an instant in a zone (IANA or Windows; unknown zones read as UTC). */
export function localDateOf(instant: Date, zone: string): string {
  return utcToLocal(instant, resolveTimeZone(zone) ?? 'UTC').slice(0, 10);
}
