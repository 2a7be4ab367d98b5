import { GraphCallError } from '../graph/graph-port.js';
import type { MailboxContext } from '../engine/sync-resource.js';
import { OCCURRENCES_KEY } from './meeting.mapper.js';
import { confirmedRemovals } from './meeting-removals.js';
import { readOccurrences } from './meeting-series.js';
import { EVENT_READ_HEADERS } from './meeting-notes.js';

type Item = Record<string, unknown>;

const isPart = (i: Item) => i.type === 'occurrence' || i.type === 'exception';
/** Only meetings the member organises sync (PRODUCT §3: "only meetings owned by the user"). */
const owned = (i: Item) => i.isOrganizer !== false;

/**
 * A calendarView delta page regrouped into what the CRM holds, one record per series
 * (FACTS §0.4): occurrences (skeletons) and exceptions leave the page and bring their series master
 * instead — read when the page does not carry it — with the series' exceptions and cancelled
 * occurrences read from its instances. A master's own version says nothing of its occurrences, so
 * it is dropped: series compare by value. Events the member does not organise are left out; a
 * removal counts only once the event is confirmed gone from the calendar (see `confirmedRemovals`).
 * `round` names the masters already read in this delta round (each is read once per round).
 */
export async function regroupPage(
  ctx: MailboxContext,
  page: { containerId: string; items: Item[] },
  round: Set<string>,
): Promise<Item[]> {
  const { items } = page;
  const removals = await confirmedRemovals(
    ctx,
    page.containerId,
    items.filter((i) => i['@removed']),
  );
  const kept = items.filter((i) => (i['@removed'] ? removals.has(i) : !isPart(i) && owned(i)));
  const masters = kept.filter((i) => !i['@removed'] && i.type === 'seriesMaster');
  const inPage = new Set(masters.map((m) => String(m.id)));
  const wanted = [
    ...new Set(
      items
        .filter((i) => !i['@removed'] && isPart(i) && typeof i.seriesMasterId === 'string')
        .map((i) => String(i.seriesMasterId))
        .filter((id) => !inPage.has(id) && !round.has(id)),
    ),
  ];
  const fetched = await readMasters(ctx, wanted);
  const gone = new Set<Item>();
  // Read together: the Graph client keeps to the mailbox's concurrency limit.
  await Promise.all(
    [...masters, ...fetched.filter(owned)].map(async (master) => {
      round.add(String(master.id));
      try {
        master[OCCURRENCES_KEY] = await readOccurrences(ctx, master);
        delete master.changeKey;
      } catch (err) {
        // Deleted since the page was served: its removal comes in delta; never a lost calendar.
        if (!(err instanceof GraphCallError && err.code === 'NOT_FOUND')) throw err;
        gone.add(master);
      }
    }),
  );
  return [...kept, ...fetched.filter(owned)].filter((i) => !gone.has(i));
}

/** Series masters by id (`$batch`); one gone since (404) is left out, its deletion comes in delta. */
async function readMasters(ctx: MailboxContext, ids: string[]): Promise<Item[]> {
  if (!ids.length) return [];
  const answers = await ctx.graph.batch(
    ctx.auth,
    ctx.mailbox,
    ids.map((id) => ({
      method: 'GET' as const,
      url: `/users/${encodeURIComponent(ctx.mailbox)}/events/${encodeURIComponent(id)}`,
      headers: { ...EVENT_READ_HEADERS },
      idempotent: true,
    })),
  );
  const out: Item[] = [];
  for (const answer of answers) {
    if (answer instanceof GraphCallError) {
      if (answer.code === 'NOT_FOUND') continue;
      throw answer;
    }
    out.push(answer.body as Item);
  }
  return out;
}
