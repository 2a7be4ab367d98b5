import { GraphCallError, type GraphAuth, type GraphPort } from '../graph/graph-port.js';
import { TANDEM_CATEGORIES, type TandemCategoryName } from './contact-categories.js';

/** A Tandem category as the engine stores it per member: its id in the mailbox's master list. */
export interface KnownCategory {
  id: string;
  name: TandemCategoryName;
}

export interface MasterCategoriesResult {
  /** The seven categories and their current ids: store them and pass them back next run. */
  categories: KnownCategory[];
  /** Created because the master list lacked them (first run, or deleted by the user). */
  created: TandemCategoryName[];
  /** Created again because the user renamed ours (same id, another name): once per rename. */
  restored: { name: TandemCategoryName; renamedTo: string }[];
}

interface MasterCategory {
  id: string;
  displayName: string;
}

const key = (name: string) => name.toLowerCase();

async function masterList(graph: GraphPort, auth: GraphAuth, mailbox: string): Promise<MasterCategory[]> {
  const all: MasterCategory[] = [];
  const url = `/users/${encodeURIComponent(mailbox)}/outlook/masterCategories`;
  for await (const page of graph.pages<MasterCategory>(auth, mailbox, url)) all.push(...page.items);
  return all;
}

/**
 * Keeps Tandem's seven categories in the mailbox's master list (PRODUCT §3 Contacts: "their names
 * cannot be changed: a renamed category is restored at the next sync").
 *
 * Graph cannot rename a master category back: `displayName` is read-only after creation, only
 * `color` can be updated (FACTS §0.15 and §5, learn.microsoft.com/graph/api/resources/outlookcategory).
 * So a category is restored by creating its name again; the renamed one stays the user's, and the
 * contacts keep carrying Tandem's name (items hold categories by name), so they show under the
 * restored category again without rewriting them.
 *
 * A name present in the list (compared without case, as Outlook does) is adopted as it is — its
 * colour too. Only a missing name is written, so a second run writes nothing and a rename is
 * restored exactly once; a 409 (the name appeared meanwhile) adopts the existing category.
 * `known` are the ids the engine stored: they tell a rename (the id still exists under another
 * name) from a deletion.
 */
export async function ensureMasterCategories(
  graph: GraphPort,
  auth: GraphAuth,
  mailbox: string,
  known: readonly KnownCategory[],
): Promise<MasterCategoriesResult> {
  const list = await masterList(graph, auth, mailbox);
  const byName = new Map(list.map((c) => [key(c.displayName), c]));
  const byId = new Map(list.map((c) => [c.id, c]));
  const missing = TANDEM_CATEGORIES.filter((c) => !byName.has(key(c.name)));
  const result: MasterCategoriesResult = { categories: [], created: [], restored: [] };
  if (missing.length > 0) {
    const responses = await graph.batch(
      auth,
      mailbox,
      missing.map((c) => ({
        method: 'POST' as const,
        url: `/users/${encodeURIComponent(mailbox)}/outlook/masterCategories`,
        body: { displayName: c.name, color: c.color },
        // Names are unique in the master list: a repeated create answers 409, which adopts.
        idempotent: true,
      })),
    );
    let conflicted = false;
    responses.forEach((response, i) => {
      const wanted = missing[i]!;
      if (response instanceof GraphCallError) {
        if (response.code !== 'CONFLICT') throw response;
        conflicted = true;
        return;
      }
      byName.set(key(wanted.name), response.body as MasterCategory);
      const renamedTo = byId.get(known.find((k) => k.name === wanted.name)?.id ?? '')?.displayName;
      if (renamedTo !== undefined) result.restored.push({ name: wanted.name, renamedTo });
      else result.created.push(wanted.name);
    });
    if (conflicted) for (const c of await masterList(graph, auth, mailbox)) byName.set(key(c.displayName), c);
  }
  for (const c of TANDEM_CATEGORIES) {
    const found = byName.get(key(c.name));
    if (!found)
      throw new GraphCallError(
        'UNKNOWN',
        0,
        undefined,
        `master category "${c.name}" is missing after creation`,
        true,
      );
    result.categories.push({ id: found.id, name: c.name });
  }
  return result;
}
