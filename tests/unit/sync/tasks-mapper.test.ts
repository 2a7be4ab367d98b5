import assert from 'node:assert/strict';
import { DEFAULT_TASK_MAPPING, type TaskMapping } from '../../../src/sync/todo/task-mapping.js';
import {
  crmTaskFields,
  crmTaskValues,
  todoTaskBody,
  todoTaskValues,
  UNTITLED,
} from '../../../src/sync/todo/task.mapper.js';
import { DEFAULT_VALUE_MAPS, valueMapsOf } from '../../../src/sync/todo/task-values.js';

const mapping: TaskMapping = { ...DEFAULT_TASK_MAPPING };
const maps = DEFAULT_VALUE_MAPS;
/** What a body looks like after a trip through To Do (JSON in, UTC out, as Graph returns it). */
const echoed = (body: Record<string, unknown>) => JSON.parse(JSON.stringify(body)) as Record<string, unknown>;

describe('Tasks: mapper (pure)', () => {
  it('maps every CRM priority and status to To Do and back to a value that means the same', () => {
    const priorities = ['highest', 'high', 'normal', 'low', 'lowest'] as const;
    const expected = { highest: 'high', high: 'high', normal: 'normal', low: 'low', lowest: 'low' };
    for (const priority of priorities) {
      const values = crmTaskValues({ subject: 's', priority, status: 'notStarted' }, mapping, maps);
      const body = todoTaskBody(values, mapping, maps);
      assert.equal(body.importance, expected[priority], priority);
      assert.deepEqual(todoTaskValues(echoed(body), mapping, maps), values, `${priority} round-trips`);
      const written = crmTaskFields(todoTaskValues(echoed(body), mapping, maps), { priority }, maps);
      assert.equal(written.priority, priority, `${priority} is kept when To Do did not change it`);
    }
    const statuses = {
      notStarted: 'notStarted',
      inProgress: 'inProgress',
      waitingForInput: 'waitingOnOthers',
      deferred: 'deferred',
      completed: 'completed',
    } as const;
    for (const [crm, todo] of Object.entries(statuses)) {
      const body = todoTaskBody(crmTaskValues({ subject: 's', status: crm }, mapping, maps), mapping, maps);
      assert.equal(body.status, todo);
      assert.equal(crmTaskFields(todoTaskValues(body, mapping, maps), undefined, maps).status, crm);
    }
  });

  it('a changed To Do importance writes the mapped CRM priority; user value maps apply both ways', () => {
    const values = todoTaskValues({ title: 't', importance: 'high' }, mapping, maps);
    assert.equal(crmTaskFields(values, { priority: 'low' }, maps).priority, 'high');
    const mine = valueMapsOf({
      'importance.normal': 'low',
      'priority.low': 'lowest',
      'crmStatus.deferred': 'inProgress',
    });
    assert.equal(todoTaskBody({ priority: 'normal' }, mapping, mine).importance, 'low');
    assert.equal(
      crmTaskFields(todoTaskValues({ importance: 'low' }, mapping, mine), undefined, mine).priority,
      'lowest',
    );
    assert.equal(
      crmTaskFields(todoTaskValues({ status: 'deferred' }, mapping, mine), undefined, mine).status,
      'inProgress',
    );
  });

  it('a due date keeps the CRM zone and time of day; To Do gets the date', () => {
    const due = { dateTime: '2026-03-29T23:30:00', timeZone: 'Europe/Paris' };
    const values = crmTaskValues({ subject: 's', due }, mapping, maps);
    assert.equal(values.due, '2026-03-29');
    const body = todoTaskBody(values, mapping, maps);
    assert.deepEqual(body.dueDateTime, { dateTime: '2026-03-29T00:00:00', timeZone: 'UTC' });
    assert.deepEqual(crmTaskFields(todoTaskValues(body, mapping, maps), { due }, maps).due, due);
    // A date set in To Do in a zone east of UTC comes back as the evening before, in UTC.
    const paris = todoTaskValues(
      { dueDateTime: { dateTime: '2026-04-01T22:00:00.0000000', timeZone: 'UTC' } },
      mapping,
      maps,
    );
    assert.equal(paris.due, '2026-04-02');
    const honolulu = todoTaskValues(
      { dueDateTime: { dateTime: '2026-04-02T10:00:00.0000000', timeZone: 'UTC' } },
      mapping,
      maps,
    );
    assert.equal(honolulu.due, '2026-04-02');
    assert.deepEqual(crmTaskFields(paris, { due }, maps).due, {
      dateTime: '2026-04-02T23:30:00',
      timeZone: 'Europe/Paris',
    });
    assert.deepEqual(crmTaskFields(paris, undefined, maps).due, {
      dateTime: '2026-04-02T00:00:00',
      timeZone: 'UTC',
    });
  });

  it('a reminder is the same instant on both sides, in the CRM value’s zone (across DST)', () => {
    const reminder = { dateTime: '2026-03-29T09:00:00', timeZone: 'Europe/Paris' }; // CEST began at 02:00
    const values = crmTaskValues({ subject: 's', reminder }, mapping, maps);
    assert.equal(values.reminder, '2026-03-29T07:00:00Z');
    const body = todoTaskBody(values, mapping, maps);
    assert.equal(body.isReminderOn, true);
    assert.deepEqual(body.reminderDateTime, { dateTime: '2026-03-29T07:00:00', timeZone: 'UTC' });
    assert.deepEqual(
      crmTaskFields(todoTaskValues(body, mapping, maps), { reminder }, maps).reminder,
      reminder,
    );
    const moved = todoTaskValues(
      { isReminderOn: true, reminderDateTime: { dateTime: '2026-03-28T08:00:00.0000000', timeZone: 'UTC' } },
      mapping,
      maps,
    );
    assert.deepEqual(crmTaskFields(moved, { reminder }, maps).reminder, {
      dateTime: '2026-03-28T09:00:00',
      timeZone: 'Europe/Paris',
    });
    const windows = { dateTime: '2026-11-01T01:30:00', timeZone: 'Pacific Standard Time' };
    assert.equal(crmTaskValues({ reminder: windows }, mapping, maps).reminder, '2026-11-01T08:30:00Z');
    assert.deepEqual(crmTaskFields(moved, { due: windows }, maps).reminder, {
      dateTime: '2026-03-28T01:00:00',
      timeZone: 'Pacific Standard Time',
    });
  });

  it('a reminder turned off in To Do clears the CRM reminder; none in the CRM turns it off', () => {
    const off = todoTaskValues(
      { isReminderOn: false, reminderDateTime: { dateTime: '2026-03-28T08:00:00', timeZone: 'UTC' } },
      mapping,
      maps,
    );
    assert.equal(off.reminder, null);
    assert.equal(
      crmTaskFields(off, { reminder: { dateTime: '2026-01-01T00:00:00', timeZone: 'UTC' } }, maps).reminder,
      null,
    );
    assert.deepEqual(todoTaskBody({ reminder: null }, mapping, maps), {
      isReminderOn: false,
      reminderDateTime: null,
    });
  });

  it('recurrence round-trips, Graph’s filled-in defaults ignored', () => {
    const recurrence = {
      pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' },
      range: { type: 'numbered', startDate: '2026-01-13', numberOfOccurrences: 6 },
    };
    const values = crmTaskValues({ subject: 's', recurrence }, mapping, maps);
    assert.deepEqual(values.recurrence, recurrence);
    const asGraphReturnsIt = {
      recurrence: {
        pattern: { ...recurrence.pattern, dayOfMonth: 0, month: 0, firstDayOfWeek: 'sunday' },
        range: { ...recurrence.range, endDate: '0001-01-01', recurrenceTimeZone: '' },
      },
    };
    assert.deepEqual(todoTaskValues(asGraphReturnsIt, mapping, maps).recurrence, recurrence);
    assert.deepEqual(crmTaskFields({ recurrence: null }, { recurrence }, maps).recurrence, null);
    assert.deepEqual(todoTaskBody({ recurrence: null }, mapping, maps), { recurrence: null });
  });

  it('text: an untitled To Do task gets a subject, an HTML body its text, NUL bytes are dropped', () => {
    const values = todoTaskValues(
      {
        title: '',
        body: { contentType: 'html', content: '<p>Call &amp; <b>write</b></p><p>Then\u0000 rest</p>' },
      },
      mapping,
      maps,
    );
    const fields = crmTaskFields(values, undefined, maps);
    assert.equal(fields.subject, UNTITLED);
    assert.equal(fields.body, 'Call & write\nThen rest');
  });

  it('only mapped fields are read and written', () => {
    const mine: TaskMapping = { subject: 'title', due: 'startDateTime' };
    const body = todoTaskBody({ subject: 'a', due: '2026-05-01', priority: 'high' }, mine, maps);
    assert.deepEqual(body, {
      title: 'a',
      startDateTime: { dateTime: '2026-05-01T00:00:00', timeZone: 'UTC' },
    });
    assert.deepEqual(
      todoTaskValues({ title: 'a', importance: 'high', startDateTime: body.startDateTime }, mine, maps),
      { subject: 'a', due: '2026-05-01' },
    );
  });
});
