import type { Item, Mailbox } from '../store/model.js';
import type { GraphContext, GraphResult } from './graph-route.js';
import { pageOf } from './odata.js';
import { checkSelect, eventHeaders, presentEvent } from './events-present.js';
import { eventFilter, eventOrder, placed, type Placed } from './events-query.js';
import { occurrencesIn } from './events-recurrence.js';
import { cancelledOf, findEvent, occurrenceItem } from './events-series.js';
import { overlaps, requiredWindow } from './events-time.js';

export interface Window {
  start: Date;
  end: Date;
}

/** The occurrences of a series in a window that are still plain occurrences (no exception, not cancelled). */
export function plainOccurrences(mb: Mailbox, master: Item, window: Window): Placed[] {
  const cancelled = cancelledOf(master);
  return occurrencesIn(master, window.start, window.end)
    .map((o) => ({ item: occurrenceItem(master, o), start: o.startUtc.getTime(), end: o.endUtc.getTime() }))
    .filter(
      (p) => !(mb.events[p.item.id] && !mb.events[p.item.id]!._deleted) && !cancelled.includes(p.item.id),
    );
}

/**
 * What a calendar view shows in a window: single instances, occurrences and exceptions, never the
 * series masters (Microsoft: "by design"), in start order. `masterId` keeps one series (instances).
 */
export function eventsInWindow(
  ctx: GraphContext,
  calendars: Set<string>,
  window: Window,
  masterId?: string,
): Placed[] {
  const mb = ctx.mailbox!;
  const ws = window.start.getTime();
  const we = window.end.getTime();
  const out: Placed[] = [];
  for (const item of Object.values(mb.events)) {
    if (item._deleted || !calendars.has(item._parent!)) continue;
    if (masterId !== undefined && item.id !== masterId && item.seriesMasterId !== masterId) continue;
    if (item.type === 'seriesMaster') out.push(...plainOccurrences(mb, item, window));
    else {
      const p = placed(item);
      if (overlaps(p.start, p.end, ws, we)) out.push(p);
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.item.id < b.item.id ? -1 : 1));
}

function page(ctx: GraphContext, events: Placed[], fallbackOrder: 'start' | 'none'): GraphResult {
  checkSelect(ctx.query.select);
  const filter = eventFilter(ctx.query.filter);
  const ordered = (filter ? events.filter(filter) : events).sort(
    eventOrder(ctx.query.orderby, fallbackOrder),
  );
  const body = pageOf(ctx, ordered);
  // Only the page's events are rendered.
  body.value = (body.value as Placed[]).map((p) => presentEvent(ctx, p.item));
  return { status: 200, body, headers: eventHeaders(ctx) };
}

/** `GET …/calendarView?startDateTime&endDateTime` over some calendars. */
export function calendarView(ctx: GraphContext, calendars: Set<string>): GraphResult {
  const window = requiredWindow(ctx);
  return page(ctx, eventsInWindow(ctx, calendars, window), 'start');
}

/** `GET …/events/{id}/instances?startDateTime&endDateTime`: occurrences and exceptions of a series. */
export function instances(ctx: GraphContext, id: string, calendarId?: string): GraphResult {
  const window = requiredWindow(ctx);
  const { item } = findEvent(ctx, id, calendarId);
  const events =
    item.type === 'seriesMaster' ? eventsInWindow(ctx, new Set([item._parent!]), window, item.id) : [];
  return page(ctx, events, 'start');
}

/** `GET …/events`: single instances and series masters (never occurrences or exceptions). */
export function listEvents(ctx: GraphContext, calendars: Set<string>): GraphResult {
  const events = ctx.store
    .live(ctx.mailbox!, 'events')
    .filter((e) => calendars.has(e._parent!) && (e.type === 'singleInstance' || e.type === 'seriesMaster'))
    .map(placed);
  return page(ctx, events, 'none');
}
