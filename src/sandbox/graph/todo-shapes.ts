import { randomUUID } from 'node:crypto';
import type { Item } from '../store/model.js';
import type { GraphContext } from './graph-route.js';
import { todoErrors, withoutReadOnly } from './todo-common.js';
import { checkRecurrence } from './todo-recurrence.js';
import {
  completedOn,
  dueDate,
  inZone,
  localDate,
  parseDateTimeTimeZone,
  TASK_DATE_FIELDS,
  type DateTimeTimeZone,
} from './todo-time.js';

/**
 * The importance a task created without one gets. UNVERIFIED (FACTS §4): Microsoft's create example
 * shows `low`, tasks read back from real mailboxes show `normal` (the Exchange default); the sandbox
 * uses `normal`. Change it here if the service is shown to do otherwise.
 */
export const DEFAULT_TASK_IMPORTANCE = 'normal';

const IMPORTANCE = ['low', 'normal', 'high'];
const STATUS = ['notStarted', 'inProgress', 'completed', 'waitingOnOthers', 'deferred'];
/** Writable todoTask properties [OAS: microsoft.graph.todoTask]; the navigations go through their own routes. */
const TASK_PROPERTIES = new Set<string>([
  'title',
  'body',
  'categories',
  'importance',
  'status',
  'isReminderOn',
  'recurrence',
  ...TASK_DATE_FIELDS,
]);
const TASK_READ_ONLY = new Set([
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'bodyLastModifiedDateTime',
  'hasAttachments',
]);
/** Navigations a create may carry inline (deep insert; FACTS §4 create example). */
const TASK_INLINE = new Set(['linkedResources', 'checklistItems']);
const LINKED_RESOURCE_PROPERTIES = new Set(['webUrl', 'applicationName', 'displayName', 'externalId']);
const CHECKLIST_PROPERTIES = new Set(['displayName', 'isChecked', 'checkedDateTime']);
const CHILD_READ_ONLY = new Set(['id', 'createdDateTime']);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkBodyValue(value: unknown): Json {
  if (!isObject(value)) throw todoErrors.badValue(value, 'itemBody', 'body');
  const { content, contentType, ...rest } = value;
  for (const key of Object.keys(rest))
    if (!key.startsWith('@odata.')) throw todoErrors.unknownMember(key, 'ItemBody', `body.${key}`);
  if (content !== undefined && content !== null && typeof content !== 'string')
    throw todoErrors.badValue(content, 'String', 'body.content');
  if (contentType !== undefined && contentType !== 'text' && contentType !== 'html')
    throw todoErrors.badValue(contentType, 'bodyType', 'body.contentType');
  return { content: content ?? '', contentType: contentType ?? 'text' };
}

function checkDate(key: string, value: unknown): DateTimeTimeZone | undefined {
  if (value === null) return undefined;
  const parsed = parseDateTimeTimeZone(value, key);
  if (key === 'dueDateTime') return dueDate(parsed);
  if (key === 'completedDateTime') return completedOn(localDate(parsed));
  return parsed;
}

function checkTaskValue(key: string, value: unknown): unknown {
  if ((TASK_DATE_FIELDS as readonly string[]).includes(key)) return checkDate(key, value);
  switch (key) {
    case 'title':
      if (value !== null && typeof value !== 'string') throw todoErrors.badValue(value, 'String', key);
      return value;
    case 'body':
      return checkBodyValue(value);
    case 'categories':
      if (!Array.isArray(value) || value.some((c) => typeof c !== 'string'))
        throw todoErrors.badValue(value, 'String[]', key);
      return value;
    case 'importance':
    case 'status':
      if (typeof value !== 'string' || !(key === 'status' ? STATUS : IMPORTANCE).includes(value))
        throw todoErrors.badValue(value, key === 'status' ? 'taskStatus' : 'importance', key);
      return value;
    case 'isReminderOn':
      if (typeof value !== 'boolean') throw todoErrors.badValue(value, 'Boolean', key);
      return value;
    default:
      return checkRecurrence(value) ?? undefined;
  }
}

/**
 * A task body checked against the todoTask schema and normalised as To Do stores it (due date kept
 * as a date, completion date as midnight UTC). Read-only members are ignored, unknown ones refused;
 * `linkedResources`/`checklistItems` are accepted inline on create only.
 */
export function checkTaskBody(body: Json, create: boolean): { fields: Json; inline: Json } {
  const fields: Json = {};
  const inline: Json = {};
  for (const [key, value] of withoutReadOnly(body, TASK_READ_ONLY)) {
    if (create && TASK_INLINE.has(key)) {
      if (!Array.isArray(value)) throw todoErrors.badValue(value, `${key}[]`, key);
      inline[key] = value.map((v, i) =>
        key === 'linkedResources'
          ? newLinkedResource(v, `${key}[${i}]`)
          : newChecklistItem(v, `${key}[${i}]`),
      );
      continue;
    }
    if (!TASK_PROPERTIES.has(key)) throw todoErrors.unknownMember(key, 'TodoTask');
    fields[key] = checkTaskValue(key, value);
  }
  return { fields, inline };
}

function checkChild(body: unknown, allowed: Set<string>, type: string, path: string): Json {
  if (!isObject(body)) throw todoErrors.badValue(body, type, path);
  const out: Json = {};
  for (const [key, value] of withoutReadOnly(body, CHILD_READ_ONLY)) {
    if (!allowed.has(key)) throw todoErrors.unknownMember(key, type, path ? `${path}.${key}` : key);
    const bool = key === 'isChecked';
    const ok = value === null || (bool ? typeof value === 'boolean' : typeof value === 'string');
    if (!ok) throw todoErrors.badValue(value, bool ? 'Boolean' : 'String', path ? `${path}.${key}` : key);
    out[key] = value;
  }
  return out;
}

/** linkedResource members; `externalId` is kept byte for byte (Tandem keeps its CRM id there). */
export function checkLinkedResource(body: unknown, path = ''): Json {
  return checkChild(body, LINKED_RESOURCE_PROPERTIES, 'LinkedResource', path);
}

export function newLinkedResource(body: unknown, path = ''): Json {
  return { id: randomUUID(), ...checkLinkedResource(body, path) };
}

/** checklistItem members; checking an item stamps `checkedDateTime`, unchecking clears it. */
export function checkChecklistItem(body: unknown, path = ''): Json {
  const out = checkChild(body, CHECKLIST_PROPERTIES, 'ChecklistItem', path);
  if (out.isChecked === true && out.checkedDateTime === undefined)
    out.checkedDateTime = new Date().toISOString();
  if (out.isChecked === false) out.checkedDateTime = undefined;
  return out;
}

export function newChecklistItem(body: unknown, path = ''): Json {
  const item = checkChecklistItem(body, path);
  if (typeof item.displayName !== 'string' || !item.displayName)
    throw todoErrors.invalid(`A checklist item needs a displayName${path ? ` (${path})` : ''}.`);
  return { id: randomUUID(), createdDateTime: new Date().toISOString(), isChecked: false, ...item };
}

/** What To Do fills in on create (FACTS §4): status, importance, reminder flag, empty body and categories. */
export function createDefaults(): Json {
  return {
    importance: DEFAULT_TASK_IMPORTANCE,
    isReminderOn: false,
    status: 'notStarted',
    hasAttachments: false,
    categories: [],
    body: { content: '', contentType: 'text' },
  };
}

/**
 * A stored task as Graph shows it: create defaults under the stored values, due and completion
 * dates as To Do keeps them (seeded tasks were written as a client POSTs them), and every
 * dateTimeTimeZone in the preferred zone or UTC.
 */
export function taskView(ctx: GraphContext, item: Item): Item {
  const view: Item = { ...createDefaults(), bodyLastModifiedDateTime: item.createdDateTime, ...item };
  for (const key of TASK_DATE_FIELDS) {
    let value = item[key] as DateTimeTimeZone | undefined;
    if (!value) continue;
    if (key === 'dueDateTime') value = dueDate(value);
    if (key === 'completedDateTime') value = completedOn(localDate(value));
    view[key] = inZone(value, ctx.prefer.timeZone);
  }
  return view;
}

/** A task's data for a new item: bookkeeping removed; `freshChildren` gives its children new ids. */
export function taskCopy(item: Item, freshChildren: boolean): Json {
  const { id: _id, _seq, _parent, _deleted, ...data } = item;
  if (freshChildren) {
    for (const key of ['_linkedResources', '_checklistItems'])
      data[key] = ((data[key] as Json[] | undefined) ?? []).map((c) => ({ ...c, id: randomUUID() }));
  }
  return data;
}
