import { createHash } from 'node:crypto';
import type { Item, Mailbox } from '../store/model.js';
import { GraphError, graphErrors } from './graph-error.js';
import type { GraphContext, GraphRoute } from './graph-route.js';

/** To Do permissions (FACTS §4; delegated Tasks.*, application Tasks.*.All). */
export const TASKS_READ = {
  delegated: ['Tasks.Read', 'Tasks.ReadWrite'],
  application: ['Tasks.Read.All', 'Tasks.ReadWrite.All'],
};
export const TASKS_WRITE = { delegated: ['Tasks.ReadWrite'], application: ['Tasks.ReadWrite.All'] };

/**
 * To Do's validation failures are `400 invalidRequest` with a JSON.NET-style message (the service's
 * own inner code is `InvalidModel`/`ErrorInvalidRequest`). [I: microsoft-graph-docs#10503, -contrib#2486]
 */
export const todoErrors = {
  invalid: (message: string) => new GraphError(400, 'invalidRequest', message),
  badValue: (value: unknown, type: string, path: string) =>
    todoErrors.invalid(
      `Invalid JSON, Error converting value ${JSON.stringify(value) ?? 'undefined'} to type '${type}'. Path '${path}'.`,
    ),
  unknownMember: (name: string, type: string, path = name) =>
    todoErrors.invalid(
      `Invalid JSON, Could not find member '${name}' on object of type '${type}'. Path '${path}'.`,
    ),
};

export const route = (
  method: GraphRoute['method'],
  pattern: string,
  permission: GraphRoute['permission'],
  handler: GraphRoute['handler'],
): GraphRoute => ({ method, pattern: `/users/{user}${pattern}`, permission, handler });

export function mailboxOf(ctx: GraphContext): Mailbox {
  return ctx.mailbox!;
}

export function listOf(ctx: GraphContext, id: string): Item {
  const list = ctx.store.get(mailboxOf(ctx), 'todoLists', id);
  if (!list) throw graphErrors.notFound();
  return list;
}

/**
 * A task of a list. A task id that exists in another list answers as To Do does when the list in
 * the path does not hold the task. [I: microsoft-graph-explorer-v4#2743]
 */
export function taskOf(ctx: GraphContext, listId: string, taskId: string): Item {
  listOf(ctx, listId);
  const task = ctx.store.get(mailboxOf(ctx), 'todoTasks', taskId);
  if (!task) throw graphErrors.notFound();
  if (task._parent !== listId)
    throw todoErrors.invalid('Parent folder specified does not contain a Task with given Id');
  return task;
}

/**
 * `@odata.etag` of a To Do list or task: To Do items have no `changeKey` property, so the tag is
 * derived from the item's last change (its store sequence) and changes on every write.
 */
export function etagOf(item: Item): string {
  const digest = createHash('sha256').update(`${item.id}:${item._seq}`).digest().subarray(0, 22);
  return `W/"${digest.toString('base64')}"`;
}

/** `If-Match` with a stale tag → 412 ErrorIrresolvableConflict (FACTS §0.13). */
export function checkIfMatch(ctx: GraphContext, item: Item): void {
  const ifMatch = ctx.headers['if-match'];
  if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(item)) throw graphErrors.conflict();
}

/** The `@odata.context` of a To Do entity under the mailbox owner. */
export function contextOf(ctx: GraphContext, tail: string): string {
  return `${ctx.baseUrl}/v1.0/$metadata#users('${ctx.user!.id}')/${tail}`;
}

/** Read-only members a client may send back (e.g. a GET result) and that are ignored on write. */
export function withoutReadOnly(body: Record<string, unknown>, readOnly: Set<string>): [string, unknown][] {
  return Object.entries(body).filter(([k]) => !k.startsWith('@odata.') && !readOnly.has(k));
}

/** `$expand=a,b($select=…)` → ['a', 'b'] (options inside parentheses are not applied). */
export function expandedNames(expand: string | undefined, allowed: string[], type: string): string[] {
  if (!expand) return [];
  const names = expand
    .split(/,(?![^(]*\))/)
    .map((part) => part.trim().replace(/\(.*\)$/, ''))
    .filter(Boolean);
  for (const name of names)
    if (!allowed.includes(name))
      throw graphErrors.badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`,
      );
  return names;
}

/** Adds `@odata.etag` to the live items of a delta page (To Do items carry it, like Outlook's). */
export function withEtags(
  page: Record<string, unknown>,
  items: Record<string, Item>,
): Record<string, unknown> {
  const value = (page.value as Record<string, unknown>[]).map((v) =>
    '@removed' in v ? v : { '@odata.etag': etagOf(items[v.id as string]!), ...v },
  );
  return { ...page, value };
}
