import { z } from 'zod';
import {
  dateTimeTimeZoneSchema,
  optionalText,
  recurrenceSchema,
  requiredText,
  uuidSchema,
} from '../shared/common.schema.js';
import type { RecordDefinition } from '../shared/record.definition.js';
import { TASK_PRIORITIES, TASK_STATUSES, tasks } from './task.table.js';

export const taskDefinition: RecordDefinition = {
  type: 'task',
  collection: 'tasks',
  module: 'tasks',
  title: 'Task',
  table: tasks,
  fields: {
    subject: requiredText(255),
    body: optionalText(100_000),
    due: dateTimeTimeZoneSchema.nullable().optional(),
    status: z.enum(TASK_STATUSES).default('notStarted'),
    priority: z.enum(TASK_PRIORITIES).default('normal'),
    reminder: dateTimeTimeZoneSchema.nullable().optional(),
    recurrence: recurrenceSchema.nullable().optional(),
    contactId: uuidSchema.nullable().optional(),
    leadId: uuidSchema.nullable().optional(),
    accountId: uuidSchema.nullable().optional(),
    dealId: uuidSchema.nullable().optional(),
  },
  readOnly: {
    completedAt: z.iso.datetime().nullable().meta({ description: 'Set when the status becomes completed.' }),
  },
  searchColumns: (t) => [(t as unknown as typeof tasks).subject],
  references: { contactId: 'contact', leadId: 'lead', accountId: 'account', dealId: 'deal' },
  finalize: (r, current) => ({
    issues: [],
    derived: {
      completedAt: r.status === 'completed' ? ((current?.completedAt as Date | null) ?? new Date()) : null,
    },
  }),
};
