import assert from 'node:assert/strict';
import { LIST, TasksHarness, waitFor } from './support/tasks-harness.js';

const WEEKLY = {
  pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'thursday'] },
  range: { type: 'endDate', startDate: '2026-12-07', endDate: '2027-03-01' },
};

/** Tasks through the engine, end to end: REST → jobs → To Do (sandbox over HTTPS) → CRM. */
describe('Tasks sync (engine, Microsoft To Do)', function () {
  this.timeout(60_000);
  let t: TasksHarness;
  let listId: string;

  before(async () => {
    t = await TasksHarness.start();
  });
  after(() => t?.stop());

  it('enabling creates the "Tandem Tasks" list, pushes CRM tasks tagged with their id and pulls the list', async () => {
    const crm = await t.createCrmTask({
      subject: 'Call Ada',
      body: 'About the engine',
      priority: 'highest',
      status: 'waitingForInput',
      due: { dateTime: '2026-12-10T17:30:00', timeZone: 'Europe/Paris' },
    });
    const since = Date.now();
    const view = await t.enable();
    assert.equal(view.enabled, true);
    assert.equal((await t.lists()).length, 1);
    listId = await t.listId();
    assert.equal(view.container.id, listId);
    await t.settled(since);
    const pushed = await t.todoTask(listId, 'Call Ada');
    assert.ok(pushed, 'the CRM task is in To Do');
    assert.equal(pushed.body.content, 'About the engine');
    assert.equal(pushed.importance, 'high', 'priority highest → importance high');
    assert.equal(pushed.status, 'waitingOnOthers', 'status waitingForInput → waitingOnOthers');
    assert.equal(pushed.dueDateTime.dateTime.slice(0, 10), '2026-12-10');
    assert.deepEqual(
      pushed.linkedResources.map((l: any) => [l.applicationName, l.externalId]),
      [['Tandem', crm.id]],
      'the CRM id travels in linkedResources[].externalId',
    );

    await t.todo
      .api(t.tasksPath(listId))
      .post({ title: 'Buy stamps', importance: 'low', status: 'inProgress' });
    await t.syncNow();
    const pulled = await t.crmTask('Buy stamps');
    assert.ok(pulled, 'the To Do task is in the CRM');
    assert.equal(pulled.priority, 'low');
    assert.equal(pulled.status, 'inProgress');
    assert.equal(pulled.ownerId, t.member.userId);
    const ada = await t.crmTask('Call Ada');
    assert.equal(ada.priority, 'highest', 'a value To Do cannot hold is not overwritten by its echo');
    assert.deepEqual(ada.due, { dateTime: '2026-12-10T17:30:00', timeZone: 'Europe/Paris' });
  });

  it('updates travel both ways, keeping the CRM zone and time of day', async () => {
    const ada = await t.crmTask('Call Ada');
    await t.patchCrmTask(ada.id, { subject: 'Call Ada Lovelace', status: 'completed' });
    await waitFor(async () => {
      const task = await t.todoTask(listId, 'Call Ada Lovelace');
      return task?.status === 'completed';
    });
    const todo = await t.todoTask(listId, 'Call Ada Lovelace');
    await t.todo.api(`${t.tasksPath(listId)}/${todo.id}`).patch({
      importance: 'normal',
      dueDateTime: { dateTime: '2026-12-12T00:00:00', timeZone: 'UTC' },
    });
    await t.syncNow();
    const after = await t.crmTask('Call Ada Lovelace');
    assert.equal(after.priority, 'normal');
    assert.equal(after.status, 'completed');
    assert.deepEqual(after.due, { dateTime: '2026-12-12T17:30:00', timeZone: 'Europe/Paris' });
  });

  it('recurrence and reminders travel both ways', async () => {
    const crm = await t.createCrmTask({
      subject: 'Weekly report',
      due: { dateTime: '2026-12-07T09:00:00', timeZone: 'America/New_York' },
      reminder: { dateTime: '2026-12-07T08:30:00', timeZone: 'America/New_York' },
      recurrence: WEEKLY,
    });
    await waitFor(async () => (await t.todoTask(listId, 'Weekly report'))?.recurrence);
    const todo = await t.todoTask(listId, 'Weekly report');
    assert.equal(todo.isReminderOn, true);
    assert.equal(
      new Date(`${todo.reminderDateTime.dateTime.slice(0, 19)}Z`).toISOString(),
      '2026-12-07T13:30:00.000Z',
      'the reminder is at the same instant',
    );
    assert.deepEqual(todo.recurrence.pattern.daysOfWeek, ['monday', 'thursday']);
    assert.equal(todo.recurrence.range.endDate, '2027-03-01');

    await t.todo.api(`${t.tasksPath(listId)}/${todo.id}`).patch({
      reminderDateTime: { dateTime: '2026-12-07T14:00:00', timeZone: 'UTC' },
      recurrence: {
        pattern: { type: 'daily', interval: 2 },
        range: { type: 'numbered', startDate: '2026-12-07', numberOfOccurrences: 10 },
      },
    });
    await t.syncNow();
    let row = (await t.crmTasks()).find((x) => x.id === crm.id);
    assert.deepEqual(row.reminder, { dateTime: '2026-12-07T09:00:00', timeZone: 'America/New_York' });
    assert.deepEqual(row.recurrence, {
      pattern: { type: 'daily', interval: 2 },
      range: { type: 'numbered', startDate: '2026-12-07', numberOfOccurrences: 10 },
    });

    await t.todo.api(`${t.tasksPath(listId)}/${todo.id}`).patch({ isReminderOn: false });
    await t.syncNow();
    row = (await t.crmTasks()).find((x) => x.id === crm.id);
    assert.equal(row.reminder, null, 'a reminder turned off in To Do is cleared in the CRM');

    await t.patchCrmTask(crm.id, {
      reminder: { dateTime: '2026-12-08T10:00:00', timeZone: 'Europe/Berlin' },
      recurrence: null,
    });
    await waitFor(async () => {
      const x = await t.todoTask(listId, 'Weekly report');
      return x.isReminderOn && !x.recurrence ? x : undefined;
    });
    const back = await t.todoTask(listId, 'Weekly report');
    assert.equal(
      new Date(`${back.reminderDateTime.dateTime.slice(0, 19)}Z`).toISOString(),
      '2026-12-08T09:00:00.000Z',
    );
  });

  it('completing a recurring task in To Do moves the CRM task to its next occurrence and records the one done', async () => {
    const crm = await t.createCrmTask({
      subject: 'Water the plants',
      due: { dateTime: '2026-12-07T18:00:00', timeZone: 'Europe/Paris' },
      recurrence: WEEKLY,
    });
    await waitFor(async () => (await t.todoTask(listId, 'Water the plants'))?.recurrence);
    const todo = await t.todoTask(listId, 'Water the plants');
    await t.todo.api(`${t.tasksPath(listId)}/${todo.id}`).patch({ status: 'completed' });
    await t.syncNow();
    const tasks = (await t.crmTasks()).filter((x) => x.subject === 'Water the plants');
    const series = tasks.find((x) => x.id === crm.id);
    assert.equal(series.status, 'notStarted');
    assert.deepEqual(
      series.due,
      { dateTime: '2026-12-10T18:00:00', timeZone: 'Europe/Paris' },
      'next Thursday, same time and zone',
    );
    assert.ok(series.recurrence, 'still recurring');
    const done = tasks.filter((x) => x.id !== crm.id);
    assert.equal(done.length, 1, 'the occurrence done is a task of its own, as in To Do');
    assert.equal(done[0].status, 'completed');
    assert.equal(done[0].recurrence, null);
    await t.syncNow();
    assert.equal((await t.todoTasks(listId)).filter((x) => x.title === 'Water the plants').length, 2);
  });

  it('a deletion on either side deletes the other', async () => {
    const stamps = await t.crmTask('Buy stamps');
    const res = await t.api('DELETE', `/tasks/${stamps.id}`);
    assert.equal(res.status, 204, res.text);
    await waitFor(async () => !(await t.todoTask(listId, 'Buy stamps')));

    const weekly = await t.todoTask(listId, 'Weekly report');
    await t.todo.api(`${t.tasksPath(listId)}/${weekly.id}`).delete();
    await t.syncNow();
    assert.equal(await t.crmTask('Weekly report'), undefined, 'deleted in To Do → deleted in the CRM');
    const journal = await t.journal();
    assert.ok(
      journal.some(
        (e) => e.action === 'delete' && e.direction === 'to_crm' && e.reason === 'deleted_in_office',
      ),
    );
  });

  it('an idle run after convergence writes nothing to To Do or the CRM', async () => {
    await t.syncNow();
    const snapshot = async () => ({
      todo: (await t.todoTasks(listId)).map((x) => `${x.id}:${x['@odata.etag']}`).sort(),
      crm: (await t.crmTasks()).map((x) => `${x.id}:${x.version}`).sort(),
      journal: (await t.journal()).length,
      lists: (await t.lists()).length,
    });
    // To Do's notifications carry no etag, so Tandem's own writes each wake a (coalesced, 5 s)
    // follow-up run: let those pass before counting what one idle run costs.
    await new Promise((r) => setTimeout(r, 6_500));
    await t.syncNow();
    const before = await snapshot();
    await fetch(`${t.world.sandbox.url}/_sandbox/metrics`, { method: 'DELETE' });
    await t.syncNow();
    const metrics = (await (await fetch(`${t.world.sandbox.url}/_sandbox/metrics`)).json()) as any;
    const requests = Object.entries(metrics.mailboxes as Record<string, { requests: number }>)
      .filter(([key]) => key.endsWith(`|${t.member.id}`))
      .reduce((sum, [, c]) => sum + c.requests, 0);
    assert.equal(requests, 1, 'an idle run costs its delta request only');
    await t.syncNow();
    assert.deepEqual(await snapshot(), before);
    assert.equal(before.lists, 1, `one "${LIST}" list`);
  });
});
