import type { Item } from '../store/model.js';
import { graphErrors } from './graph-error.js';
import type { GraphContext } from './graph-route.js';

export interface ODataQuery {
  select?: string[];
  top?: number;
  skip?: number;
  filter?: string;
  expand?: string;
  search?: string;
  count?: boolean;
  orderby?: string;
  skiptoken?: string;
  deltatoken?: string;
  /** Other (non-OData) parameters, e.g. calendarView's startDateTime. */
  params: Record<string, string>;
}

const OPTIONS = [
  'select',
  'top',
  'skip',
  'filter',
  'expand',
  'search',
  'count',
  'orderby',
  'skiptoken',
  'deltatoken',
];

export function parseODataQuery(raw: Record<string, unknown>): ODataQuery {
  const q: ODataQuery = { params: {} };
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string')
      throw graphErrors.badRequest(`Query option '${key}' was specified more than once.`);
    const name = key.startsWith('$') ? key.slice(1).toLowerCase() : key;
    if (!key.startsWith('$') || !OPTIONS.includes(name)) {
      q.params[key] = value;
      continue;
    }
    switch (name) {
      case 'select':
        q.select = value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case 'top':
      case 'skip': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0)
          throw graphErrors.badRequest(`Invalid value '${value}' for $${name}.`);
        q[name] = n;
        break;
      }
      case 'count':
        if (value !== 'true' && value !== 'false')
          throw graphErrors.badRequest(`Invalid value '${value}' for $count.`);
        q.count = value === 'true';
        break;
      default:
        (q as unknown as Record<string, string>)[name] = value;
    }
  }
  return q;
}

/** `Prefer` header values Graph honours for Outlook and To Do. */
export function parsePrefer(header: string | undefined): GraphContext['prefer'] {
  const prefer: GraphContext['prefer'] = { immutableId: false };
  for (const part of (header ?? '').split(',').map((p) => p.trim())) {
    const maxPage = /^odata\.maxpagesize=(\d+)$/i.exec(part);
    if (maxPage) prefer.maxPageSize = Number(maxPage[1]);
    const tz = /^outlook\.timezone="([^"]+)"$/i.exec(part);
    if (tz) prefer.timeZone = tz[1];
    if (/^IdType="ImmutableId"$/i.test(part)) prefer.immutableId = true;
  }
  return prefer;
}

/** An item as Graph returns it: bookkeeping removed, `@odata.etag` added, `$select` applied (id always kept). */
export function present(
  item: Item,
  options: { select?: string[]; etag?: boolean; keep?: string[] } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (options.etag && typeof item.changeKey === 'string') out['@odata.etag'] = `W/"${item.changeKey}"`;
  const selected = options.select
    ? new Set(['id', ...options.select].map((s) => s.toLowerCase()))
    : undefined;
  for (const [k, v] of Object.entries(item)) {
    if (k.startsWith('_')) continue;
    if (k === 'singleValueExtendedProperties' && !options.keep?.includes(k)) continue;
    if (selected && !selected.has(k.toLowerCase()) && !options.keep?.includes(k)) continue;
    out[k] = v;
  }
  return out;
}

/** An absolute https link to the same path with `params` replacing the query. */
export function linkTo(ctx: GraphContext, params: Record<string, string>): string {
  const url = new URL(`${ctx.baseUrl}/v1.0${ctx.path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString().replace(/%24/g, '$');
}

/**
 * Outlook-style paging of a list: `$top` (or Prefer maxpagesize, default 10) per page and an
 * absolute `@odata.nextLink` carrying `$skip`, with the other query options preserved.
 */
export function pageOf(ctx: GraphContext, items: unknown[], defaultSize = 10): Record<string, unknown> {
  const size = Math.min(ctx.query.top ?? ctx.prefer.maxPageSize ?? defaultSize, 1000);
  const skip = ctx.query.skip ?? 0;
  const value = items.slice(skip, skip + size);
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#${ctx.path.split('/').filter(Boolean).pop() ?? ''}`,
  };
  if (ctx.query.count) body['@odata.count'] = items.length;
  body.value = value;
  if (skip + size < items.length) {
    const params: Record<string, string> = { ...ctx.rawQuery };
    params.$skip = String(skip + size);
    if (ctx.query.top === undefined && ctx.prefer.maxPageSize === undefined) params.$top = String(size);
    body['@odata.nextLink'] = linkTo(ctx, params);
  }
  return body;
}

/** OData comparison operators as `$filter` clauses use them. */
export const ODATA_COMPARE: Record<string, (a: string | number, b: string | number) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
};
