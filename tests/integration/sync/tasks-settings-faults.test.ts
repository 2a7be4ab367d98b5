import assert from 'node:assert/strict';
import { TasksHarness, waitFor } from './support/tasks-harness.js';

/** Tasks sync settings (field and value mappings, 400 on bad input) and Graph's failures. */
describe('Tasks sync settings and faults', function () {
  this.timeout(90_000);
  let t: TasksHarness;
  let listId: string;

  before(async () => {
    t = await TasksHarness.start();
    await t.createCrmTask({ subject: 'Base task' });
    const since = Date.now();
    await t.enable();
    await t.settled(since);
    listId = await t.listId();
  });
  after(() => t?.stop());
  afterEach(() => t.tool('DELETE', '/faults'));

  it('the catalog offers the To Do fields, the default mapping and the value mappings', async () => {
    const res = await t.api('GET', '/sync/tasks/catalog');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.defaultMapping, {
      subject: 'title',
      body: 'body',
      due: 'dueDateTime',
      reminder: 'reminderDateTime',
      status: 'status',
      priority: 'importance',
      recurrence: 'recurrence',
    });
    const options = Object.fromEntries(res.body.options.map((o: any) => [o.name, o.default]));
    assert.equal(options['importance.highest'], 'high');
    assert.equal(options['crmStatus.waitingOnOthers'], 'waitingForInput');
    assert.equal(options.deleteCrmOnRemoteDelete, true);
    const priority = res.body.options.find((o: any) => o.name === 'priority.low');
    assert.deepEqual(
      priority.choices,
      ['highest', 'high', 'normal', 'low', 'lowest'],
      'shown as a drop-down',
    );
  });

  it('a bad mapping or value mapping is a 400 problem naming the row; nothing changes', async () => {
    const before = await t.view();
    const bad = await t.api('PUT', '/sync/tasks', {
      enabled: true,
      mapping: { subject: 'title', body: 'title' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.status, 400);
    assert.deepEqual(
      bad.body.errors.map((e: any) => [e.pointer, e.code]),
      [['/mapping/body', 'graph_field_mapped_twice']],
    );
    const incompatible = await t.api('PUT', '/sync/tasks', {
      enabled: true,
      mapping: { subject: 'title', due: 'importance' },
    });
    assert.equal(incompatible.status, 400);
    assert.equal(incompatible.body.errors[0].code, 'incompatible_types');
    const noSubject = await t.api('PUT', '/sync/tasks', { enabled: true, mapping: { body: 'body' } });
    assert.equal(noSubject.status, 400);
    assert.equal(noSubject.body.errors[0].pointer, '/mapping/subject');
    const value = await t.api('PUT', '/sync/tasks', {
      enabled: true,
      options: { 'importance.normal': 'urgent' },
    });
    assert.equal(value.status, 400);
    assert.deepEqual(
      value.body.errors.map((e: any) => [e.pointer, e.code]),
      [['/options/importance.normal', 'invalid_option']],
    );
    const keep = await t.api('PUT', '/sync/tasks', {
      enabled: true,
      options: { deleteCrmOnRemoteDelete: false },
    });
    assert.equal(keep.status, 400);
    assert.match(keep.body.errors[0].detail, /always deleted on the other/);
    const after = await t.view();
    assert.deepEqual([after.mapping, after.options], [before.mapping, before.options]);
  });

  it('value and field mappings are per user and apply to what syncs', async () => {
    const res = await t.api('PUT', '/sync/tasks', {
      enabled: true,
      options: { 'importance.normal': 'low', 'priority.low': 'lowest', 'todoStatus.deferred': 'notStarted' },
      mapping: { subject: 'title', priority: 'importance', status: 'status' },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.options['importance.normal'], 'low');
    await t.createCrmTask({ subject: 'Mapped', priority: 'normal', status: 'deferred', body: 'not synced' });
    await waitFor(async () => await t.todoTask(listId, 'Mapped'));
    const todo = await t.todoTask(listId, 'Mapped');
    assert.equal(todo.importance, 'low');
    assert.equal(todo.status, 'notStarted');
    assert.equal(todo.body.content, '', 'an unmapped field does not sync');
    await t.todo
      .api(t.tasksPath(listId))
      .post({ title: 'Low one', importance: 'low', body: { content: 'x' } });
    await t.syncNow();
    const crm = await t.crmTask('Low one');
    assert.equal(crm.priority, 'lowest');
    assert.equal(crm.body ?? null, null);
    const reset = await t.api('PUT', '/sync/tasks', {
      enabled: true,
      options: { 'importance.normal': 'normal', 'priority.low': 'low', 'todoStatus.deferred': 'deferred' },
      mapping: {
        subject: 'title',
        body: 'body',
        due: 'dueDateTime',
        reminder: 'reminderDateTime',
        status: 'status',
        priority: 'importance',
        recurrence: 'recurrence',
      },
    });
    assert.equal(reset.status, 200, reset.text);
    await t.syncNow();
  });

  it('a value mapping changed alone rewrites the tasks already in To Do', async () => {
    assert.equal((await t.todoTask(listId, 'Base task')).importance, 'normal');
    const res = await t.api('PUT', '/sync/tasks', {
      enabled: true,
      options: { 'importance.normal': 'high' },
    });
    assert.equal(res.status, 200, res.text);
    await waitFor(async () => (await t.todoTask(listId, 'Base task')).importance === 'high');
    await t.syncNow();
    assert.equal((await t.crmTask('Base task')).priority, 'normal', 'the CRM keeps its own value');
    const back = await t.api('PUT', '/sync/tasks', {
      enabled: true,
      options: { 'importance.normal': 'normal' },
    });
    assert.equal(back.status, 200, back.text);
    await waitFor(async () => (await t.todoTask(listId, 'Base task')).importance === 'normal');
  });

  it('a create whose response is lost is found by its linked resource: no duplicate in To Do', async () => {
    await t.tool('PUT', '/faults', {
      rules: [{ match: { method: 'POST', path: `/todo/lists/${listId}/tasks` }, fault: 'drop', times: 1 }],
    });
    const crm = await t.createCrmTask({ subject: 'Lost response' });
    await waitFor(async () => await t.todoTask(listId, 'Lost response'));
    await t.tool('DELETE', '/faults');
    await t.syncNow();
    const copies = (await t.todoTasks(listId)).filter((x) => x.title === 'Lost response');
    assert.equal(copies.length, 1);
    assert.equal(copies[0].linkedResources[0].externalId, crm.id);
    assert.equal((await t.crmTasks()).filter((x) => x.subject === 'Lost response').length, 1);
    const log = await t.tool('GET', '/faults/log');
    assert.ok(JSON.stringify(log).includes('"drop"'), 'the response was really lost');
  });

  it('an expired delta link (410) is recovered by a full enumeration: no duplicates, no deletes', async () => {
    await t.todo.api(t.tasksPath(listId)).post({ title: 'After 410' });
    await t.tool('POST', '/delta/expire');
    const before = (await t.crmTasks()).length;
    await t.syncNow();
    const crm = await t.crmTasks();
    assert.equal(crm.length, before + 1);
    assert.equal(new Set(crm.map((x) => x.subject)).size, crm.length, 'no CRM duplicates');
    const titles = (await t.todoTasks(listId)).map((x) => x.title);
    assert.equal(new Set(titles).size, titles.length, 'no To Do duplicates');
  });
});
