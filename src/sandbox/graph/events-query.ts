import type { Item } from '../store/model.js';
import { extendedPropertyFilter } from './extended-properties.js';
import { GraphError } from './graph-error.js';
import { ODATA_COMPARE } from './odata.js';
import { instantOf, type DateTimeTimeZone } from './events-time.js';

/** An event with the instants it occupies (occurrences carry theirs). */
export interface Placed {
  item: Item;
  start: number;
  end: number;
}

const invalidFilter = () =>
  new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');

const COMPARE = ODATA_COMPARE;
const TEXT_PROPERTIES = ['iCalUId', 'subject', 'type', 'transactionId', 'seriesMasterId'];
const FLAGS = ['isAllDay', 'isCancelled', 'isOrganizer'];

/** `start/dateTime ge '2026-03-01T00:00:00'`: the literal is a UTC time, as Graph compares in UTC. */
function timeClause(m: RegExpExecArray): (p: Placed) => boolean {
  const literal = new Date(/[zZ]|[+-]\d{2}:\d{2}$/.test(m[3]!) ? m[3]! : `${m[3]}Z`).getTime();
  if (Number.isNaN(literal)) throw invalidFilter();
  const compare = COMPARE[m[2]!.toLowerCase()]!;
  return (p) => compare(m[1]!.toLowerCase() === 'start' ? p.start : p.end, literal);
}

function clause(text: string): (p: Placed) => boolean {
  const time = /^(start|end)\/dateTime (eq|ne|gt|ge|lt|le) '([^']+)'$/i.exec(text);
  if (time) return timeClause(time);
  const eq = /^(\w+) eq '([^']*)'$/.exec(text);
  const property = eq && TEXT_PROPERTIES.find((p) => p.toLowerCase() === eq[1]!.toLowerCase());
  if (eq && property) return (p) => String(p.item[property] ?? '').toLowerCase() === eq[2]!.toLowerCase();
  const flag = /^(\w+) eq (true|false)$/i.exec(text);
  const name = flag && FLAGS.find((f) => f.toLowerCase() === flag[1]!.toLowerCase());
  if (flag && name) return (p) => (p.item[name] === true) === (flag[2]!.toLowerCase() === 'true');
  throw invalidFilter();
}

/**
 * The `$filter` forms Outlook clients use on events: the extended-property `Any` lambda, equality on
 * iCalUId/subject/type/transactionId/seriesMasterId, flags, and start/end comparisons, joined by `and`.
 */
export function eventFilter(filter: string | undefined): ((p: Placed) => boolean) | undefined {
  if (!filter) return undefined;
  const byProperty = extendedPropertyFilter(filter);
  if (byProperty) return (p) => byProperty(p.item);
  const clauses = filter
    .trim()
    .split(/\s+and\s+/i)
    .map(clause);
  return (p) => clauses.every((c) => c(p));
}

const ORDER_KEYS: Record<string, (p: Placed) => number | string> = {
  'start/datetime': (p) => p.start,
  'end/datetime': (p) => p.end,
  subject: (p) => String(p.item.subject ?? '').toLowerCase(),
  createddatetime: (p) => String(p.item.createdDateTime ?? ''),
  lastmodifieddatetime: (p) => String(p.item.lastModifiedDateTime ?? ''),
};

/** `$orderby` on one of start/dateTime, end/dateTime, subject, created/lastModifiedDateTime. */
export function eventOrder(
  orderby: string | undefined,
  fallback: 'start' | 'none',
): (a: Placed, b: Placed) => number {
  if (!orderby) return fallback === 'start' ? (a, b) => a.start - b.start || a.end - b.end : () => 0;
  const m = /^([\w/]+)(?:\s+(asc|desc))?$/i.exec(orderby.trim());
  const key = m && ORDER_KEYS[m[1]!.toLowerCase()];
  if (!key)
    throw new GraphError(
      400,
      'BadRequest',
      `The $orderby expression '${orderby}' is not supported on events.`,
    );
  const sign = m[2]?.toLowerCase() === 'desc' ? -1 : 1;
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -sign : x > y ? sign : 0;
  };
}

/** A stored event placed at its own times. */
export function placed(item: Item): Placed {
  return {
    item,
    start: instantOf(item.start as DateTimeTimeZone).getTime(),
    end: instantOf(item.end as DateTimeTimeZone).getTime(),
  };
}
