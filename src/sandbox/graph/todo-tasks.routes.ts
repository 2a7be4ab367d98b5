import type { RecurrenceInput } from '../../platform/time/recurrence.js';
import type { Item } from '../store/model.js';
import { deltaPage } from './delta.js';
import type { GraphContext, GraphResult, GraphRoute } from './graph-route.js';
import { pageOf, present } from './odata.js';
import {
  checkIfMatch,
  contextOf,
  etagOf,
  expandedNames,
  listOf,
  mailboxOf,
  route,
  taskOf,
  TASKS_READ,
  TASKS_WRITE,
  todoErrors,
  withEtags,
} from './todo-common.js';
import { nextOccurrenceAfter } from './todo-recurrence.js';
import { checkTaskBody, createDefaults, taskCopy, taskView } from './todo-shapes.js';
import {
  completedOn,
  daysBetween,
  localDate,
  shiftDays,
  todayUtc,
  type DateTimeTimeZone,
} from './todo-time.js';

type Json = Record<string, unknown>;
const NAVIGATIONS = ['linkedResources', 'checklistItems'];
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The task as Graph returns it, with `$select` and the `$expand`ed (or echoed) navigations. */
function shown(ctx: GraphContext, item: Item, navigations: string[]): Json {
  const body: Json = {
    '@odata.etag': etagOf(item),
    ...present(taskView(ctx, item), { select: ctx.query.select }),
  };
  for (const name of navigations) body[name] = (item[`_${name}`] as Json[] | undefined) ?? [];
  return body;
}

function showTask(ctx: GraphContext, item: Item, status = 200, echoed: string[] = []): GraphResult {
  const navigations = [...new Set([...expandedNames(ctx.query.expand, NAVIGATIONS, 'todoTask'), ...echoed])];
  return {
    status,
    body: {
      '@odata.context': contextOf(ctx, `todo/lists('${item._parent}')/tasks/$entity`),
      ...shown(ctx, item, navigations),
    },
  };
}

/** `completedDateTime` follows `status`: stamped (midnight UTC of today) on completion, cleared otherwise. */
function withCompletion(task: Json, fields: Json): Json {
  const patch = { ...fields };
  const status = fields.status ?? task.status ?? 'notStarted';
  if (status !== 'completed') {
    if (task.completedDateTime !== undefined || 'completedDateTime' in fields)
      patch.completedDateTime = undefined;
  } else if (task.status !== 'completed' && !fields.completedDateTime) {
    patch.completedDateTime = completedOn(todayUtc());
  }
  return patch;
}

/**
 * Completing a recurring task, as To Do does: the task keeps its id and moves on to the next
 * occurrence (due date advanced, reminder shifted with it, status back to notStarted) while a
 * completed copy with a new id records the occurrence done. When the series has no next
 * occurrence the task simply completes. [I: RogerSelwyn/MS365-ToDo#62, #25; thobach/MMM-MicrosoftToDo#51]
 */
function regenerated(ctx: GraphContext, task: Item, patch: Json): Json {
  const merged = { ...task, ...patch } as Item;
  if (
    patch.status !== 'completed' ||
    task.status === 'completed' ||
    !merged.recurrence ||
    !merged.dueDateTime
  )
    return patch;
  const due = merged.dueDateTime as DateTimeTimeZone;
  const next = nextOccurrenceAfter(merged.recurrence as RecurrenceInput, localDate(due));
  if (!next) return patch;
  const copy = taskCopy(merged, true);
  for (const key of ['recurrence', 'createdDateTime', 'lastModifiedDateTime']) delete copy[key];
  ctx.store.create(mailboxOf(ctx), 'todoTasks', { ...copy, isReminderOn: false }, task._parent);
  const days = daysBetween(localDate(due), next);
  const reminder = merged.reminderDateTime as DateTimeTimeZone | undefined;
  return {
    ...patch,
    status: 'notStarted',
    completedDateTime: undefined,
    dueDateTime: shiftDays(due, days),
    ...(reminder ? { reminderDateTime: shiftDays(reminder, days) } : {}),
  };
}

function createTask(ctx: GraphContext, listId: string): GraphResult {
  listOf(ctx, listId);
  const { fields, inline } = checkTaskBody(ctx.body!, true);
  const data: Json = { ...createDefaults(), ...withCompletion({}, fields) };
  for (const [name, children] of Object.entries(inline)) data[`_${name}`] = children;
  const item = ctx.store.create(mailboxOf(ctx), 'todoTasks', data, listId);
  return showTask(ctx, item, 201, Object.keys(inline));
}

function updateTask(ctx: GraphContext, task: Item): GraphResult {
  checkIfMatch(ctx, task);
  const { fields } = checkTaskBody(ctx.body!, false);
  const patch = regenerated(ctx, task, withCompletion(task, fields));
  if ('body' in fields) patch.bodyLastModifiedDateTime = now();
  return showTask(ctx, ctx.store.update(mailboxOf(ctx), 'todoTasks', task.id, patch));
}

/** `$filter` on a list's tasks: `status eq|ne '…'` and date comparisons on the timestamps, joined by `and`. */
function taskFilter(filter: string): (item: Item) => boolean {
  const tests = filter.split(/\s+and\s+/i).map((clause) => {
    const byStatus = /^status\s+(eq|ne)\s+'(\w+)'$/i.exec(clause.trim());
    if (byStatus)
      return (i: Item) =>
        ((i.status ?? 'notStarted') === byStatus[2]) === (byStatus[1]!.toLowerCase() === 'eq');
    const byTime = /^(createdDateTime|lastModifiedDateTime)\s+(ge|gt|le|lt)\s+(\S+)$/i.exec(clause.trim());
    if (!byTime || Number.isNaN(Date.parse(byTime[3]!)))
      throw todoErrors.invalid(`The filter clause '${clause.trim()}' is not supported.`);
    const [, field, op, value] = byTime;
    const at = Date.parse(value!);
    return (i: Item) => {
      const t = Date.parse(String(i[field!]));
      return { ge: t >= at, gt: t > at, le: t <= at, lt: t < at }[op!.toLowerCase() as 'ge']!;
    };
  });
  return (item) => tests.every((t) => t(item));
}

function listTasks(ctx: GraphContext, listId: string): GraphResult {
  listOf(ctx, listId);
  const navigations = expandedNames(ctx.query.expand, NAVIGATIONS, 'todoTask');
  let items = ctx.store.live(mailboxOf(ctx), 'todoTasks', listId);
  if (ctx.query.filter) items = items.filter(taskFilter(ctx.query.filter));
  return {
    status: 200,
    body: pageOf(
      ctx,
      items.map((i) => shown(ctx, i, navigations)),
    ),
  };
}

/**
 * Delta of a list's tasks: rounds, paging (`$top` or `Prefer: odata.maxpagesize`), `$select`,
 * `$expand` of the task's navigations (FACTS §4: `$select`, `$top`, `$expand` supported), `@removed`.
 */
function tasksDelta(ctx: GraphContext, listId: string): GraphResult {
  listOf(ctx, listId);
  // An unknown navigation is refused on the first call; later pages carry the checked `$expand`.
  if (!ctx.query.skiptoken && !ctx.query.deltatoken) expandedNames(ctx.query.expand, NAVIGATIONS, 'todoTask');
  const expand = (item: Item, names: string): Json =>
    Object.fromEntries(
      expandedNames(names, NAVIGATIONS, 'todoTask').map((n) => [
        n,
        (item[`_${n}`] as Json[] | undefined) ?? [],
      ]),
    );
  const tasks = mailboxOf(ctx).todoTasks;
  const items = Object.values(tasks)
    .filter((t) => t._parent === listId)
    .map((t) => (t._deleted ? t : taskView(ctx, t)));
  const body = deltaPage(ctx, `todoTasks:${listId}`, items, {
    etag: false,
    defaultSize: ctx.query.top,
    expand,
  });
  return { status: 200, body: withEtags(body, tasks) };
}

const TASKS = '/todo/lists/{list}/tasks';
const task = (ctx: GraphContext) => taskOf(ctx, ctx.params.list!, ctx.params.task!);

export const todoTaskRoutes: GraphRoute[] = [
  route('GET', TASKS, TASKS_READ, (ctx) => listTasks(ctx, ctx.params.list!)),
  route('POST', TASKS, TASKS_WRITE, (ctx) => createTask(ctx, ctx.params.list!)),
  route('GET', `${TASKS}/delta`, TASKS_READ, (ctx) => tasksDelta(ctx, ctx.params.list!)),
  route('GET', `${TASKS}/{task}`, TASKS_READ, (ctx) => showTask(ctx, task(ctx))),
  route('PATCH', `${TASKS}/{task}`, TASKS_WRITE, (ctx) => updateTask(ctx, task(ctx))),
  route('DELETE', `${TASKS}/{task}`, TASKS_WRITE, (ctx) => {
    const item = task(ctx);
    checkIfMatch(ctx, item);
    ctx.store.remove(mailboxOf(ctx), 'todoTasks', item.id);
    return { status: 204 };
  }),
];
