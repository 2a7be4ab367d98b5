import type { SyncValues } from '../engine/sync-resource.js';
import type { CrmTaskField, TaskMapping, GraphTaskField } from './task-mapping.js';
import {
  crmDate,
  crmDateOf,
  crmInstant,
  instantOf,
  normalRecurrence,
  todoDate,
  todoDateOf,
  todoInstant,
} from './task-time.js';
import type {
  CrmPriority,
  CrmStatus,
  TaskValueMaps,
  GraphImportance,
  GraphTaskStatus,
} from './task-values.js';

/**
 * Pure mapping between a To Do task and a CRM task. Values are keyed by CRM field, in the form the
 * merge compares (see task-time.ts): status and priority as the CRM value their To Do value maps
 * back to, so a CRM "highest" that To Do can only hold as "high" is not seen as a change.
 */

type Json = Record<string, unknown>;

/** The longest subject and description the CRM keeps. */
const SUBJECT_MAX = 255;
const BODY_MAX = 100_000;
/** The subject of a To Do task without a title (the CRM requires one). */
export const UNTITLED = '(untitled task)';

const stripNul = (s: string) => s.replaceAll('\u0000', '');
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? stripNul(v) : null);

/** A To Do body as text: an HTML body (set in Outlook) loses its markup. */
function bodyText(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { content, contentType } = body as { content?: unknown; contentType?: unknown };
  if (typeof content !== 'string') return null;
  if (contentType !== 'html') return text(content);
  return text(
    content
      .replace(/<(br|\/p|\/div)[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .trim(),
  );
}

/** The values a To Do task holds, for the mapped fields whose properties the payload carries. */
export function todoTaskValues(item: Json, mapping: TaskMapping, maps: TaskValueMaps): SyncValues {
  const values: SyncValues = {};
  for (const [field, prop] of Object.entries(mapping) as [CrmTaskField, GraphTaskField][]) {
    const reminder = field === 'reminder';
    if (!(prop in item) && !(reminder && 'isReminderOn' in item)) continue;
    const raw = item[prop];
    switch (field) {
      case 'subject':
      case 'body':
        values[field] = prop === 'body' ? bodyText(raw) : text(raw);
        break;
      case 'due':
        values.due = todoDateOf(raw);
        break;
      case 'reminder':
        values.reminder = item.isReminderOn === true ? instantOf(raw) : null;
        break;
      case 'status':
        values.status = maps.crmStatus[raw as GraphTaskStatus] ?? null;
        break;
      case 'priority':
        values.priority = maps.priority[raw as GraphImportance] ?? null;
        break;
      case 'recurrence':
        values.recurrence = normalRecurrence(raw);
    }
  }
  return values;
}

/** The values a CRM task holds, for the mapped fields. */
export function crmTaskValues(record: Json, mapping: TaskMapping, maps: TaskValueMaps): SyncValues {
  const values: SyncValues = {};
  for (const field of Object.keys(mapping) as CrmTaskField[]) {
    const raw = record[field];
    switch (field) {
      case 'subject':
      case 'body':
        values[field] = text(raw);
        break;
      case 'due':
        values.due = crmDateOf(raw);
        break;
      case 'reminder':
        values.reminder = instantOf(raw);
        break;
      case 'status':
        values.status = maps.crmStatus[maps.todoStatus[raw as CrmStatus]] ?? null;
        break;
      case 'priority':
        values.priority = maps.priority[maps.importance[raw as CrmPriority]] ?? null;
        break;
      case 'recurrence':
        values.recurrence = normalRecurrence(raw);
    }
  }
  return values;
}

/** The To Do properties writing `values` (only the mapped fields `values` holds). */
export function todoTaskBody(values: SyncValues, mapping: TaskMapping, maps: TaskValueMaps): Json {
  const body: Json = {};
  for (const [field, prop] of Object.entries(mapping) as [CrmTaskField, GraphTaskField][]) {
    if (!Object.hasOwn(values, field)) continue;
    const v = values[field];
    switch (field) {
      case 'subject':
      case 'body':
        if (prop === 'body') body.body = { content: typeof v === 'string' ? v : '', contentType: 'text' };
        else body[prop] = typeof v === 'string' ? v : '';
        break;
      case 'due':
        body[prop] = typeof v === 'string' ? todoDate(v) : null;
        break;
      case 'reminder':
        body.isReminderOn = typeof v === 'string';
        body.reminderDateTime = typeof v === 'string' ? todoInstant(v) : null;
        break;
      case 'status':
        if (typeof v === 'string') body.status = maps.todoStatus[v as CrmStatus];
        break;
      case 'priority':
        if (typeof v === 'string') body.importance = maps.importance[v as CrmPriority];
        break;
      case 'recurrence':
        body.recurrence = v ?? null;
    }
  }
  return body;
}

/**
 * The CRM fields writing `values` over `record` (undefined for a new task). What the record holds
 * stays when it means the same (a priority mapping to the same importance, a due date on the same
 * day, a reminder at the same instant): the zone and time of day a CRM value was given are kept.
 */
export function crmTaskFields(values: SyncValues, record: Json | undefined, maps: TaskValueMaps): Json {
  const fields: Json = {};
  const current = record ?? {};
  for (const [field, v] of Object.entries(values)) {
    switch (field as CrmTaskField) {
      case 'subject':
        fields.subject = (typeof v === 'string' && v.trim() ? v : UNTITLED).slice(0, SUBJECT_MAX);
        break;
      case 'body':
        fields.body = typeof v === 'string' ? v.slice(0, BODY_MAX) : null;
        break;
      case 'due':
        fields.due = crmDate(typeof v === 'string' ? v : null, current.due);
        break;
      case 'reminder': {
        const zone = (current.due as { timeZone?: string } | null | undefined)?.timeZone;
        fields.reminder = crmInstant(typeof v === 'string' ? v : null, current.reminder, zone);
        break;
      }
      case 'status': {
        const same = maps.crmStatus[maps.todoStatus[current.status as CrmStatus]] === v;
        fields.status = same ? current.status : (v ?? 'notStarted');
        break;
      }
      case 'priority': {
        const same = maps.priority[maps.importance[current.priority as CrmPriority]] === v;
        fields.priority = same ? current.priority : (v ?? 'normal');
        break;
      }
      case 'recurrence':
        fields.recurrence = v ?? null;
    }
  }
  if (!record && typeof fields.subject !== 'string') fields.subject = UNTITLED;
  return fields;
}

export function taskLabel(values: SyncValues): string {
  return typeof values.subject === 'string' && values.subject.trim() ? values.subject : UNTITLED;
}
