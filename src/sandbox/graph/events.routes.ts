import type { Item } from '../store/model.js';
import { graphErrors } from './graph-error.js';
import { mailboxRoute, type GraphContext, type GraphResult, type GraphRoute } from './graph-route.js';
import { CALENDARS_READ, CALENDARS_WRITE, calendarOf } from './calendars.routes.js';
import { cancel, respond, type Response } from './events-actions.js';
import { calendarViewDelta, eventsDeltaRefused } from './events-delta.js';
import { newEvent, updatedEvent } from './events-model.js';
import { showEvent } from './events-present.js';
import {
  checkBoundary,
  findEvent,
  reshapeSeries,
  removeEvent,
  shapeOf,
  storeException,
} from './events-series.js';
import { calendarView, instances, listEvents } from './events-views.js';
import type { DateTimeTimeZone } from './events-time.js';

const R = mailboxRoute;

function checkIfMatch(ctx: GraphContext, item: Item): void {
  const ifMatch = ctx.headers['if-match'];
  if (ifMatch && ifMatch !== '*' && ifMatch !== `W/"${String(item.changeKey)}"`) throw graphErrors.conflict();
}

const owner = (ctx: GraphContext) => ({ name: ctx.user!.displayName, address: ctx.user!.mail });

/**
 * `POST …/events`. A `transactionId` already used in the mailbox answers with the event it created
 * (201, same id): Graph's guard against duplicates when a client retries a create (FACTS §0.12).
 */
function createEvent(ctx: GraphContext, calendarId: string): GraphResult {
  calendarOf(ctx, calendarId);
  const mb = ctx.mailbox!;
  const transactionId = ctx.body!.transactionId;
  if (typeof transactionId === 'string' && transactionId) {
    const earlier = ctx.store.live(mb, 'events').find((e) => e.transactionId === transactionId);
    if (earlier) return showEvent(ctx, earlier, 201);
  }
  const item = ctx.store.create(mb, 'events', newEvent(ctx.body!, owner(ctx)), calendarId);
  return showEvent(ctx, item, 201);
}

const sameTime = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `PATCH …/events/{id}`: a stale `If-Match` is 412; an occurrence becomes a stored exception; an
 * exception may not cross its neighbours; a series whose times change loses its exceptions.
 */
function updateEvent(ctx: GraphContext, id: string, calendarId?: string): GraphResult {
  const found = findEvent(ctx, id, calendarId);
  const { item } = found;
  checkIfMatch(ctx, item);
  const data = updatedEvent(item, ctx.body!);
  const moved = !sameTime(data.start, item.start);
  if (found.master && moved)
    checkBoundary(found.master, String(item.originalStart), data.start as DateTimeTimeZone);
  if (found.virtual) return showEvent(ctx, storeException(ctx, found, data));
  const before = item.type === 'seriesMaster' ? shapeOf(item) : undefined;
  const updated = ctx.store.update(ctx.mailbox!, 'events', item.id, data);
  reshapeSeries(ctx, before, updated);
  return showEvent(ctx, updated);
}

function deleteEvent(ctx: GraphContext, id: string, calendarId?: string): GraphResult {
  const found = findEvent(ctx, id, calendarId);
  checkIfMatch(ctx, found.item);
  removeEvent(ctx, found);
  return { status: 204 };
}

const defaultId = (ctx: GraphContext) => ctx.mailbox!.wellKnown.calendar;
const calendarParam = (ctx: GraphContext) => calendarOf(ctx, ctx.params.calendar!).id;

/**
 * The three spellings of an events collection: the mailbox's (`/events`: every calendar, creates in
 * the default one), the default calendar's, and a calendar's by id.
 */
const COLLECTIONS: {
  prefix: string;
  scope: (ctx: GraphContext) => string | undefined;
  home: (ctx: GraphContext) => string;
}[] = [
  { prefix: '/events', scope: () => undefined, home: defaultId },
  { prefix: '/calendar/events', scope: (ctx) => calendarOf(ctx, defaultId(ctx)).id, home: defaultId },
  { prefix: '/calendars/{calendar}/events', scope: calendarParam, home: calendarParam },
];
const VIEWS: { prefix: string; calendar: (ctx: GraphContext) => string }[] = [
  { prefix: '', calendar: (ctx) => calendarOf(ctx, defaultId(ctx)).id },
  { prefix: '/calendar', calendar: (ctx) => calendarOf(ctx, defaultId(ctx)).id },
  { prefix: '/calendars/{calendar}', calendar: calendarParam },
];
const RESPONSES: Response[] = ['accept', 'decline', 'tentativelyAccept'];

function collectionRoutes({ prefix, scope, home }: (typeof COLLECTIONS)[number]): GraphRoute[] {
  const all = (ctx: GraphContext) => {
    const one = scope(ctx);
    return new Set(one ? [one] : ctx.store.live(ctx.mailbox!, 'calendars').map((c) => c.id));
  };
  const item = `${prefix}/{event}`;
  return [
    R('GET', prefix, CALENDARS_READ, (ctx) => listEvents(ctx, all(ctx))),
    R('POST', prefix, CALENDARS_WRITE, (ctx) => createEvent(ctx, home(ctx))),
    R('GET', `${prefix}/delta`, CALENDARS_READ, eventsDeltaRefused),
    R('GET', item, CALENDARS_READ, (ctx) =>
      showEvent(ctx, findEvent(ctx, ctx.params.event!, scope(ctx)).item),
    ),
    R('PATCH', item, CALENDARS_WRITE, (ctx) => updateEvent(ctx, ctx.params.event!, scope(ctx))),
    R('DELETE', item, CALENDARS_WRITE, (ctx) => deleteEvent(ctx, ctx.params.event!, scope(ctx))),
    R('GET', `${item}/instances`, CALENDARS_READ, (ctx) => instances(ctx, ctx.params.event!, scope(ctx))),
    R('POST', `${item}/cancel`, CALENDARS_WRITE, (ctx) => cancel(ctx, ctx.params.event!, scope(ctx))),
    ...RESPONSES.map((action) =>
      R('POST', `${item}/${action}`, CALENDARS_WRITE, (ctx) =>
        respond(ctx, ctx.params.event!, scope(ctx), action),
      ),
    ),
  ];
}

function viewRoutes({ prefix, calendar }: (typeof VIEWS)[number]): GraphRoute[] {
  return [
    R('GET', `${prefix}/calendarView`, CALENDARS_READ, (ctx) => calendarView(ctx, new Set([calendar(ctx)]))),
    R('GET', `${prefix}/calendarView/delta`, CALENDARS_READ, (ctx) => calendarViewDelta(ctx, calendar(ctx))),
  ];
}

export const eventRoutes: GraphRoute[] = [
  ...COLLECTIONS.flatMap(collectionRoutes),
  ...VIEWS.flatMap(viewRoutes),
];
