import { GraphCallError } from './graph-port.js';

/**
 * URL and header shaping shared by single calls, pages and batch items:
 * - relative URLs resolve against the Graph root; absolute ones (nextLink/deltaLink) must be on
 *   the same origin and version, so a token is never sent to another host;
 * - `Prefer: IdType="ImmutableId"` on Outlook items, whose ids otherwise change when they move
 *   (FACTS §0.11; not To Do, which is not in the immutable-id list);
 * - `Prefer: odata.maxpagesize` on pages of contacts, events and tasks (FACTS §1, §2, §4).
 */

/** Path segments of Outlook resources that honour immutable ids. */
const OUTLOOK_SEGMENTS = new Set([
  'contacts',
  'contactfolders',
  'childfolders',
  'events',
  'calendar',
  'calendars',
  'calendarview',
  'instances',
  'messages',
  'mailfolders',
]);
/** Segments of collections that page with `odata.maxpagesize`. */
const PAGED_SEGMENTS = new Set(['contacts', 'events', 'calendarview', 'tasks', 'messages']);

export class GraphUrls {
  private readonly root: URL;

  /** `baseUrl`: the Graph root with its version, e.g. `https://graph.microsoft.com/v1.0`. */
  constructor(baseUrl: string) {
    this.root = new URL(baseUrl.replace(/\/+$/, ''));
  }

  /** The absolute URL of `url` (relative to the root, or absolute on the root). */
  absolute(url: string): string {
    if (!/^https?:\/\//i.test(url)) return `${this.root.href}${url.startsWith('/') ? '' : '/'}${url}`;
    this.relative(url); // validates the origin and version
    return url;
  }

  /** `url` relative to the root (`/users/…`), as `$batch` items need it. */
  relative(url: string): string {
    if (!/^https?:\/\//i.test(url)) return url.startsWith('/') ? url : `/${url}`;
    const parsed = new URL(url);
    const rootPath = this.root.pathname.replace(/\/+$/, '');
    const path = parsed.pathname.toLowerCase();
    const root = rootPath.toLowerCase();
    if (parsed.origin !== this.root.origin || (path !== root && !path.startsWith(`${root}/`)))
      throw new GraphCallError(
        'BAD_REQUEST',
        0,
        undefined,
        'Refusing a Graph link outside the configured Graph root',
        false,
      );
    return `${parsed.pathname.slice(rootPath.length)}${parsed.search}` || '/';
  }
}

function segments(url: string): string[] {
  const path = url.replace(/^https?:\/\/[^/]+/i, '').split('?')[0] ?? '';
  return path
    .split('/')
    .filter(Boolean)
    .map((s) =>
      s
        .toLowerCase()
        .replace(/^microsoft\.graph\./, '')
        .replace(/\(.*$/, ''),
    );
}

/**
 * Whether `url` addresses an Outlook item or folder (and so wants immutable ids), or creates a
 * subscription to one (its notifications then carry immutable ids, FACTS §11).
 */
export function isOutlookResource(url: string, body?: unknown): boolean {
  const parts = segments(url);
  const resource = (body as { resource?: unknown } | undefined)?.resource;
  if (parts.at(-1) === 'subscriptions' && typeof resource === 'string') return isOutlookResource(resource);
  if (parts.includes('todo')) return false;
  return parts.some((s) => OUTLOOK_SEGMENTS.has(s));
}

/** Whether `url` is a pageable collection of contacts, events, messages or tasks (a delta round too). */
export function isPagedCollection(url: string): boolean {
  const parts = segments(url);
  const last = parts.at(-1) === 'delta' ? parts.at(-2) : parts.at(-1);
  return last !== undefined && PAGED_SEGMENTS.has(last);
}

/**
 * The request headers with the `Prefer` values this URL needs merged into the caller's own
 * (`maxPageSize` only when given: pages ask for it, single calls do not).
 */
export function preferHeaders(
  url: string,
  headers: Record<string, string> = {},
  maxPageSize?: number,
  body?: unknown,
): Record<string, string> {
  const out: Record<string, string> = {};
  let prefer: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'prefer') prefer = value.split(',').map((p) => p.trim());
    else out[name] = value;
  }
  const has = (re: RegExp) => prefer.some((p) => re.test(p));
  if (isOutlookResource(url, body) && !has(/^IdType=/i)) prefer.push('IdType="ImmutableId"');
  if (maxPageSize && isPagedCollection(url) && !has(/^odata\.maxpagesize=/i))
    prefer.push(`odata.maxpagesize=${maxPageSize}`);
  if (prefer.length) out.Prefer = prefer.join(', ');
  return out;
}

/** `url` with `$select` set to `fields` (replacing any `$select` it had). */
export function withSelect(url: string, fields: readonly string[]): string {
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  const params = query
    .split('&')
    .filter((p) => p && !/^(\$|%24)select=/i.test(p))
    .concat(`$select=${fields.map(encodeURIComponent).join(',')}`);
  return `${path}?${params.join('&')}`;
}
