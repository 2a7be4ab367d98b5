import { GraphCallError } from '../graph/graph-port.js';
import type { MailboxContext } from '../engine/sync-resource.js';

type Item = Record<string, unknown>;

/**
 * The removals of a calendarView delta page that are real: calendarView delta also lists, as
 * `@removed` with reason `deleted`, events that changed outside its window (FACTS §0.4) — a meeting
 * moved, or pushed by Tandem, beyond the window still exists. Each removal is confirmed by a GET of
 * the event in the calendar (one `$batch` per 20): only a 404 (deleted, or moved to another
 * calendar) counts. Any other failure stops the run, as a failed delta page would.
 */
export async function confirmedRemovals(
  ctx: MailboxContext,
  calendarId: string,
  removals: Item[],
): Promise<Set<Item>> {
  if (!removals.length) return new Set();
  const base = `/users/${encodeURIComponent(ctx.mailbox)}/calendars/${encodeURIComponent(calendarId)}/events`;
  const answers = await ctx.graph.batch(
    ctx.auth,
    ctx.mailbox,
    removals.map((r) => ({
      method: 'GET' as const,
      url: `${base}/${encodeURIComponent(String(r.id))}?$select=id`,
      idempotent: true,
    })),
  );
  const gone = new Set<Item>();
  answers.forEach((answer, i) => {
    if (!(answer instanceof GraphCallError)) return;
    if (answer.code !== 'NOT_FOUND') throw answer;
    gone.add(removals[i]!);
  });
  return gone;
}
