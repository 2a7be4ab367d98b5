import type { DateTimeTimeZone } from '../../crm/shared/common.schema.js';
import { expandSeries } from '../../platform/time/recurrence.js';
import { localToUtc } from '../../platform/time/time-zones.js';
import type { MailboxContext } from '../engine/sync-resource.js';
import { normalRecurrence, type SeriesRule } from './meeting-recurrence.js';
import { fromGraphTime, localDateOf, normalTime, type GraphDateTime } from './meeting-time.js';
import { normalOccurrences, type OccurrenceException, type SeriesOccurrences } from './meeting.mapper.js';
import { syncWindow, windowParam } from './meeting-window.js';
import { EVENT_READ_HEADERS } from './meeting-notes.js';

const DAY = 86_400_000;

/** A series as its occurrences are computed: start and end in their zones, rule, zone of the dates. */
export interface SeriesShape {
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  isAllDay: boolean;
  rule: SeriesRule;
  /** The zone occurrence dates are counted in (the range's, else the start's). */
  zone: string;
}

/** One occurrence of a series as `/instances` lists it, dated in the series' zone. */
export interface Instance {
  id: string;
  date: string;
  event: Record<string, unknown>;
}

/** The shape of a Graph series master (null when it is not one). */
export function shapeOfMaster(master: Record<string, unknown>): SeriesShape | null {
  const rule = normalRecurrence(master.recurrence);
  if (!rule) return null;
  const isAllDay = master.isAllDay === true;
  const start = fromGraphTime(
    master.start as GraphDateTime,
    master.originalStartTimeZone as string,
    isAllDay,
  );
  const end = fromGraphTime(master.end as GraphDateTime, master.originalEndTimeZone as string, isAllDay);
  const rangeZone = (master.recurrence as { range?: { recurrenceTimeZone?: string } }).range
    ?.recurrenceTimeZone;
  return { start, end, isAllDay, rule, zone: rangeZone || start.timeZone };
}

/**
 * The span the occurrences of a series are read and written over: from its first day to its last
 * (an end date, or the last of a numbered range), or to the end of the sync window for a series
 * without end — the same window the calendar's delta covers.
 */
export function seriesSpan(shape: SeriesShape, now: Date = new Date()): { start: Date; end: Date } {
  const first = localToUtc(`${shape.rule.range.startDate}T00:00:00`, shape.zone).getTime() - DAY;
  const window = syncWindow(now);
  if (shape.rule.range.type === 'endDate') {
    const last = localToUtc(`${shape.rule.range.endDate}T00:00:00`, shape.zone).getTime() + 2 * DAY;
    return { start: new Date(first), end: new Date(last) };
  }
  if (shape.rule.range.type === 'numbered') {
    const all = expandSeries(series(shape), new Date(first), new Date(8_640_000_000_000_000), 1000);
    const last = all[all.length - 1]?.endUtc.getTime() ?? first;
    return { start: new Date(first), end: new Date(last + 2 * DAY) };
  }
  return { start: new Date(first), end: window.end };
}

const series = (shape: SeriesShape) => ({
  start: shape.start,
  end: shape.end,
  isAllDay: shape.isAllDay,
  recurrence: { pattern: shape.rule.pattern, range: { ...shape.rule.range, recurrenceTimeZone: shape.zone } },
});

/** The pattern's occurrences over the span, by date: original start and end in the series' zones. */
export function patternOccurrences(shape: SeriesShape, span: { start: Date; end: Date }) {
  return new Map(
    expandSeries(series(shape), span.start, span.end).map((o) => [
      o.originalStart.slice(0, 10),
      { start: normalTime(o.start), end: normalTime(o.end) },
    ]),
  );
}

/** The occurrences and exceptions of a series over `span` (`/instances` pages), dated in its zone. */
export async function readInstances(
  ctx: MailboxContext,
  masterId: string,
  shape: SeriesShape,
  span: { start: Date; end: Date },
): Promise<Instance[]> {
  const url =
    `/users/${encodeURIComponent(ctx.mailbox)}/events/${encodeURIComponent(masterId)}/instances` +
    `?startDateTime=${windowParam(span.start)}&endDateTime=${windowParam(span.end)}`;
  const out: Instance[] = [];
  for await (const page of ctx.graph.pages(ctx.auth, ctx.mailbox, url, { ...EVENT_READ_HEADERS }))
    for (const event of page.items as Record<string, unknown>[]) {
      const original = typeof event.originalStart === 'string' ? new Date(event.originalStart) : undefined;
      if (!original || Number.isNaN(original.getTime())) continue;
      out.push({ id: String(event.id), date: localDateOf(original, shape.zone), event });
    }
  return out;
}

const locationOf = (e: Record<string, unknown>) =>
  (e.location as { displayName?: string } | undefined)?.displayName?.trim() || undefined;

/** An exception event in the compared form (subject and location only where they differ from the series). */
export function exceptionOf(
  date: string,
  event: Record<string, unknown>,
  master: { subject: unknown; location: string | undefined },
): OccurrenceException {
  const isAllDay = event.isAllDay === true;
  const subject = typeof event.subject === 'string' ? event.subject : '';
  const location = locationOf(event);
  return {
    originalStartDate: date,
    start: fromGraphTime(event.start as GraphDateTime, event.originalStartTimeZone as string, isAllDay),
    end: fromGraphTime(event.end as GraphDateTime, event.originalEndTimeZone as string, isAllDay),
    ...(subject !== master.subject ? { subject } : {}),
    ...(location && location !== master.location ? { location } : {}),
  };
}

/**
 * A series master's departures from its pattern, read from its instances (FACTS §3: deleted
 * occurrences leave no trace in delta): the pattern's dates with no instance are cancelled; the
 * instances of type `exception` are its exceptions.
 */
export async function readOccurrences(
  ctx: MailboxContext,
  master: Record<string, unknown>,
): Promise<SeriesOccurrences | undefined> {
  const shape = shapeOfMaster(master);
  if (!shape) return undefined;
  const span = seriesSpan(shape);
  const instances = await readInstances(ctx, String(master.id), shape, span);
  const present = new Set(instances.map((i) => i.date));
  const cancelled = [...patternOccurrences(shape, span).keys()].filter((d) => !present.has(d));
  const own = { subject: master.subject, location: locationOf(master) };
  const exceptions = instances
    .filter((i) => i.event.type === 'exception')
    .map((i) => exceptionOf(i.date, i.event, own));
  return normalOccurrences(cancelled, exceptions);
}
