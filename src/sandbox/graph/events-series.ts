import type { Occurrence, RecurrenceInput } from '../../platform/time/recurrence.js';
import { expandSeries } from '../../platform/time/recurrence.js';
import type { Item, Mailbox } from '../store/model.js';
import { GraphError, graphErrors } from './graph-error.js';
import type { GraphContext } from './graph-route.js';
import { occurrenceICalUId } from './events-model.js';
import { adjacentDates, occurrenceAt } from './events-recurrence.js';
import { graphDateTime, ianaZone, instantOf, utcToLocal, type DateTimeTimeZone } from './events-time.js';

/**
 * Occurrences of a series are virtual: computed from the master on every read, with ids derived
 * from the master id and the original start, so the same occurrence always has the same id.
 * Changing one stores an exception under that id; deleting one records it in the master's
 * cancelled occurrences (kept as bookkeeping, shown as `cancelledOccurrences` when selected).
 */
const MARK = 'occ';
const ID_PREFIX = 'AAMkAG';

/** What a series looked like, for listing the occurrences a client may hold after it changed or went. */
export interface SeriesShape {
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  recurrence: RecurrenceInput;
  isAllDay: boolean;
  cancelled: string[];
}

/** An event found by id: stored (single, master, exception) or a virtual occurrence. */
export interface FoundEvent {
  item: Item;
  /** The series master of an occurrence or exception. */
  master?: Item;
  virtual: boolean;
}

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function occurrenceId(masterId: string, originalStart: Date): string {
  const compact = stamp(originalStart).replace(/[-:]/g, '');
  return `${ID_PREFIX}${Buffer.from(`${MARK}|${masterId}|${compact}`).toString('base64url')}`;
}

export function parseOccurrenceId(id: string): { masterId: string; originalStart: Date } | undefined {
  if (!id.startsWith(ID_PREFIX)) return undefined;
  const text = Buffer.from(id.slice(ID_PREFIX.length), 'base64url').toString('utf8');
  const m = /^occ\|(.+)\|(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return { masterId: m[1]!, originalStart: new Date(`${m[2]}-${m[3]}-${m[4]}T${m[5]}:${m[6]}:${m[7]}Z`) };
}

export function cancelledOf(master: Item): string[] {
  return (master._cancelledOccurrences as string[] | undefined) ?? [];
}

export function shapeOf(master: Item): SeriesShape {
  return {
    start: master.start as DateTimeTimeZone,
    end: master.end as DateTimeTimeZone,
    recurrence: master.recurrence as RecurrenceInput,
    isAllDay: master.isAllDay === true,
    cancelled: cancelledOf(master),
  };
}

/** Ids of the occurrences of a series shape in [start, end), cancelled ones left out. */
export function occurrenceIdsIn(masterId: string, shape: SeriesShape, start: Date, end: Date): string[] {
  return expandSeries(shape, start, end)
    .map((o) => occurrenceId(masterId, o.startUtc))
    .filter((id) => !shape.cancelled.includes(id));
}

/** A virtual occurrence of a series as an item (never stored; its version is the master's). */
export function occurrenceItem(master: Item, o: Occurrence): Item {
  const fields = Object.entries(master).filter(
    ([k]) => k !== '_cancelledOccurrences' && k !== '_previousShape',
  );
  const id = occurrenceId(master.id, o.startUtc);
  return {
    ...(Object.fromEntries(fields) as Item),
    id,
    type: 'occurrence',
    seriesMasterId: master.id,
    originalStart: stamp(o.startUtc),
    start: { dateTime: graphDateTime(o.start.dateTime), timeZone: o.start.timeZone },
    end: { dateTime: graphDateTime(o.end.dateTime), timeZone: o.end.timeZone },
    recurrence: null,
    iCalUId: occurrenceICalUId(String(master.iCalUId), o.originalStart.slice(0, 10)),
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
  };
}

/** An event by id (optionally required to be in a calendar); 404 `ErrorItemNotFound` otherwise. */
export function findEvent(ctx: GraphContext, id: string, calendarId?: string): FoundEvent {
  const mb = ctx.mailbox!;
  let found: FoundEvent | undefined;
  const stored = mb.events[id];
  if (stored && !stored._deleted) {
    const master =
      stored.type === 'exception' ? ctx.store.get(mb, 'events', String(stored.seriesMasterId)) : undefined;
    found = { item: stored, master, virtual: false };
  } else {
    // A tombstone under an occurrence id is an exception that went: cancelled (then listed as
    // such) or dropped when the series changed shape (then the plain occurrence is back).
    const ref = parseOccurrenceId(id);
    const master = ref && ctx.store.get(mb, 'events', ref.masterId);
    const o =
      master?.type === 'seriesMaster' &&
      !cancelledOf(master).includes(id) &&
      occurrenceAt(master, ref!.originalStart);
    if (o) found = { item: occurrenceItem(master!, o), master, virtual: true };
  }
  if (!found || (calendarId !== undefined && found.item._parent !== calendarId)) {
    if (!/^[A-Za-z0-9+/=_-]+$/.test(id)) throw graphErrors.badId();
    throw graphErrors.notFound();
  }
  return found;
}

/** Outlook refuses to move an occurrence to or past the day of the previous or next one. */
export function checkBoundary(master: Item, originalStart: string, newStart: DateTimeTimeZone): void {
  const shape = shapeOf(master);
  const iana = ianaZone(shape.recurrence.range.recurrenceTimeZone ?? shape.start.timeZone) ?? 'UTC';
  const originalDate = utcToLocal(new Date(originalStart), iana).slice(0, 10);
  const newDate = utcToLocal(instantOf(newStart), iana).slice(0, 10);
  const { previous, next } = adjacentDates(master, originalDate);
  if ((previous && newDate <= previous) || (next && newDate >= next))
    throw new GraphError(
      400,
      'ErrorOccurrenceCrossingBoundary',
      'Modified occurrence is crossing or overlapping adjacent occurrence.',
    );
}

/** Live exceptions of a series. */
export function exceptionsOf(mb: Mailbox, masterId: string): Item[] {
  return Object.values(mb.events).filter(
    (e) => !e._deleted && e.type === 'exception' && e.seriesMasterId === masterId,
  );
}

/** Deleting or cancelling one occurrence (or exception): the master records it as cancelled. */
export function cancelOccurrence(ctx: GraphContext, found: FoundEvent): void {
  const mb = ctx.mailbox!;
  const master = found.master;
  if (!found.virtual) ctx.store.remove(mb, 'events', found.item.id);
  if (master)
    ctx.store.update(mb, 'events', master.id, {
      _cancelledOccurrences: [...cancelledOf(master), found.item.id],
    });
}

/** Deletes an event: a whole series with its exceptions, or one occurrence of a series. */
export function removeEvent(ctx: GraphContext, found: FoundEvent): void {
  const mb = ctx.mailbox!;
  const { item } = found;
  if (item.type === 'occurrence' || item.type === 'exception') return cancelOccurrence(ctx, found);
  if (item.type !== 'seriesMaster') return ctx.store.remove(mb, 'events', item.id);
  const shape = shapeOf(item);
  for (const e of exceptionsOf(mb, item.id)) ctx.store.remove(mb, 'events', e.id);
  // The tombstone keeps the series' shape so that a later calendarView delta round can report each
  // occurrence the client holds as removed.
  ctx.store.remove(mb, 'events', item.id, { _series: shape });
}

/**
 * After a master's times or recurrence changed, its exceptions and cancellations no longer apply
 * (Outlook drops them); the former shape is kept so that delta can report the old occurrences removed.
 */
export function reshapeSeries(ctx: GraphContext, before: SeriesShape | undefined, master: Item): void {
  const after = master.type === 'seriesMaster' ? shapeOf(master) : undefined;
  const key = (s: SeriesShape | undefined) => s && JSON.stringify([s.start, s.end, s.recurrence, s.isAllDay]);
  if (!before || key(before) === key(after)) return;
  const mb = ctx.mailbox!;
  for (const e of exceptionsOf(mb, master.id)) ctx.store.remove(mb, 'events', e.id);
  ctx.store.update(mb, 'events', master.id, { _cancelledOccurrences: [], _previousShape: before });
}

/** Stores the exception that replaces an occurrence (same id, the master's calendar). */
export function storeException(ctx: GraphContext, found: FoundEvent, data: Record<string, unknown>): Item {
  const master = found.master!;
  const fields = Object.fromEntries(Object.entries(data).filter(([k]) => !k.startsWith('_')));
  return ctx.store.create(
    ctx.mailbox!,
    'events',
    { ...fields, id: found.item.id, type: 'exception', seriesMasterId: master.id, recurrence: null },
    master._parent,
  );
}
