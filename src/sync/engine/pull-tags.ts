import type { Database } from '../../platform/db/database.js';
import { GraphCallError } from '../graph/graph-port.js';
import { tagOf } from './item-tag.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import type { RunContext } from './sync-run-context.js';

/** What a page's unlinked items carry: the CRM id tag of each, and which ones are already linked. */
export interface PageTags {
  linked: Set<string>;
  crmIds: Map<string, string>;
}

/** A round's index of the container's tags, loaded at most once per round. */
export interface TagRound {
  index?: { listed: Set<string>; tags: Map<string, string> };
}

/** One `$batch` at most: more unlinked items than this in a page load the container's tags instead. */
const TAG_BATCH = 20;

/**
 * Reads the CRM id tag of a page's unlinked items; links and tags survive reinstalls. A few
 * unlinked items (an incremental round) are read in one `$batch`; more than a batch holds (the first
 * round over an adopted folder) loads the tags of the whole container once per round — one list
 * request per page of ids — instead of one batched GET per item (500 adopted contacts: 8 Graph
 * requests for the whole first sync instead of 507). Items the index has not seen (created since)
 * are read by `$batch`. `round` carries the index from page to page.
 */
export async function tagsOfUnlinked(
  deps: { db: Database; links: SyncLinkRepository },
  run: RunContext,
  items: Record<string, unknown>[],
  round: TagRound,
): Promise<PageTags> {
  const live = items.filter((i) => !i['@removed']).map((i) => String(i.id));
  const links = await deps.db.scoped(run.target.orgId, (tx) => deps.links.byRemoteIds(tx, run.target, live));
  const linked = new Set(live.filter((id) => links.has(id)));
  const unlinked = live.filter((id) => !linked.has(id));
  const crmIds = new Map<string, string>();
  if (!unlinked.length) return { linked, crmIds };
  if (!round.index && unlinked.length > TAG_BATCH) round.index = await containerTags(run);
  const index = round.index;
  const unknown = index ? unlinked.filter((id) => !index.listed.has(id)) : unlinked;
  if (index)
    for (const id of unlinked) {
      const tag = index.tags.get(id);
      if (tag) crmIds.set(id, tag);
      // Each item is looked up once a round (then linked): the index shrinks as the round goes.
      index.listed.delete(id);
      index.tags.delete(id);
    }
  if (unknown.length) for (const [id, tag] of await batchTags(run, unknown)) crmIds.set(id, tag);
  return { linked, crmIds };
}

const expandTag = (run: RunContext) => tagOf(run.resource).expand;

/** The tag of every item of the container, paged at the maximum size with only ids selected. */
async function containerTags(run: RunContext): Promise<NonNullable<TagRound['index']>> {
  const { graph, auth, mailbox } = run.mailbox;
  const base = run.resource.itemsUrl(mailbox, run.containerId).split('?')[0]!;
  const index = { listed: new Set<string>(), tags: new Map<string, string>() };
  for await (const page of graph.pages(auth, mailbox, `${base}?$select=id&${expandTag(run)}`)) {
    for (const item of page.items as Record<string, unknown>[]) {
      index.listed.add(String(item.id));
      const value = tagOf(run.resource).read(item);
      if (value) index.tags.set(String(item.id), value);
    }
  }
  return index;
}

async function batchTags(run: RunContext, ids: string[]): Promise<Map<string, string>> {
  const { graph, auth, mailbox } = run.mailbox;
  const answers = await graph.batch(
    auth,
    mailbox,
    ids.map((id) => ({
      method: 'GET' as const,
      url: `${run.resource.itemUrl(mailbox, run.containerId, id)}?$select=id&${expandTag(run)}`,
      idempotent: true,
    })),
  );
  const tags = new Map<string, string>();
  answers.forEach((answer, i) => {
    if (answer instanceof GraphCallError) return;
    const value = tagOf(run.resource).read(answer.body as Record<string, unknown>);
    if (value) tags.set(ids[i]!, value);
  });
  return tags;
}
