import type { Item } from '../store/model.js';
import { expandedProperties } from './extended-properties.js';
import { GraphError } from './graph-error.js';
import type { GraphContext, GraphResult } from './graph-route.js';
import { htmlToText } from './events-body.js';
import { cancelledOf } from './events-series.js';
import { outputZone, showTime, type DateTimeTimeZone, type OutputZone } from './events-time.js';

/** Every property of the v1.0 event type a `$select` may name (plus the 2026 `cancelledOccurrences`). */
const EVENT_PROPERTIES = new Set(
  [
    'id categories changeKey createdDateTime lastModifiedDateTime allowNewTimeProposals attendees body',
    'bodyPreview end hasAttachments hideAttendees iCalUId importance isAllDay isCancelled isDraft',
    'isOnlineMeeting isOrganizer isReminderOn location locations onlineMeeting onlineMeetingProvider',
    'onlineMeetingUrl organizer originalEndTimeZone originalStart originalStartTimeZone recurrence',
    'reminderMinutesBeforeStart responseRequested responseStatus sensitivity seriesMasterId showAs start',
    'subject transactionId type webLink cancelledOccurrences singleValueExtendedProperties',
  ]
    .join(' ')
    .toLowerCase()
    .split(' '),
);

const HTML_HEAD =
  '<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `Prefer: outlook.body-content-type="text"|"html"`; Graph returns HTML when not asked. */
function bodyTypeAsked(ctx: GraphContext): 'text' | 'html' | undefined {
  const m = /outlook\.body-content-type="?(text|html)"?/i.exec(ctx.headers.prefer ?? '');
  return m ? (m[1]!.toLowerCase() as 'text' | 'html') : undefined;
}

/** The body as Exchange returns it: HTML documents by default (text converted), or plain text if asked. */
function shownBody(body: unknown, as: 'text' | 'html'): Record<string, unknown> {
  const b = (body ?? {}) as { contentType?: string; content?: string };
  const content = b.content ?? '';
  if (as === 'text')
    return { contentType: 'text', content: b.contentType === 'html' ? htmlToText(content).trim() : content };
  if (!content) return { contentType: 'html', content: '' };
  if (b.contentType === 'html')
    return {
      contentType: 'html',
      content: /^\s*<html/i.test(content) ? content : `${HTML_HEAD}${content}\r\n</body>\r\n</html>\r\n`,
    };
  const html = escapeHtml(content).replace(/\r?\n/g, '<br>\r\n');
  return { contentType: 'html', content: `${HTML_HEAD}<div>${html}</div>\r\n</body>\r\n</html>\r\n` };
}

/** Response headers confirming the Prefer values honoured (`Preference-Applied`). */
export function eventHeaders(ctx: GraphContext): Record<string, string> | undefined {
  const applied: string[] = [];
  const zone = outputZone(ctx);
  if (ctx.prefer.timeZone && zone.label !== 'UTC') applied.push(`outlook.timezone="${zone.label}"`);
  const bodyType = bodyTypeAsked(ctx);
  if (bodyType) applied.push(`outlook.body-content-type="${bodyType}"`);
  return applied.length ? { 'Preference-Applied': applied.join(', ') } : undefined;
}

/** A full event as Graph returns it: `@odata.etag`, times in the output zone, body as asked. */
export function eventJson(
  ctx: GraphContext,
  item: Item,
  zone: OutputZone = outputZone(ctx),
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': `W/"${String(item.changeKey)}"` };
  for (const [k, v] of Object.entries(item))
    if (!k.startsWith('_') && k !== 'singleValueExtendedProperties') out[k] = v;
  out.start = showTime(item.start as DateTimeTimeZone, item.isAllDay === true, zone);
  out.end = showTime(item.end as DateTimeTimeZone, item.isAllDay === true, zone);
  out.body = shownBody(item.body, bodyTypeAsked(ctx) ?? 'html');
  return out;
}

/** `$select` names only event properties (Graph's OData layer refuses the others). */
export function checkSelect(select: string[] | undefined): void {
  for (const s of select ?? [])
    if (!EVENT_PROPERTIES.has(s.toLowerCase()))
      throw new GraphError(
        400,
        'BadRequest',
        `Could not find a property named '${s}' on type 'microsoft.graph.event'.`,
      );
}

/**
 * An event with the request's `$select` and `$expand` applied. `cancelledOccurrences` (2026 CSDL)
 * comes only when selected on a GET of the series master itself, as Graph documents it.
 */
export function presentEvent(
  ctx: GraphContext,
  item: Item,
  options: { byId?: boolean } = {},
): Record<string, unknown> {
  const select = ctx.query.select;
  checkSelect(select);
  const full = eventJson(ctx, item);
  const expanded = expandedProperties(item, ctx.query.expand);
  const keep = select && new Set(['id', ...select].map((s) => s.toLowerCase()));
  const out = keep
    ? Object.fromEntries(
        Object.entries(full).filter(([k]) => k.startsWith('@odata.') || keep.has(k.toLowerCase())),
      )
    : full;
  if (expanded) out.singleValueExtendedProperties = expanded;
  if (options.byId && keep?.has('cancelledoccurrences') && item.type === 'seriesMaster')
    out.cancelledOccurrences = cancelledOf(item);
  return out;
}

/** One event as a response (`@odata.context` of the mailbox's events). */
export function showEvent(ctx: GraphContext, item: Item, status = 200): GraphResult {
  const context = `${ctx.baseUrl}/v1.0/$metadata#users('${ctx.user!.id}')/events/$entity`;
  return {
    status,
    body: { '@odata.context': context, ...presentEvent(ctx, item, { byId: status === 200 }) },
    headers: eventHeaders(ctx),
  };
}
