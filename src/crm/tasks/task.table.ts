import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { recordColumns, recordConstraints } from '../shared/record.columns.js';
import { relatedColumns, relatedReferences } from '../shared/related.columns.js';
import type { DateTimeTimeZone, Recurrence } from '../shared/common.schema.js';

export const TASK_STATUSES = [
  'notStarted',
  'inProgress',
  'waitingForInput',
  'deferred',
  'completed',
] as const;
export const TASK_PRIORITIES = ['highest', 'high', 'normal', 'low', 'lowest'] as const;

export const tasks = pgTable(
  'tasks',
  {
    ...recordColumns(),
    subject: text('subject').notNull(),
    body: text('body'),
    due: jsonb('due').$type<DateTimeTimeZone>(),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('notStarted'),
    priority: text('priority', { enum: TASK_PRIORITIES }).notNull().default('normal'),
    reminder: jsonb('reminder').$type<DateTimeTimeZone>(),
    recurrence: jsonb('recurrence').$type<Recurrence>(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    ...relatedColumns(),
  },
  (t) => [...recordConstraints('tasks', t), ...relatedReferences('tasks', t)],
);
