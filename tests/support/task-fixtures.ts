import { and, eq, isNull, sql } from 'drizzle-orm';
import { tasks } from '../../src/crm/tasks/task.table.js';
import type { Fields } from '../../src/crm/shared/record.definition.js';
import type { Database } from '../../src/platform/db/database.js';
import { rngFor } from '../../src/sandbox/seed/prng.js';
import { instantOf, normalRecurrence, todoDateOf, crmDateOf } from '../../src/sync/todo/task-time.js';
import { DEFAULT_VALUE_MAPS, type CrmPriority, type CrmStatus } from '../../src/sync/todo/task-values.js';
import { compareItems, type SideDiff } from './sync-fixtures.js';

/**
 * Bulk tasks for the sync fault tests and the benchmark: deterministic generation, the same task as
 * a CRM record and as a To Do task, and a field-by-field comparison of the two sides (title, due
 * date, importance, status, reminder, recurrence). No test-framework imports.
 */

export interface BulkTask {
  /** Carries the batch tag and index: no two tasks share a title. */
  title: string;
  /** Calendar date `YYYY-MM-DD`, or null. */
  due: string | null;
  /** Time of day of the CRM due value (To Do keeps only the date). */
  dueTime: string;
  priority: CrmPriority;
  status: CrmStatus;
  /** UTC instant `YYYY-MM-DDTHH:mm:ss`, or null. */
  reminder: string | null;
  recurrence: { pattern: Record<string, unknown>; range: Record<string, unknown> } | null;
}

const VERBS = ['Call', 'Email', 'Send quote to', 'Follow up with', 'Prepare deck for', 'Visit'];
const COMPANIES = ['Northwind', 'Litware', 'Adatum', 'Tailspin', 'Woodgrove', 'Proseware', 'Lamna'];
const PRIORITIES: CrmPriority[] = ['highest', 'high', 'normal', 'low', 'lowest'];
/** Seeded statuses: "waiting" is left for the edits, so that they can be counted. */
const STATUSES: CrmStatus[] = ['notStarted', 'inProgress', 'deferred', 'completed'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * `count` tasks of a named batch, the same for the same seed. One in ten recurs (daily or weekly on
 * its due date's weekday, not completed), a third have a reminder, one in eight has no due date.
 */
export function bulkTasks(seed: number, tag: string, count: number): BulkTask[] {
  const rng = rngFor(seed, `bulk-tasks:${tag}`);
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(6, '0');
    const day = new Date(Date.UTC(2027, 0, 1 + rng.int(0, 360)));
    const recurs = i % 10 === 3;
    const due = recurs || i % 8 !== 5 ? day.toISOString().slice(0, 10) : null;
    const reminder =
      due && rng.int(0, 2) === 0 ? `${due}T${String(rng.int(7, 18)).padStart(2, '0')}:30:00` : null;
    const weekly = rng.int(0, 1) === 1;
    return {
      title: `${rng.pick(VERBS)} ${rng.pick(COMPANIES)} ${tag}${n}`,
      due,
      dueTime: rng.int(0, 1) ? '00:00:00' : '17:30:00',
      priority: rng.pick(PRIORITIES),
      status: recurs ? 'notStarted' : rng.pick(STATUSES),
      reminder,
      recurrence:
        recurs && due
          ? {
              pattern: weekly
                ? { type: 'weekly', interval: 1, daysOfWeek: [DAYS[day.getUTCDay()]!] }
                : { type: 'daily', interval: rng.int(1, 3) },
              range: { type: 'noEnd', startDate: due },
            }
          : null,
    };
  });
}

/** The task as the CRM record API takes it (`RecordService.create` fields). */
export function crmTaskFieldsOf(t: BulkTask): Fields {
  return {
    subject: t.title,
    due: t.due ? { dateTime: `${t.due}T${t.dueTime}`, timeZone: 'UTC' } : null,
    priority: t.priority,
    status: t.status,
    reminder: t.reminder ? { dateTime: t.reminder, timeZone: 'UTC' } : null,
    recurrence: t.recurrence,
  };
}

/** The task as a To Do client POSTs it (`todoTask` resource). */
export function todoTaskOf(t: BulkTask): Record<string, unknown> {
  return {
    title: t.title,
    ...(t.due ? { dueDateTime: { dateTime: `${t.due}T00:00:00`, timeZone: 'UTC' } } : {}),
    importance: DEFAULT_VALUE_MAPS.importance[t.priority],
    status: DEFAULT_VALUE_MAPS.todoStatus[t.status],
    ...(t.reminder
      ? { isReminderOn: true, reminderDateTime: { dateTime: t.reminder, timeZone: 'UTC' } }
      : {}),
    ...(t.recurrence ? { recurrence: t.recurrence } : {}),
  };
}

/** The fields both sides carry under the default mapping, in To Do's terms. */
export interface ComparableTask {
  title: string | null;
  due: string | null;
  importance: string | null;
  status: string | null;
  /** UTC instant, or null when there is none (or To Do's is off). */
  reminder: string | null;
  /** The recurrence's used members as JSON, or null. */
  recurrence: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const recurrenceText = (v: unknown): string | null => {
  const r = normalRecurrence(v);
  return r ? JSON.stringify(r) : null;
};

type CrmTaskRow = typeof tasks.$inferSelect;

export function comparableFromCrmTask(row: CrmTaskRow): ComparableTask {
  return {
    title: text(row.subject),
    due: crmDateOf(row.due),
    importance: DEFAULT_VALUE_MAPS.importance[row.priority],
    status: DEFAULT_VALUE_MAPS.todoStatus[row.status],
    reminder: instantOf(row.reminder),
    recurrence: recurrenceText(row.recurrence),
  };
}

export function comparableFromTodo(item: Record<string, unknown>): ComparableTask {
  return {
    title: text(item.title),
    due: todoDateOf(item.dueDateTime),
    importance: text(item.importance),
    status: text(item.status),
    reminder: item.isReminderOn === true ? instantOf(item.reminderDateTime) : null,
    recurrence: recurrenceText(item.recurrence),
  };
}

/** Compares two sets of tasks keyed by title (the generated data makes it unique). */
export const compareTasks = (left: ComparableTask[], right: ComparableTask[]): SideDiff =>
  compareItems(left, right, (t) => t.title ?? '');

/** The live CRM tasks a member owns, read as the database holds them. */
export async function crmTaskRows(db: Database, orgId: string, ownerId: string): Promise<CrmTaskRow[]> {
  return db.scoped(orgId, (tx) =>
    tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.orgId, orgId), eq(tasks.ownerId, ownerId), isNull(tasks.deletedAt))),
  );
}

/** How many live CRM tasks a member owns (a count in the database). */
export async function countCrmTasks(db: Database, orgId: string, ownerId: string): Promise<number> {
  const [row] = await db.scoped(orgId, (tx) =>
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(tasks)
      .where(and(eq(tasks.orgId, orgId), eq(tasks.ownerId, ownerId), isNull(tasks.deletedAt))),
  );
  return row?.n ?? 0;
}

/** The live CRM tasks of an organisation with this subject. */
export async function crmTasksBySubject(db: Database, orgId: string, subject: string): Promise<CrmTaskRow[]> {
  return db.scoped(orgId, (tx) =>
    tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.orgId, orgId), eq(tasks.subject, subject), isNull(tasks.deletedAt))),
  );
}
