import type { Contact, Importance, TaskStatus, TodoTask } from '@microsoft/microsoft-graph-types';
import type { Rng } from './prng.js';
import { isoDate, localDateTime, weekday } from './dates.js';
import { COMPANIES, type SeedLanguage } from './names.js';
import { PHRASES, fill } from './phrases.js';

export interface TaskSeedInput {
  count: number;
  language: SeedLanguage;
  /** The owner's zone: due dates and reminders are written in it. */
  timeZone: string;
  /** The Monday of the anchor week, as a day number. */
  monday: number;
  contacts: readonly Contact[];
  categoryPool: readonly string[];
}

const IMPORTANCE: readonly Importance[] = ['low', 'normal', 'high'];

/**
 * To Do tasks of the default list, in this order (the first `count` are kept): a weekly
 * recurring task with a reminder, a completed task, a task in progress with a reminder, then
 * tasks about contacts, mostly not started, due in the weeks around the anchor.
 */
export function seedTasks(rng: Rng, input: TaskSeedInput): TodoTask[] {
  const p = PHRASES[input.language];
  const zone = input.timeZone;
  const at = (day: number, minutes = 0) => ({ dateTime: localDateTime(day, minutes), timeZone: zone });
  const tasks: TodoTask[] = [];
  const friday = input.monday + 4;
  const plan: (() => TodoTask)[] = [
    () => ({
      title: p.recurringTask,
      body: { contentType: 'text', content: p.recurringTask },
      importance: 'normal',
      status: 'notStarted',
      dueDateTime: at(friday),
      isReminderOn: true,
      reminderDateTime: at(friday, 9 * 60),
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: [weekday(friday)], firstDayOfWeek: 'sunday' },
        range: { type: 'noEnd', startDate: isoDate(friday) },
      },
    }),
    () => ({
      ...aboutContact(rng, input),
      importance: 'normal',
      status: 'completed',
      dueDateTime: at(input.monday - 3),
      completedDateTime: at(input.monday - 4, 17 * 60),
    }),
    () => ({
      ...aboutContact(rng, input),
      importance: 'high',
      status: 'inProgress',
      dueDateTime: at(input.monday + 2),
      isReminderOn: true,
      reminderDateTime: at(input.monday + 2, 8 * 60 + 30),
    }),
  ];
  for (let i = 0; i < input.count; i++)
    tasks.push(plan[i]?.() ?? randomTask(rng, input, at, i - plan.length));
  return tasks;
}

function randomTask(
  rng: Rng,
  input: TaskSeedInput,
  at: (day: number, minutes?: number) => { dateTime: string; timeZone: string },
  ordinal: number,
): TodoTask {
  const due = input.monday + rng.int(-5, 20);
  // Mostly not started: one in five of the others is in progress or done.
  const status: TaskStatus =
    ordinal % 5 === 4 ? rng.pick(['inProgress', 'completed'] as const) : 'notStarted';
  const task: TodoTask = {
    ...aboutContact(rng, input),
    importance: rng.weighted(IMPORTANCE, [2, 6, 2]),
    status,
    dueDateTime: at(due),
  };
  if (status === 'completed') task.completedDateTime = at(due - rng.int(0, 2), 16 * 60);
  else if (rng.chance(0.4)) {
    task.isReminderOn = true;
    task.reminderDateTime = at(due - 1, 9 * 60);
  }
  if (input.categoryPool.length && rng.chance(0.15)) task.categories = [rng.pick(input.categoryPool)];
  return task;
}

function aboutContact(rng: Rng, input: TaskSeedInput): Pick<TodoTask, 'title' | 'body'> {
  const p = PHRASES[input.language];
  const withCompany = input.contacts.filter((c) => c.companyName);
  const contact = withCompany.length ? rng.pick(withCompany) : undefined;
  const fallback = rng.pick(COMPANIES);
  const company = contact?.companyName ?? fallback.name;
  const name = contact?.displayName ?? fallback.name;
  const city = COMPANIES.find((c) => c.name === company)?.city ?? fallback.city;
  return {
    title: fill(rng.pick(p.tasks), { company, name, city }),
    body: { contentType: 'text', content: fill(p.taskBody, { company, name }) },
  };
}
