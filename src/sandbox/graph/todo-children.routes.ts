import type { Item } from '../store/model.js';
import { graphErrors } from './graph-error.js';
import type { GraphContext, GraphResult, GraphRoute } from './graph-route.js';
import { pageOf, present } from './odata.js';
import { contextOf, mailboxOf, route, taskOf, TASKS_READ, TASKS_WRITE } from './todo-common.js';
import {
  checkChecklistItem,
  checkLinkedResource,
  newChecklistItem,
  newLinkedResource,
} from './todo-shapes.js';

type Json = Record<string, unknown>;

/**
 * A navigation of a task kept inside the task (`_linkedResources`, `_checklistItems`): a change to a
 * child is a change to the task (new etag, lastModifiedDateTime, a delta entry), and deleting or
 * moving the task takes its children along.
 */
interface ChildKind {
  name: 'linkedResources' | 'checklistItems';
  create: (body: unknown) => Json;
  check: (body: unknown) => Json;
}

const KINDS: ChildKind[] = [
  { name: 'linkedResources', create: newLinkedResource, check: checkLinkedResource },
  { name: 'checklistItems', create: newChecklistItem, check: checkChecklistItem },
];

const taskIn = (ctx: GraphContext) => taskOf(ctx, ctx.params.list!, ctx.params.task!);
const childrenOf = (task: Item, kind: ChildKind) => (task[`_${kind.name}`] as Json[] | undefined) ?? [];

function childOf(ctx: GraphContext, kind: ChildKind): { task: Item; child: Json } {
  const task = taskIn(ctx);
  const child = childrenOf(task, kind).find((c) => c.id === ctx.params.child);
  if (!child) throw graphErrors.notFound();
  return { task, child };
}

function save(ctx: GraphContext, task: Item, kind: ChildKind, children: Json[]): void {
  ctx.store.update(mailboxOf(ctx), 'todoTasks', task.id, { [`_${kind.name}`]: children });
}

function showChild(ctx: GraphContext, task: Item, kind: ChildKind, child: Json, status = 200): GraphResult {
  const tail = `todo/lists('${task._parent}')/tasks('${task.id}')/${kind.name}/$entity`;
  return {
    status,
    body: { '@odata.context': contextOf(ctx, tail), ...present(child as Item, { select: ctx.query.select }) },
  };
}

function routesOf(kind: ChildKind): GraphRoute[] {
  const base = `/todo/lists/{list}/tasks/{task}/${kind.name}`;
  return [
    route('GET', base, TASKS_READ, (ctx) => {
      const items = childrenOf(taskIn(ctx), kind).map((c) =>
        present(c as Item, { select: ctx.query.select }),
      );
      return { status: 200, body: pageOf(ctx, items) };
    }),
    route('POST', base, TASKS_WRITE, (ctx) => {
      const task = taskIn(ctx);
      const child = kind.create(ctx.body);
      save(ctx, task, kind, [...childrenOf(task, kind), child]);
      return showChild(ctx, task, kind, child, 201);
    }),
    route('GET', `${base}/{child}`, TASKS_READ, (ctx) => {
      const { task, child } = childOf(ctx, kind);
      return showChild(ctx, task, kind, child);
    }),
    route('PATCH', `${base}/{child}`, TASKS_WRITE, (ctx) => {
      const { task, child } = childOf(ctx, kind);
      const updated = { ...child, ...kind.check(ctx.body) };
      save(
        ctx,
        task,
        kind,
        childrenOf(task, kind).map((c) => (c.id === child.id ? updated : c)),
      );
      return showChild(ctx, task, kind, updated);
    }),
    route('DELETE', `${base}/{child}`, TASKS_WRITE, (ctx) => {
      const { task, child } = childOf(ctx, kind);
      save(
        ctx,
        task,
        kind,
        childrenOf(task, kind).filter((c) => c.id !== child.id),
      );
      return { status: 204 };
    }),
  ];
}

/** `…/tasks/{id}/linkedResources[/{id}]` and `…/tasks/{id}/checklistItems[/{id}]`. */
export const todoChildRoutes: GraphRoute[] = KINDS.flatMap(routesOf);
