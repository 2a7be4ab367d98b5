import type { FieldIssue } from '../../platform/errors/app-error.js';
import {
  catalogEntries,
  InvalidMappingError,
  mappingIssue,
  mappingIssues,
  type MappingRules,
} from '../engine/field-mapping.js';
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
export const GRAPH_TASK_FIELDS = {
  title: { label: 'Title (title)', kind: 'text' },
  body: { label: 'Notes (body)', kind: 'text' },
  dueDateTime: { label: 'Due date (dueDateTime)', kind: 'date' },
  startDateTime: { label: 'Start date (startDateTime)', kind: 'date' },
  reminderDateTime: { label: 'Reminder (isReminderOn, reminderDateTime)', kind: 'reminder' },
  status: { label: 'Status (status)', kind: 'status' },
  importance: { label: 'Importance (importance)', kind: 'importance' },
  recurrence: { label: 'Recurrence (recurrence)', kind: 'recurrence' },
} as const satisfies Record<string, { label: string; kind: TaskFieldKind }>;
export type GraphTaskField = keyof typeof GRAPH_TASK_FIELDS;

export type TaskMapping = Partial<Record<CrmTaskField, GraphTaskField>>;

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
export const GRAPH_TASK_SELECT = [
  'id',
  'lastModifiedDateTime',
  'isReminderOn',
  ...Object.keys(GRAPH_TASK_FIELDS),
].join(',');

const RULES: MappingRules = {
  crm: CRM_TASK_FIELDS,
  graph: GRAPH_TASK_FIELDS,
  recordNoun: 'task',
  graphNoun: 'To Do',
  whole: (mapping) =>
    mapping.subject === 'title'
      ? []
      : [mappingIssue('subject', 'subject_required', 'the subject always syncs, to the task title')],
};

/** The problems of a mapping, one per offending field; empty when it is valid. */
export const taskMappingIssues = (mapping: Record<string, unknown>): FieldIssue[] =>
  mappingIssues(mapping, RULES);

/** Returns the mapping typed, or throws {@link InvalidMappingError} (400 `invalid_mapping`). */
export function validateTaskMapping(mapping: Record<string, unknown>): TaskMapping {
  const issues = taskMappingIssues(mapping);
  if (issues.length) throw new InvalidMappingError(issues, 'The task field mapping is not valid.');
  return { ...(mapping as TaskMapping) };
}

/** The catalog the Sync tab's mapping and options editors show (`SyncService.catalog('tasks')`). */
export function taskFieldCatalog(): FieldCatalog {
  return {
    module: 'tasks',
    crmFields: catalogEntries(CRM_TASK_FIELDS),
    graphFields: catalogEntries(GRAPH_TASK_FIELDS),
    defaultMapping: { ...DEFAULT_TASK_MAPPING },
    options: optionCatalog(),
  };
}
