import type { DateTimeTimeZone } from '../../crm/shared/common.schema.js';
import type { GraphRequest } from '../graph/graph-port.js';
import { GraphCallError } from '../graph/graph-port.js';
import type { MailboxContext, SyncValues } from '../engine/sync-resource.js';
import { hashValues } from '../engine/sync-values.js';
import type { SeriesOccurrences } from './meeting.mapper.js';
import type { SeriesRule } from './meeting-recurrence.js';
import {
  exceptionOf,
  patternOccurrences,
  readInstances,
  seriesSpan,
  type Instance,
  type SeriesShape,
} from './meeting-series.js';
import { toGraphTime } from './meeting-time.js';

const same = (a: unknown, b: unknown) => hashValues({ v: a }, ['v']) === hashValues({ v: b }, ['v']);

/** The series a CRM meeting's values describe (null for a single meeting). */
function shapeOfValues(values: SyncValues): SeriesShape | null {
  const rule = values.recurrence as SeriesRule | null;
  if (!rule) return null;
  const start = values.start as DateTimeTimeZone;
  return {
    start,
    end: values.end as DateTimeTimeZone,
    isAllDay: values.isAllDay === true,
    rule,
    zone: start.timeZone,
  };
}

/**
 * The writes that make a series' occurrences in Office 365 match the CRM's: each cancelled date's
 * occurrence deleted (`DELETE /events/{occurrenceId}`, FACTS §3), each exception's occurrence
 * patched to its times, subject and location, and an exception the CRM no longer has patched back
 * to the pattern. Nothing for an occurrence that already matches. Pure.
 */
export function occurrenceWrites(
  mailbox: string,
  values: SyncValues,
  shape: SeriesShape,
  instances: Instance[],
  span: { start: Date; end: Date },
): GraphRequest[] {
  const wanted = (values.occurrences as SeriesOccurrences | null) ?? { cancelled: [], exceptions: [] };
  const cancelled = new Set(wanted.cancelled);
  const exceptions = new Map(wanted.exceptions.map((x) => [x.originalStartDate, x]));
  const pattern = patternOccurrences(shape, span);
  const own = { subject: values.subject, location: (values.location as string | null) ?? undefined };
  const url = (id: string) => `/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent(id)}`;
  const requests: GraphRequest[] = [];
  for (const instance of instances) {
    if (cancelled.has(instance.date)) {
      requests.push({ method: 'DELETE', url: url(instance.id), idempotent: true });
      continue;
    }
    const desired =
      exceptions.get(instance.date) ??
      (instance.event.type === 'exception' && pattern.has(instance.date)
        ? { originalStartDate: instance.date, ...pattern.get(instance.date)! }
        : undefined);
    if (!desired) continue;
    if (same(exceptionOf(instance.date, instance.event, own), desired)) continue;
    requests.push({
      method: 'PATCH',
      url: url(instance.id),
      body: {
        start: toGraphTime(desired.start),
        end: toGraphTime(desired.end),
        subject: desired.subject ?? own.subject ?? '',
        location: { displayName: desired.location ?? own.location ?? '' },
      },
      idempotent: true,
    });
  }
  return requests;
}

/** A series item could not take its occurrences: the ones Office 365 refused, by code. */
export class OccurrencesRefusedError extends Error {
  constructor(readonly codes: string[]) {
    super(`Office 365 refused ${codes.length} occurrence change(s): ${[...new Set(codes)].join(', ')}`);
    this.name = 'OccurrencesRefusedError';
  }
}

/**
 * Writes a series' exceptions and cancelled occurrences on its occurrences in Office 365 (after the
 * master itself was created or updated). One `$batch` of writes at most per 20 occurrences changed.
 * Returns the master's `changeKey` after them (occurrence writes change the master's), so its next
 * write carries the right `If-Match`; nothing when nothing was written.
 */
export async function writeOccurrences(
  ctx: MailboxContext,
  remoteId: string,
  values: SyncValues,
): Promise<string | undefined> {
  const shape = shapeOfValues(values);
  if (!shape) return undefined;
  const span = seriesSpan(shape);
  const instances = await readInstances(ctx, remoteId, shape, span);
  const requests = occurrenceWrites(ctx.mailbox, values, shape, instances, span);
  if (!requests.length) return undefined;
  const answers = await ctx.graph.batch(ctx.auth, ctx.mailbox, requests);
  const refused = answers.flatMap((a, i) =>
    a instanceof GraphCallError && !(requests[i]!.method === 'DELETE' && a.code === 'NOT_FOUND') ? [a] : [],
  );
  if (refused.length) throw new OccurrencesRefusedError(refused.map((a) => a.code));
  const master = await ctx.graph.call<{ changeKey?: string }>(ctx.auth, ctx.mailbox, {
    method: 'GET',
    url: `/users/${encodeURIComponent(ctx.mailbox)}/events/${encodeURIComponent(remoteId)}?$select=id,changeKey`,
    idempotent: true,
  });
  return typeof master.body.changeKey === 'string' ? master.body.changeKey : undefined;
}
