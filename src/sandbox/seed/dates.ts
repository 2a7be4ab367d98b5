import { DAYS_OF_WEEK } from '../../platform/time/recurrence.js';
/** Calendar arithmetic on local dates (`YYYY-MM-DD`) as day numbers, free of any clock or zone. */

import type { DayOfWeek } from '@microsoft/microsoft-graph-types';

const MS_PER_DAY = 86_400_000;
export const WEEKDAYS: readonly DayOfWeek[] = DAYS_OF_WEEK;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; throws on anything else. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    throw new RangeError(`not a calendar date: ${date}`);
  return ms / MS_PER_DAY;
}

export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Graph's local date-time form `YYYY-MM-DDTHH:mm:ss` for a day and minutes after midnight. */
export function localDateTime(day: number, minutes = 0): string {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${isoDate(day)}T${hh}:${mm}:00`;
}

export function weekday(day: number): DayOfWeek {
  // 1970-01-01 was a Thursday.
  return WEEKDAYS[(((day + 4) % 7) + 7) % 7]!;
}

/** The Monday on or before a day. */
export function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** The first last-Sunday-of-March (Europe's spring DST change) on or after a day. */
export function nextEuropeanSpringChange(day: number): number {
  let year = new Date(day * MS_PER_DAY).getUTCFullYear();
  for (;;) {
    const march31 = Date.UTC(year, 2, 31) / MS_PER_DAY;
    const lastSunday = march31 - ((((march31 + 4) % 7) + 7) % 7);
    if (lastSunday >= day) return lastSunday;
    year++;
  }
}
