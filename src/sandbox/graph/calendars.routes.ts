import { calendarOf as newCalendar } from '../store/build-state.js';
import { changeKey } from '../store/ids.js';
import type { Item, Mailbox } from '../store/model.js';
import {
  expandedProperties,
  extendedPropertyFilter,
  mergeExtendedProperties,
} from './extended-properties.js';
import { GraphError, graphErrors } from './graph-error.js';
import { mailboxRoute, type GraphContext, type GraphResult, type GraphRoute } from './graph-route.js';
import { pageOf, present } from './odata.js';
import { enumMember } from './events-recurrence.js';
import { removeEvent } from './events-series.js';

export const CALENDARS_READ = {
  delegated: ['Calendars.Read', 'Calendars.ReadWrite'],
  application: ['Calendars.Read', 'Calendars.ReadWrite'],
};
export const CALENDARS_WRITE = { delegated: ['Calendars.ReadWrite'], application: ['Calendars.ReadWrite'] };

const WRITABLE = new Set(['name', 'color', 'singleValueExtendedProperties']);
/** Read-only calendar properties a client may echo back; they are not written. */
const READ_ONLY = new Set([
  'id',
  'changeKey',
  'hexColor',
  'isDefaultCalendar',
  'canShare',
  'canViewPrivateItems',
  'canEdit',
  'isRemovable',
  'isTallyingResponses',
  'owner',
  'allowedOnlineMeetingProviders',
  'defaultOnlineMeetingProvider',
]);
const COLORS = [
  'auto',
  'lightBlue',
  'lightGreen',
  'lightOrange',
  'lightGray',
  'lightYellow',
  'lightTeal',
  'lightPink',
  'lightBrown',
  'lightRed',
  'maxColor',
];

const mailbox = (ctx: GraphContext): Mailbox => ctx.mailbox!;

/** A calendar of the mailbox by id; 404 `ErrorItemNotFound` otherwise. */
export function calendarOf(ctx: GraphContext, id: string): Item {
  const calendar = ctx.store.get(mailbox(ctx), 'calendars', id);
  if (!calendar) throw graphErrors.notFound();
  return calendar;
}

export const defaultCalendar = (ctx: GraphContext): Item => calendarOf(ctx, mailbox(ctx).wellKnown.calendar);

function readCalendarBody(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith('@odata.') || READ_ONLY.has(k)) continue;
    if (!WRITABLE.has(k)) throw graphErrors.unknownProperty(k, 'calendar');
    if (k === 'name' && (typeof v !== 'string' || !v.trim()))
      throw new GraphError(400, 'ErrorInvalidRequest', 'The calendar name cannot be empty.');
    if (k === 'color') out.color = enumMember(v, COLORS, 'color');
    else if (k === 'singleValueExtendedProperties') out[k] = mergeExtendedProperties([], v);
    else out[k] = v;
  }
  return out;
}

function checkUniqueName(ctx: GraphContext, name: string, except?: string): void {
  const clash = ctx.store
    .live(mailbox(ctx), 'calendars')
    .some((c) => c.id !== except && String(c.name).toLowerCase() === name.trim().toLowerCase());
  if (clash) throw graphErrors.folderExists();
}

function presentCalendar(ctx: GraphContext, calendar: Item): Record<string, unknown> {
  const body = present(calendar, { select: ctx.query.select });
  const expanded = expandedProperties(calendar, ctx.query.expand);
  if (expanded) body.singleValueExtendedProperties = expanded;
  return body;
}

function showCalendar(ctx: GraphContext, calendar: Item, status = 200): GraphResult {
  const context = `${ctx.baseUrl}/v1.0/$metadata#users('${ctx.user!.id}')/calendars/$entity`;
  return { status, body: { '@odata.context': context, ...presentCalendar(ctx, calendar) } };
}

function listCalendars(ctx: GraphContext): GraphResult {
  let calendars = ctx.store.live(mailbox(ctx), 'calendars');
  if (ctx.query.filter) {
    const byName = /^name eq '((?:[^']|'')*)'$/i.exec(ctx.query.filter.trim());
    const byProperty = extendedPropertyFilter(ctx.query.filter);
    if (byName) {
      const name = byName[1]!.replace(/''/g, "'").toLowerCase();
      calendars = calendars.filter((c) => String(c.name).toLowerCase() === name);
    } else if (byProperty) calendars = calendars.filter(byProperty);
    else
      throw new GraphError(
        400,
        'ErrorInvalidUrlQueryFilter',
        'The query filter contains one or more invalid nodes.',
      );
  }
  return {
    status: 200,
    body: pageOf(
      ctx,
      calendars.map((c) => presentCalendar(ctx, c)),
    ),
  };
}

function createCalendar(ctx: GraphContext): GraphResult {
  const input = readCalendarBody(ctx.body!);
  if (typeof input.name !== 'string')
    throw new GraphError(400, 'ErrorInvalidRequest', 'The calendar name cannot be empty.');
  checkUniqueName(ctx, input.name);
  const user = ctx.user!;
  const data = {
    ...newCalendar(user.displayName, user.mail, false),
    changeKey: changeKey(),
    isTallyingResponses: false,
    ...input,
  };
  return showCalendar(ctx, ctx.store.create(mailbox(ctx), 'calendars', data), 201);
}

function updateCalendar(ctx: GraphContext, calendar: Item): GraphResult {
  const input = readCalendarBody(ctx.body!);
  if (typeof input.name === 'string') checkUniqueName(ctx, input.name, calendar.id);
  if (input.singleValueExtendedProperties)
    input.singleValueExtendedProperties = mergeExtendedProperties(
      calendar.singleValueExtendedProperties,
      ctx.body!.singleValueExtendedProperties,
    );
  const updated = ctx.store.update(mailbox(ctx), 'calendars', calendar.id, {
    ...input,
    changeKey: changeKey(),
  });
  return showCalendar(ctx, updated);
}

/** Deleting a calendar deletes its events (tombstones, so delta reports them); the default one stays. */
function deleteCalendar(ctx: GraphContext, calendar: Item): GraphResult {
  const mb = mailbox(ctx);
  if (calendar.id === mb.wellKnown.calendar || calendar.isRemovable === false)
    throw new GraphError(400, 'ErrorDeleteDistinguishedFolder', 'Distinguished folders cannot be deleted.');
  const events = ctx.store.live(mb, 'events', calendar.id);
  // Series first: removing a master removes its exceptions with it.
  events.sort((a, b) => Number(a.type === 'exception') - Number(b.type === 'exception'));
  for (const item of events) if (!mb.events[item.id]!._deleted) removeEvent(ctx, { item, virtual: false });
  ctx.store.remove(mb, 'calendars', calendar.id);
  return { status: 204 };
}

const R = mailboxRoute;

export const calendarRoutes: GraphRoute[] = [
  R('GET', '/calendars', CALENDARS_READ, listCalendars),
  R('POST', '/calendars', CALENDARS_WRITE, createCalendar),
  R('GET', '/calendars/{calendar}', CALENDARS_READ, (ctx) =>
    showCalendar(ctx, calendarOf(ctx, ctx.params.calendar!)),
  ),
  R('PATCH', '/calendars/{calendar}', CALENDARS_WRITE, (ctx) =>
    updateCalendar(ctx, calendarOf(ctx, ctx.params.calendar!)),
  ),
  R('DELETE', '/calendars/{calendar}', CALENDARS_WRITE, (ctx) =>
    deleteCalendar(ctx, calendarOf(ctx, ctx.params.calendar!)),
  ),
  R('GET', '/calendar', CALENDARS_READ, (ctx) => showCalendar(ctx, defaultCalendar(ctx))),
  R('PATCH', '/calendar', CALENDARS_WRITE, (ctx) => updateCalendar(ctx, defaultCalendar(ctx))),
];
