import type { Item, Mailbox } from '../store/model.js';
import { GraphError, graphErrors } from './graph-error.js';
import type { GraphContext, GraphResult } from './graph-route.js';
import { linkTo } from './odata.js';
import { eventHeaders, eventJson } from './events-present.js';
import { placed } from './events-query.js';
import { occurrencesIn } from './events-recurrence.js';
import { cancelledOf, exceptionsOf, occurrenceIdsIn, type SeriesShape } from './events-series.js';
import { plainOccurrences, type Window } from './events-views.js';
import { outputZone, overlaps, requiredWindow, showTime, type DateTimeTimeZone } from './events-time.js';

/**
 * calendarView delta, a sibling of `deltaPage`: the entries of a round are computed, not stored
 * (occurrences are virtual), so pages advance by (sequence, key) rather than by sequence alone.
 * Series masters come in full, occurrences as skeletons (FACTS §0.4), single instances and
 * exceptions in full; later rounds add `@removed` for deleted events, cancelled occurrences and
 * events that changed outside the window (event-delta docs).
 */
interface ViewDeltaState {
  scope: string;
  epoch: string;
  from: number;
  to: number;
  /** Last (sequence, key) served in this round. */
  after?: [number, string];
  initial: boolean;
  start: string;
  end: string;
  size: number;
}

interface Entry {
  id: string;
  seq: number;
  key: string;
  show?: () => Record<string, unknown>;
}

const EVENT_TYPE = '#microsoft.graph.event';
const UNSUPPORTED = ['select', 'expand', 'filter', 'orderby', 'search'] as const;

const encode = (s: ViewDeltaState) => Buffer.from(JSON.stringify(s)).toString('base64url');

function decode(token: string, scope: string, epoch: string): ViewDeltaState {
  let state: ViewDeltaState | undefined;
  try {
    state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ViewDeltaState;
  } catch {
    state = undefined;
  }
  if (typeof state !== 'object' || state === null || state.scope !== scope)
    throw graphErrors.badRequest('The delta token is malformed or belongs to another calendar view.');
  if (state.epoch !== epoch) throw graphErrors.syncStateNotFound();
  return state;
}

function refuseQueryOptions(ctx: GraphContext): void {
  for (const option of UNSUPPORTED)
    if (ctx.query[option] !== undefined)
      throw new GraphError(
        400,
        'BadRequest',
        `The query parameter '$${option}' is not supported with change tracking over a calendar view.`,
      );
}

function roundState(ctx: GraphContext, scope: string): ViewDeltaState {
  const { skiptoken, deltatoken } = ctx.query;
  const epoch = ctx.store.state.epoch;
  if (skiptoken) return decode(skiptoken, scope, epoch);
  if (deltatoken) {
    const previous = decode(deltatoken, scope, epoch);
    return { ...previous, from: previous.to, to: ctx.store.state.seq, after: undefined, initial: false };
  }
  const window = requiredWindow(ctx);
  const size = Math.min(ctx.query.top ?? ctx.prefer.maxPageSize ?? 10, ctx.prefer.maxPageSize ?? 1000, 1000);
  return {
    scope,
    epoch,
    from: 0,
    to: ctx.store.state.seq,
    initial: true,
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    size: Math.max(size, 1),
  };
}

const removed = (id: string, seq: number): Entry => ({ id, seq, key: `2:${id}` });

/** A master, its occurrences (skeletons), and the removals its changes imply. */
function seriesEntries(ctx: GraphContext, master: Item, window: Window): Entry[] {
  const mb = ctx.mailbox!;
  const zone = outputZone(ctx);
  const ws = window.start.getTime();
  const we = window.end.getTime();
  const inWindow =
    occurrencesIn(master, window.start, window.end).length > 0 ||
    exceptionsOf(mb, master.id).some((e) => {
      const p = placed(e);
      return overlaps(p.start, p.end, ws, we);
    });
  if (!inWindow) return [removed(master.id, master._seq)];
  const out: Entry[] = [
    { id: master.id, seq: master._seq, key: `0:${master.id}`, show: () => eventJson(ctx, master, zone) },
  ];
  const current = plainOccurrences(mb, master, window);
  for (const { item, start } of current)
    out.push({
      id: item.id,
      seq: master._seq,
      key: `1:${start}:${item.id}`,
      show: () => ({
        '@odata.etag': `W/"${String(item.changeKey)}"`,
        id: item.id,
        seriesMasterId: master.id,
        type: 'occurrence',
        start: showTime(item.start as DateTimeTimeZone, item.isAllDay === true, zone),
        end: showTime(item.end as DateTimeTimeZone, item.isAllDay === true, zone),
      }),
    });
  const gone = new Set(cancelledOf(master));
  const before = master._previousShape as SeriesShape | undefined;
  if (before) for (const id of occurrenceIdsIn(master.id, before, window.start, window.end)) gone.add(id);
  for (const { item } of current) gone.delete(item.id);
  for (const id of gone) if (!mb.events[id] || mb.events[id]._deleted) out.push(removed(id, master._seq));
  return out;
}

function entriesOf(ctx: GraphContext, calendarId: string, window: Window): Entry[] {
  const mb: Mailbox = ctx.mailbox!;
  const zone = outputZone(ctx);
  const [ws, we] = [window.start.getTime(), window.end.getTime()];
  const out: Entry[] = [];
  for (const item of Object.values(mb.events)) {
    if (item._parent !== calendarId) continue;
    if (item._deleted) {
      out.push(removed(item.id, item._seq));
      const shape = item._series as SeriesShape | undefined;
      if (shape)
        for (const id of occurrenceIdsIn(item.id, shape, window.start, window.end))
          out.push(removed(id, item._seq));
    } else if (item.type === 'seriesMaster') out.push(...seriesEntries(ctx, item, window));
    else {
      const p = placed(item);
      if (!overlaps(p.start, p.end, ws, we)) out.push(removed(item.id, item._seq));
      else
        out.push({
          id: item.id,
          seq: item._seq,
          key: `1:${p.start}:${item.id}`,
          show: () => eventJson(ctx, item, zone),
        });
    }
  }
  return out;
}

/** The entries due in this round, one per id (the latest change wins), in (sequence, key) order. */
function dueEntries(ctx: GraphContext, calendarId: string, state: ViewDeltaState): Entry[] {
  const window = { start: new Date(state.start), end: new Date(state.end) };
  const latest = new Map<string, Entry>();
  for (const e of entriesOf(ctx, calendarId, window)) {
    if (e.seq <= state.from || e.seq > state.to || (state.initial && !e.show)) continue;
    const seen = latest.get(e.id);
    if (!seen || e.seq > seen.seq) latest.set(e.id, e);
  }
  const after = state.after;
  return [...latest.values()]
    .filter((e) => !after || e.seq > after[0] || (e.seq === after[0] && e.key > after[1]))
    .sort((a, b) => a.seq - b.seq || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** `GET …/calendarView/delta`: one page of a round over one calendar's window. */
export function calendarViewDelta(ctx: GraphContext, calendarId: string): GraphResult {
  refuseQueryOptions(ctx);
  const state = roundState(ctx, `calendarView:${calendarId}`);
  const due = dueEntries(ctx, calendarId, state);
  const page = due.slice(0, state.size);
  const value = page.map((e) =>
    e.show
      ? { '@odata.type': EVENT_TYPE, ...e.show() }
      : { '@odata.type': EVENT_TYPE, id: e.id, '@removed': { reason: 'deleted' } },
  );
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#Collection(event)`,
  };
  if (due.length > page.length) {
    const last = page[page.length - 1]!;
    body['@odata.nextLink'] = linkTo(ctx, { $skiptoken: encode({ ...state, after: [last.seq, last.key] }) });
  } else {
    body['@odata.deltaLink'] = linkTo(ctx, { $deltatoken: encode({ ...state, after: undefined }) });
  }
  body.value = value;
  return { status: 200, body, headers: eventHeaders(ctx) };
}

/** `GET …/events/delta`: refused in v1.0 exactly as the service refuses it (FACTS §0.3, msgraph-metadata#608). */
export function eventsDeltaRefused(): GraphResult {
  throw new GraphError(
    400,
    'BadRequest',
    "Unsupported request: Change tracking is not supported against 'microsoft.graph.event'.",
  );
}
