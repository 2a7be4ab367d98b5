import type { Item } from '../store/model.js';
import { deltaPage } from './delta.js';
import type { GraphContext, GraphResult, GraphRoute } from './graph-route.js';
import { pageOf, present } from './odata.js';
import {
  checkIfMatch,
  contextOf,
  etagOf,
  listOf,
  mailboxOf,
  route,
  TASKS_READ,
  TASKS_WRITE,
  todoErrors,
  withEtags,
  withoutReadOnly,
} from './todo-common.js';

const LIST_READ_ONLY = new Set(['id', 'isOwner', 'isShared', 'wellknownListName']);

/** Messages of To Do's refusals on the built-in list. [I: microsoft-graph-docs-contrib#2486] */
export const DEFAULT_LIST_RENAME_REFUSED =
  "Your request can't be completed. A default task folder can't be renamed.";
/** Same shape for a delete (UNVERIFIED wording, inferred from the rename refusal). */
export const DEFAULT_LIST_DELETE_REFUSED =
  "Your request can't be completed. A default task folder can't be deleted.";

function shownList(ctx: GraphContext, list: Item): Record<string, unknown> {
  return { '@odata.etag': etagOf(list), ...present(list, { select: ctx.query.select }) };
}

function showList(ctx: GraphContext, list: Item, status = 200): GraphResult {
  return {
    status,
    body: { '@odata.context': contextOf(ctx, 'todo/lists/$entity'), ...shownList(ctx, list) },
  };
}

/** The list's new name: only `displayName` is writable; read-only members are ignored. */
function checkListBody(body: Record<string, unknown>, required: boolean): string | undefined {
  let name: string | undefined;
  for (const [key, value] of withoutReadOnly(body, LIST_READ_ONLY)) {
    if (key !== 'displayName') throw todoErrors.unknownMember(key, 'TodoTaskList');
    if (typeof value !== 'string') throw todoErrors.badValue(value, 'String', key);
    name = value;
  }
  if ((required || name !== undefined) && !name?.trim())
    throw todoErrors.invalid('The task list needs a non-empty displayName.');
  return name;
}

/**
 * To Do does not refuse a list name already in use: the new list is created with a number appended,
 * "Tandem Tasks (1)", "(2)"… as the To Do app names lists. [I: pnp/cli-microsoft365#1610]
 */
function unusedName(ctx: GraphContext, name: string): string {
  const taken = new Set(
    ctx.store.live(mailboxOf(ctx), 'todoLists').map((l) => String(l.displayName).toLowerCase()),
  );
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 1; ; n++) if (!taken.has(`${name} (${n})`.toLowerCase())) return `${name} (${n})`;
}

function createList(ctx: GraphContext): GraphResult {
  const name = checkListBody(ctx.body!, true)!;
  const list = ctx.store.create(mailboxOf(ctx), 'todoLists', {
    displayName: unusedName(ctx, name),
    isOwner: true,
    isShared: false,
    wellknownListName: 'none',
  });
  return showList(ctx, list, 201);
}

function updateList(ctx: GraphContext, list: Item): GraphResult {
  checkIfMatch(ctx, list);
  const name = checkListBody(ctx.body!, false);
  if (name === undefined || name === list.displayName) return showList(ctx, list);
  if (list.wellknownListName !== 'none') throw todoErrors.invalid(DEFAULT_LIST_RENAME_REFUSED);
  return showList(ctx, ctx.store.update(mailboxOf(ctx), 'todoLists', list.id, { displayName: name }));
}

/** Deleting a list deletes its tasks (tombstones for the tasks' delta); built-in lists stay. */
function deleteList(ctx: GraphContext, list: Item): GraphResult {
  checkIfMatch(ctx, list);
  if (list.wellknownListName !== 'none') throw todoErrors.invalid(DEFAULT_LIST_DELETE_REFUSED);
  const mb = mailboxOf(ctx);
  for (const task of ctx.store.live(mb, 'todoTasks', list.id)) ctx.store.remove(mb, 'todoTasks', task.id);
  ctx.store.remove(mb, 'todoLists', list.id);
  return { status: 204 };
}

function listLists(ctx: GraphContext): GraphResult {
  let lists = ctx.store.live(mailboxOf(ctx), 'todoLists');
  if (ctx.query.filter) {
    const byName = /^displayName eq '((?:[^']|'')*)'$/i.exec(ctx.query.filter.trim());
    if (!byName) throw todoErrors.invalid(`The filter '${ctx.query.filter}' is not supported.`);
    const wanted = byName[1]!.replace(/''/g, "'");
    lists = lists.filter((l) => l.displayName === wanted);
  }
  return {
    status: 200,
    body: pageOf(
      ctx,
      lists.map((l) => shownList(ctx, l)),
    ),
  };
}

function listsDelta(ctx: GraphContext): GraphResult {
  const lists = mailboxOf(ctx).todoLists;
  const body = deltaPage(ctx, 'todoLists', Object.values(lists), {
    etag: false,
    defaultSize: ctx.query.top,
  });
  return { status: 200, body: withEtags(body, lists) };
}

const list = (ctx: GraphContext) => listOf(ctx, ctx.params.list!);

export const todoListRoutes: GraphRoute[] = [
  route('GET', '/todo/lists', TASKS_READ, listLists),
  route('POST', '/todo/lists', TASKS_WRITE, createList),
  route('GET', '/todo/lists/delta', TASKS_READ, listsDelta),
  route('GET', '/todo/lists/{list}', TASKS_READ, (ctx) => showList(ctx, list(ctx))),
  route('PATCH', '/todo/lists/{list}', TASKS_WRITE, (ctx) => updateList(ctx, list(ctx))),
  route('DELETE', '/todo/lists/{list}', TASKS_WRITE, (ctx) => deleteList(ctx, list(ctx))),
];
