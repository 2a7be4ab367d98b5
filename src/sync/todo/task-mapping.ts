import { AppError, type FieldIssue } from '../../platform/errors/app-error.js';
import type { FieldCatalog } from '../engine/sync-contract.js';
import { optionCatalog } from './task-values.js';

/**
 * The tasks field catalog (PRODUCT §3 Tasks: field mapping with defaults, editable per user). A
 * mapping is `{ crmField: todoProperty }`; a CRM field left out does not sync. Each CRM field maps
 * only to a To Do property of its kind; the task's subject always syncs (both sides need a title).
 */
export type TaskFieldKind = 'text' | 'date' | 'reminder' | 'status' | 'importance' | 'recurrence';

export const CRM_TASK_FIELDS = {
  subject: { label: 'Subject', kind: 'text' },
  body: { label: 'Description', kind: 'text' },
  due: { label: 'Due date', kind: 'date' },
  reminder: { label: 'Reminder', kind: 'reminder' },
  status: { label: 'Status', kind: 'status' },
  priority: { label: 'Priority', kind: 'importance' },
  recurrence: { label: 'Recurrence', kind: 'recurrence' },
} as const satisfies Record<string, { label: string; kind: TaskFieldKind }>;
export type CrmTaskField = keyof typeof CRM_TASK_FIELDS;

/** Writable todoTask properties (FACTS §4) Tandem maps; a reminder is `isReminderOn` + `reminderDateTime`. */
export const TODO_TASK_FIELDS = {
  title: { label: 'Title (title)', kind: 'text' },
  body: { label: 'Notes (body)', kind: 'text' },
  dueDateTime: { label: 'Due date (dueDateTime)', kind: 'date' },
  startDateTime: { label: 'Start date (startDateTime)', kind: 'date' },
  reminderDateTime: { label: 'Reminder (isReminderOn, reminderDateTime)', kind: 'reminder' },
  status: { label: 'Status (status)', kind: 'status' },
  importance: { label: 'Importance (importance)', kind: 'importance' },
  recurrence: { label: 'Recurrence (recurrence)', kind: 'recurrence' },
} as const satisfies Record<string, { label: string; kind: TaskFieldKind }>;
export type TodoTaskField = keyof typeof TODO_TASK_FIELDS;

export type TaskMapping = Partial<Record<CrmTaskField, TodoTaskField>>;

export const DEFAULT_TASK_MAPPING: Readonly<TaskMapping> = Object.freeze({
  subject: 'title',
  body: 'body',
  due: 'dueDateTime',
  reminder: 'reminderDateTime',
  status: 'status',
  priority: 'importance',
  recurrence: 'recurrence',
});

/** Every mappable property plus what the engine reads: one `$select` whatever the mapping. */
export const TODO_SELECT = [
  'id',
  'lastModifiedDateTime',
  'isReminderOn',
  ...Object.keys(TODO_TASK_FIELDS),
].join(',');

const isCrmField = (name: string): name is CrmTaskField => Object.hasOwn(CRM_TASK_FIELDS, name);
const isTodoField = (name: string): name is TodoTaskField => Object.hasOwn(TODO_TASK_FIELDS, name);

/** A task mapping the user asked for that cannot work; `details.errors` names each offending field. */
export class InvalidTaskMappingError extends AppError {
  constructor(readonly issues: FieldIssue[]) {
    super({
      code: 'invalid_mapping',
      httpStatus: 400,
      userMessage: 'The task field mapping is not valid.',
      details: { errors: issues },
    });
  }
}

const issue = (field: string, code: string, detail: string): FieldIssue => ({
  pointer: field ? `/mapping/${field.replaceAll('~', '~0').replaceAll('/', '~1')}` : '/mapping',
  in: 'body',
  code,
  detail,
});

/** The problems of a mapping, one per offending field; empty when it is valid. */
export function taskMappingIssues(mapping: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const usedBy = new Map<string, string>();
  for (const [crmField, todoField] of Object.entries(mapping)) {
    if (!isCrmField(crmField)) {
      issues.push(issue(crmField, 'unknown_crm_field', `"${crmField}" is not a CRM task field`));
      continue;
    }
    if (typeof todoField !== 'string' || !isTodoField(todoField)) {
      issues.push(
        issue(crmField, 'unknown_graph_field', `${JSON.stringify(todoField)} is not a mappable To Do field`),
      );
      continue;
    }
    const first = usedBy.get(todoField);
    if (first !== undefined) {
      issues.push(
        issue(crmField, 'graph_field_mapped_twice', `"${todoField}" is already mapped to "${first}"`),
      );
      continue;
    }
    usedBy.set(todoField, crmField);
    const [from, to] = [CRM_TASK_FIELDS[crmField].kind, TODO_TASK_FIELDS[todoField].kind];
    if (from !== to)
      issues.push(
        issue(crmField, 'incompatible_types', `"${crmField}" holds a ${from}; "${todoField}" holds a ${to}`),
      );
  }
  if (!issues.length && mapping.subject !== 'title')
    issues.push(issue('subject', 'subject_required', 'the subject always syncs, to the task title'));
  return issues;
}

/** Returns the mapping typed, or throws {@link InvalidTaskMappingError} (400 `invalid_mapping`). */
export function validateTaskMapping(mapping: Record<string, unknown>): TaskMapping {
  const issues = taskMappingIssues(mapping);
  if (issues.length) throw new InvalidTaskMappingError(issues);
  return { ...(mapping as TaskMapping) };
}

/** The catalog the Sync tab's mapping and options editors show (`SyncService.catalog('tasks')`). */
export function taskFieldCatalog(): FieldCatalog {
  const entries = (fields: Record<string, { label: string }>) =>
    Object.entries(fields).map(([name, f]) => ({ name, label: f.label }));
  return {
    module: 'tasks',
    crmFields: entries(CRM_TASK_FIELDS),
    graphFields: entries(TODO_TASK_FIELDS),
    defaultMapping: { ...DEFAULT_TASK_MAPPING },
    options: optionCatalog(),
  };
}
