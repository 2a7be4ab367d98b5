import assert from 'node:assert/strict';
import { PageIterator } from '@microsoft/microsoft-graph-client';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';
import { graphCaller } from '../../support/graph-call.js';

const PST = 'Pacific Standard Time';
// 2030-03-15 is a Friday; Pacific time is on PDT (UTC-7) and Paris on CET (UTC+1) that day.
const WEEKLY_FRIDAY = {
  pattern: { type: 'weekly', interval: 1, daysOfWeek: ['friday'], firstDayOfWeek: 'sunday' },
  range: { type: 'noEnd', startDate: '2030-03-15' },
};
/** Tandem's CRM id on a task: must come back byte for byte (spaces, case, non-ASCII, quotes). */
const CRM_ID = ' crm:Task/42 — ünïcödé ✓ {"quoted"} ';

describe('Sandbox: Microsoft To Do lists and tasks', () => {
  let sbx: TestSandbox;
  let token: string;
  let upn: string;

  const call = graphCaller(
    () => sbx.url,
    () => token,
  );
  const newList = async (displayName: string) => (await call('POST', '/me/todo/lists', { displayName })).body;
  const newTask = async (listId: string, task: Record<string, unknown>) =>
    (await call('POST', `/me/todo/lists/${listId}/tasks`, task)).body;
  /** Follows a delta round to its deltaLink; returns the items and the link. */
  async function deltaRound(first: string, headers: Record<string, string> = {}) {
    let page = await call('GET', first, undefined, headers);
    const items: any[] = [...page.body.value];
    while (page.body['@odata.nextLink']) {
      page = await call('GET', page.body['@odata.nextLink']);
      items.push(...page.body.value);
    }
    return { items, deltaLink: page.body['@odata.deltaLink'] as string, pages: page };
  }
  const tool = (path: string, body: unknown) =>
    fetch(`${sbx.url}/_sandbox/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    sbx = await startTestSandbox();
    upn = sbx.tenants[0]!.users[1]!.userPrincipalName;
    token = await sbx.token(upn, 'graph');
  });
  after(() => sbx.stop());

  it('creates the "Tandem Tasks" list; a second list of that name gets a number, as To Do names it', async () => {
    const created = await call('POST', '/me/todo/lists', { displayName: 'Tandem Tasks' });
    assert.equal(created.status, 201);
    assert.deepEqual(
      { ...created.body, id: undefined, '@odata.etag': undefined, '@odata.context': undefined },
      {
        displayName: 'Tandem Tasks',
        isOwner: true,
        isShared: false,
        wellknownListName: 'none',
        id: undefined,
        '@odata.etag': undefined,
        '@odata.context': undefined,
      },
    );
    assert.match(created.body['@odata.etag'], /^W\/".+"$/);
    const again = await call('POST', '/me/todo/lists', { displayName: 'Tandem Tasks' });
    assert.equal(again.status, 201);
    assert.equal(again.body.displayName, 'Tandem Tasks (1)');
    const found = await call(
      'GET',
      `/me/todo/lists?$filter=${encodeURIComponent("displayName eq 'Tandem Tasks'")}`,
    );
    assert.deepEqual(
      found.body.value.map((l: any) => l.id),
      [created.body.id],
    );
    const renamed = await call('PATCH', `/me/todo/lists/${again.body.id}`, { displayName: 'Tandem Archive' });
    assert.equal(renamed.body.displayName, 'Tandem Archive');
    const empty = await call('POST', '/me/todo/lists', { displayName: ' ' });
    assert.equal(empty.status, 400);
  });

  it('keeps the default list: it can be neither renamed nor deleted', async () => {
    const lists = await call('GET', '/me/todo/lists');
    const tasks = lists.body.value.find((l: any) => l.wellknownListName === 'defaultList');
    const rename = await call('PATCH', `/me/todo/lists/${tasks.id}`, { displayName: 'Mine' });
    assert.equal(rename.status, 400);
    assert.equal(rename.body.error.code, 'invalidRequest');
    const del = await call('DELETE', `/me/todo/lists/${tasks.id}`);
    assert.equal(del.status, 400);
    assert.equal((await call('GET', `/me/todo/lists/${tasks.id}`)).status, 200);
  });

  it('CRUDs a task with create defaults, @odata.etag and If-Match (412 on a stale tag)', async () => {
    const list = await newList('CRUD');
    const created = await call('POST', `/me/todo/lists/${list.id}/tasks`, {
      title: 'Call Contoso',
      createdDateTime: '2001-01-01T00:00:00Z',
    });
    assert.equal(created.status, 201);
    const t = created.body;
    assert.equal(t.status, 'notStarted');
    assert.equal(t.importance, 'normal');
    assert.equal(t.isReminderOn, false);
    assert.deepEqual(t.body, { content: '', contentType: 'text' });
    assert.deepEqual(t.categories, []);
    assert.notEqual(t.createdDateTime, '2001-01-01T00:00:00Z', 'read-only members are ignored');
    const path = `/me/todo/lists/${list.id}/tasks/${t.id}`;
    const updated = await call(
      'PATCH',
      path,
      { importance: 'high', categories: ['VIP'] },
      { 'if-match': t['@odata.etag'] },
    );
    assert.equal(updated.status, 200);
    assert.notEqual(updated.body['@odata.etag'], t['@odata.etag']);
    const stale = await call('PATCH', path, { title: 'Lost update' }, { 'if-match': t['@odata.etag'] });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.error.code, 'ErrorIrresolvableConflict');
    assert.equal((await call('DELETE', path, undefined, { 'if-match': t['@odata.etag'] })).status, 412);
    const read = await call('GET', `${path}?$select=title,importance`);
    assert.deepEqual(Object.keys(read.body).sort(), [
      '@odata.context',
      '@odata.etag',
      'id',
      'importance',
      'title',
    ]);
    assert.equal(read.body.title, 'Call Contoso');
    assert.equal(
      (await call('DELETE', path, undefined, { 'if-match': updated.body['@odata.etag'] })).status,
      204,
    );
    const gone = await call('GET', path);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'ErrorItemNotFound');
  });

  it('refuses values outside the todoTask schema', async () => {
    const list = await newList('Validation');
    for (const bad of [
      { title: 'x', importance: 'urgent' },
      { title: 'x', status: 'done' },
      { title: 'x', isReminderOn: 'yes' },
      { title: 'x', colour: 'red' },
      { title: 'x', dueDateTime: { dateTime: '2030-02-30T00:00:00', timeZone: 'UTC' } },
      { title: 'x', dueDateTime: { dateTime: '2030-02-03T00:00:00', timeZone: 'Mars/Olympus' } },
      { title: 'x', recurrence: { ...WEEKLY_FRIDAY, pattern: { type: 'weekly', interval: 1 } } },
      { title: 'x', recurrence: { ...WEEKLY_FRIDAY, pattern: { ...WEEKLY_FRIDAY.pattern, interval: 0 } } },
      { title: 'x', recurrence: { ...WEEKLY_FRIDAY, range: { type: 'numbered', startDate: '2030-03-15' } } },
      {
        title: 'x',
        recurrence: {
          ...WEEKLY_FRIDAY,
          range: { type: 'endDate', startDate: '2030-03-15', endDate: '2030-03-01' },
        },
      },
    ]) {
      const res = await call('POST', `/me/todo/lists/${list.id}/tasks`, bad);
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal(res.body.error.code, 'invalidRequest');
    }
  });

  it('round-trips recurrence and reminders; dates come back in UTC or the preferred zone, due dates as dates', async () => {
    const list = await newList('Recurring');
    const t = await newTask(list.id, {
      title: 'Weekly pipeline review',
      dueDateTime: { dateTime: '2030-03-15T17:45:00', timeZone: PST },
      isReminderOn: true,
      reminderDateTime: { dateTime: '2030-03-15T09:00:00', timeZone: 'Europe/Paris' },
      recurrence: WEEKLY_FRIDAY,
    });
    assert.deepEqual(t.recurrence, WEEKLY_FRIDAY);
    assert.deepEqual(t.dueDateTime, { dateTime: '2030-03-15T07:00:00.0000000', timeZone: 'UTC' });
    assert.deepEqual(t.reminderDateTime, { dateTime: '2030-03-15T08:00:00.0000000', timeZone: 'UTC' });
    assert.equal(t.isReminderOn, true);
    const local = await call('GET', `/me/todo/lists/${list.id}/tasks/${t.id}`, undefined, {
      prefer: `outlook.timezone="${PST}"`,
    });
    assert.deepEqual(local.body.dueDateTime, { dateTime: '2030-03-15T00:00:00.0000000', timeZone: PST });
    assert.deepEqual(local.body.reminderDateTime, { dateTime: '2030-03-15T01:00:00.0000000', timeZone: PST });
  });

  it('completing a recurring task advances it to the next occurrence and records a completed copy', async () => {
    const list = await newList('Completion');
    const t = await newTask(list.id, {
      title: 'Weekly pipeline review',
      dueDateTime: { dateTime: '2030-03-15T00:00:00', timeZone: 'UTC' },
      isReminderOn: true,
      reminderDateTime: { dateTime: '2030-03-15T09:00:00', timeZone: 'UTC' },
      recurrence: WEEKLY_FRIDAY,
      linkedResources: [{ applicationName: 'Tandem', displayName: 'Task 42', externalId: CRM_ID }],
    });
    const done = await call('PATCH', `/me/todo/lists/${list.id}/tasks/${t.id}`, { status: 'completed' });
    assert.equal(done.body.id, t.id, 'the series keeps its id');
    assert.equal(done.body.status, 'notStarted');
    assert.equal(done.body.completedDateTime, undefined);
    assert.equal(done.body.dueDateTime.dateTime, '2030-03-22T00:00:00.0000000');
    assert.equal(done.body.reminderDateTime.dateTime, '2030-03-22T09:00:00.0000000');
    const all = (await call('GET', `/me/todo/lists/${list.id}/tasks?$expand=linkedResources`)).body.value;
    const copy = all.find((x: any) => x.id !== t.id);
    assert.equal(all.length, 2);
    assert.equal(copy.status, 'completed');
    assert.equal(copy.recurrence, undefined);
    assert.equal(copy.dueDateTime.dateTime, '2030-03-15T00:00:00.0000000');
    assert.deepEqual(copy.completedDateTime, {
      dateTime: `${new Date().toISOString().slice(0, 10)}T00:00:00.0000000`,
      timeZone: 'UTC',
    });
    assert.equal(copy.linkedResources[0].externalId, CRM_ID);
    const open = await call(
      'GET',
      `/me/todo/lists/${list.id}/tasks?$filter=${encodeURIComponent("status ne 'completed'")}`,
    );
    assert.deepEqual(
      open.body.value.map((x: any) => x.id),
      [t.id],
    );
  });

  it('keeps linkedResources.externalId exactly (inline on create and through their own routes), and checklist items', async () => {
    const list = await newList('Linked');
    const created = await call('POST', `/me/todo/lists/${list.id}/tasks`, {
      title: 'Send the quote',
      linkedResources: [
        {
          webUrl: 'https://tandem.example/tasks/42',
          applicationName: 'Tandem',
          displayName: 'Quote',
          externalId: CRM_ID,
        },
      ],
    });
    const [echoed] = created.body.linkedResources;
    assert.match(echoed.id, /^[0-9a-f-]{36}$/);
    assert.equal(echoed.externalId, CRM_ID);
    const base = `/me/todo/lists/${list.id}/tasks/${created.body.id}`;
    const plain = await call('GET', base);
    assert.equal(plain.body.linkedResources, undefined, 'navigations only with $expand');
    const second = await call('POST', `${base}/linkedResources`, {
      applicationName: 'Tandem',
      externalId: 'crm:deal/7',
    });
    assert.equal(second.status, 201);
    const patched = await call('PATCH', `${base}/linkedResources/${second.body.id}`, {
      displayName: 'Deal 7',
    });
    assert.equal(patched.body.externalId, 'crm:deal/7');
    const listed = await call('GET', `${base}/linkedResources`);
    assert.deepEqual(
      listed.body.value.map((l: any) => l.externalId),
      [CRM_ID, 'crm:deal/7'],
    );
    assert.equal((await call('DELETE', `${base}/linkedResources/${second.body.id}`)).status, 204);
    assert.equal((await call('GET', `${base}/linkedResources/${second.body.id}`)).status, 404);
    const step = await call('POST', `${base}/checklistItems`, { displayName: 'Check prices' });
    assert.equal(step.body.isChecked, false);
    const checked = await call('PATCH', `${base}/checklistItems/${step.body.id}`, { isChecked: true });
    assert.ok(checked.body.checkedDateTime);
    const expanded = await call('GET', `${base}?$expand=linkedResources,checklistItems`);
    assert.equal(expanded.body.linkedResources.length, 1);
    assert.equal(expanded.body.checklistItems[0].isChecked, true);
  });

  it('delta: pages ($top, Prefer maxpagesize), keeps $select, reports updates and @removed; the official client follows it', async () => {
    const list = await newList('Delta');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await newTask(list.id, { title: `Task ${i}`, importance: 'low' })).id);
    const graph = sbx.graph(token);
    const first = await graph
      .api(`/me/todo/lists/${list.id}/tasks/delta?$select=title`)
      .header('Prefer', 'odata.maxpagesize=2')
      .get();
    assert.equal(first.value.length, 2);
    const seen: any[] = [];
    const iterator = new PageIterator(graph, first, (t: any) => {
      seen.push(t);
      return true;
    });
    await iterator.iterate();
    assert.deepEqual(seen.map((t) => t.id).sort(), [...ids].sort());
    assert.ok(
      seen.every((t) => t.importance === undefined && t.title && t['@odata.etag']),
      '$select kept, etags given',
    );
    const deltaLink = iterator.getDeltaLink()!;
    const byTop = await deltaRound(`/me/todo/lists/${list.id}/tasks/delta?$top=3`);
    assert.equal(byTop.items.length, 5);

    await call('PATCH', `/me/todo/lists/${list.id}/tasks/${ids[0]}`, { title: 'Renamed' });
    await call('DELETE', `/me/todo/lists/${list.id}/tasks/${ids[1]}`);
    const changes = await deltaRound(deltaLink);
    const byId = new Map(changes.items.map((t) => [t.id, t]));
    assert.equal(changes.items.length, 2);
    assert.equal((byId.get(ids[0]) as any).title, 'Renamed');
    assert.deepEqual(byId.get(ids[1]), { id: ids[1], '@removed': { reason: 'deleted' } });
    const quiet = await graph.api(changes.deltaLink).get();
    assert.deepEqual(quiet.value, []);
  });

  it("delta: $expand=linkedResources carries each task's linked resources on every page and round", async () => {
    const list = await newList('Delta expand');
    for (const n of [1, 2, 3])
      await newTask(list.id, {
        title: `Linked ${n}`,
        linkedResources: [{ applicationName: 'Tandem', externalId: `${CRM_ID}${n}` }],
      });
    const first = await deltaRound(
      `/me/todo/lists/${list.id}/tasks/delta?$select=title&$expand=linkedResources&$top=2`,
    );
    assert.equal(first.items.length, 3);
    assert.deepEqual(
      first.items.map((t) => [t.title, t.linkedResources.map((l: any) => l.externalId)]).sort(),
      [1, 2, 3].map((n) => [`Linked ${n}`, [`${CRM_ID}${n}`]]),
    );
    await newTask(list.id, { title: 'Unlinked' });
    const next = await deltaRound(first.deltaLink);
    assert.deepEqual(
      next.items.map((t) => [t.title, t.linkedResources]),
      [['Unlinked', []]],
    );
    const plain = await deltaRound(`/me/todo/lists/${list.id}/tasks/delta`);
    assert.ok(
      plain.items.every((t) => !('linkedResources' in t)),
      'not expanded unless asked',
    );
    const bad = await call('GET', `/me/todo/lists/${list.id}/tasks/delta?$expand=attachmentz`);
    assert.equal(bad.status, 400);
  });

  it('moving a task in the To Do app (tool) gives it a new id; the old list reports it removed', async () => {
    const from = await newList('Move from');
    const to = await newList('Move to');
    const t = await newTask(from.id, {
      title: 'Move me',
      linkedResources: [{ applicationName: 'Tandem', externalId: CRM_ID }],
    });
    const { deltaLink } = await deltaRound(`/me/todo/lists/${from.id}/tasks/delta`);
    const moved = await tool('todo/move', { userPrincipalName: upn, taskId: t.id, toListId: to.id });
    assert.equal(moved.status, 200);
    const { taskId } = (await moved.json()) as { taskId: string };
    assert.notEqual(taskId, t.id);
    assert.equal((await call('GET', `/me/todo/lists/${from.id}/tasks/${t.id}`)).status, 404);
    const there = await call('GET', `/me/todo/lists/${to.id}/tasks/${taskId}?$expand=linkedResources`);
    assert.equal(there.body.title, 'Move me');
    assert.equal(there.body.linkedResources[0].externalId, CRM_ID);
    const changes = await deltaRound(deltaLink);
    assert.deepEqual(changes.items, [{ id: t.id, '@removed': { reason: 'deleted' } }]);
    const same = await tool('todo/move', { userPrincipalName: upn, taskId, toListId: to.id });
    assert.equal(same.status, 400);
  });

  it('deleting a list deletes its tasks (tombstones) and shows as @removed in the lists delta', async () => {
    const { deltaLink: listsLink } = await deltaRound('/me/todo/lists/delta');
    const list = await newList('Doomed');
    const t = await newTask(list.id, { title: 'Doomed task' });
    assert.equal((await call('DELETE', `/me/todo/lists/${list.id}`)).status, 204);
    assert.equal((await call('GET', `/me/todo/lists/${list.id}`)).status, 404);
    assert.equal((await call('GET', `/me/todo/lists/${list.id}/tasks`)).status, 404);
    const mailbox = sbx.sandbox.store.mailbox(sbx.tenants[0]!.id, sbx.tenants[0]!.users[1]!.id)!;
    assert.equal(mailbox.todoTasks[t.id]?._deleted, true);
    const changes = await deltaRound(listsLink);
    assert.deepEqual(
      changes.items.find((l) => l.id === list.id),
      { id: list.id, '@removed': { reason: 'deleted' } },
    );
  });

  it("refuses another user's lists (403) and writes without Tasks.ReadWrite; app-only tokens reach /users/{id}", async () => {
    const other = sbx.tenants[0]!.users[2]!;
    const denied = await call('GET', `/users/${other.id}/todo/lists`);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'ErrorAccessDenied');
    const readOnly = await sbx.token(upn, 'graph', ['Tasks.Read']);
    assert.equal((await call('GET', '/me/todo/lists', undefined, {}, readOnly)).status, 200);
    assert.equal((await call('POST', '/me/todo/lists', { displayName: 'Nope' }, {}, readOnly)).status, 403);

    const result = await sbx
      .msal(sbx.tenants[0]!.id)
      .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    const app = result!.accessToken;
    const lists = await call('GET', `/users/${other.id}/todo/lists`, undefined, {}, app);
    assert.equal(lists.status, 200);
    const def = lists.body.value.find((l: any) => l.wellknownListName === 'defaultList');
    const seeded = await call(
      'GET',
      `/users/${other.userPrincipalName}/todo/lists/${def.id}/tasks?$top=50`,
      undefined,
      {},
      app,
    );
    assert.ok(seeded.body.value.length > 0);
    assert.ok(
      seeded.body.value.every(
        (x: any) => typeof x.isReminderOn === 'boolean' && x.dueDateTime.timeZone === 'UTC',
      ),
    );
    const completed = seeded.body.value.filter((x: any) => x.completedDateTime);
    assert.ok(completed.length > 0);
    assert.ok(
      completed.every((x: any) => x.completedDateTime.dateTime.endsWith('T00:00:00.0000000')),
      'completion dates are midnight UTC',
    );
    const created = await call(
      'POST',
      `/users/${other.id}/todo/lists/${def.id}/tasks`,
      { title: 'From the app' },
      {},
      app,
    );
    assert.equal(created.status, 201);
  });
});
