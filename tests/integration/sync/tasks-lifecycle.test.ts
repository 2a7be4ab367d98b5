import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SyncUserNotifier } from '../../../src/sync/engine/sync-contract.js';
import { BUILT_IN_PROFILES } from '../../../src/tenancy/permissions.js';
import { profiles } from '../../../src/tenancy/tenancy.table.js';
import { LIST, TasksHarness, waitFor } from './support/tasks-harness.js';

class RecordingNotifier implements SyncUserNotifier {
  readonly deleted: unknown[] = [];
  runFinished: SyncUserNotifier['runFinished'] = async () => undefined;
  needsConsent: SyncUserNotifier['needsConsent'] = async () => undefined;
  massDeletePaused: SyncUserNotifier['massDeletePaused'] = async () => undefined;
  containerDeleted: SyncUserNotifier['containerDeleted'] = async (_t, detail) =>
    void this.deleted.push(detail);
}

/** Turning tasks sync on and off, its permissions, and what To Do does to the list. */
describe('Tasks sync lifecycle (To Do list, permissions, tenants)', function () {
  this.timeout(90_000);
  let t: TasksHarness;
  const told = new RecordingNotifier();
  let limitedUserId = '';

  before(async () => {
    t = await TasksHarness.start();
    t.h.container.syncEngine!.setNotifier(told);
  });
  after(() => t?.stop());

  it('enabling without the delete permission on tasks is refused, naming it; nothing is created', async () => {
    const perms = structuredClone(BUILT_IN_PROFILES.standard.permissions);
    perms.modules.tasks = { view: true, create: true, edit: false, delete: false };
    await t.world.app.tandem.db.system((tx) =>
      tx.insert(profiles).values({
        id: randomUUID(),
        orgId: t.admin.orgId,
        key: 'no-task-edit-delete',
        name: 'No task edit or delete',
        permissions: perms,
      }),
    );
    const user = t.world.tenant().users.find((u) => u.id !== t.admin.id && u.id !== t.member.id)!;
    limitedUserId = user.id;
    await t.world.app.tandem.container.tenancy.addMember(t.admin.orgId, {
      objectId: user.id,
      userPrincipalName: user.userPrincipalName,
      displayName: 'Limited',
      profileKey: 'no-task-edit-delete',
    });
    const token = await t.world.apiToken(user.userPrincipalName);
    const refused = await t.api('PUT', '/sync/tasks', { enabled: true }, token);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'module_permission_missing');
    assert.deepEqual(refused.body.missing, ['edit', 'delete']);
    assert.match(refused.body.detail, /edit, delete permissions on tasks/);
    assert.equal((await t.view(token)).enabled, false);
    assert.equal((await t.lists(user)).length, 0);
  });

  it('a dry run (before enabling) tells what the first sync would create and link on each side', async () => {
    const tagged = await t.createCrmTask({ subject: 'Tagged' });
    await t.createCrmTask({ subject: 'Only in the CRM' });
    const list = await t.todo.api(`/users/${t.member.id}/todo/lists`).post({ displayName: LIST });
    await t.todo.api(t.tasksPath(list.id)).post({ title: 'Already there' });
    await t.todo.api(t.tasksPath(list.id)).post({
      title: 'Tagged',
      linkedResources: [{ applicationName: 'Tandem', displayName: 'Tandem CRM task', externalId: tagged.id }],
    });
    const res = await t.api('POST', '/sync/tasks/dry-run');
    assert.equal(res.status, 200, res.text);
    const report = res.body;
    assert.deepEqual(report.container, { name: LIST, exists: true });
    const labels = (items: any[]) => items.map((i) => i.label).sort();
    assert.deepEqual(labels(report.toCrm.create), ['Already there']);
    assert.deepEqual(labels(report.toCrm.link), ['Tagged']);
    assert.deepEqual(labels(report.toOffice.link), ['Tagged']);
    assert.deepEqual(labels(report.toOffice.create), ['Only in the CRM']);
    assert.equal(report.toCrm.link[0].crmId, tagged.id);
    assert.equal((await t.view()).enabled, false, 'a dry run changes nothing');
  });

  it('an existing "Tandem Tasks" list is adopted, not duplicated; a tagged task is linked, not duplicated', async () => {
    const existing = await t.listId();
    // More untagged tasks than one $batch of tag reads: the list's tags are read in one listing.
    for (let i = 0; i < 24; i++) await t.todo.api(t.tasksPath(existing)).post({ title: `Bulk ${i}` });
    const since = Date.now();
    const view = await t.enable();
    assert.equal(view.container.id, existing);
    await t.settled(since);
    assert.equal((await t.lists()).length, 1);
    const bulk = Array.from({ length: 24 }, (_, i) => `Bulk ${i}`);
    const expected = ['Already there', 'Only in the CRM', 'Tagged', ...bulk].sort();
    const crm = (await t.crmTasks()).map((x) => x.subject).sort();
    assert.deepEqual(crm, expected);
    const todo = (await t.todoTasks(existing)).map((x) => x.title).sort();
    assert.deepEqual(todo, expected);
    for (const subject of bulk) {
      const res = await t.api('DELETE', `/tasks/${(await t.crmTask(subject)).id}`);
      assert.equal(res.status, 204);
    }
    await waitFor(async () => (await t.todoTasks(existing)).length === 3);
  });

  it('a task moved to another To Do list is deleted from the CRM', async () => {
    const listId = await t.listId();
    const other = await t.todo.api(`/users/${t.member.id}/todo/lists`).post({ displayName: 'Personal' });
    const task = await t.todoTask(listId, 'Already there');
    assert.ok(await t.crmTask('Already there'));
    await t.tool('POST', '/todo/move', {
      userPrincipalName: t.member.userPrincipalName,
      taskId: task.id,
      toListId: other.id,
    });
    await t.syncNow();
    assert.equal(await t.crmTask('Already there'), undefined);
    assert.ok(await t.todoTask(other.id, 'Already there'), 'the moved task itself is left alone');
    const journal = await t.journal();
    assert.ok(
      journal.some((e) => e.action === 'delete' && e.direction === 'to_crm' && e.label === 'Already there'),
    );
  });

  it('owner changed in the CRM: removed from the old owner’s list, added to the new owner’s', async () => {
    const taken = new Set([t.admin.id, t.member.id, limitedUserId]);
    const user = t.world.tenant().users.find((u) => !taken.has(u.id))!;
    const colleague = await t.world.addMember(t.admin.orgId, user, 'standard');
    const since = Date.now();
    await t.enable(colleague.token);
    await t.settled(since, colleague.token);
    const theirList = await t.listId(colleague);
    const listId = await t.listId();
    const task = await t.createCrmTask({ subject: 'Hand over' });
    await waitFor(async () => await t.todoTask(listId, 'Hand over'));
    assert.equal(await t.todoTask(theirList, 'Hand over', colleague), undefined);
    await t.patchCrmTask(task.id, { ownerId: colleague.userId }, t.admin.token);
    await waitFor(async () => !(await t.todoTask(listId, 'Hand over')));
    await waitFor(async () => await t.todoTask(theirList, 'Hand over', colleague));
    await t.syncNow();
    assert.equal(await t.crmTask('Hand over'), undefined, 'no longer the member’s');
    assert.ok(await t.crmTask('Hand over', colleague.token), 'the CRM task stays, with its new owner');
    const journal = await t.journal();
    assert.ok(
      journal.some((e) => e.action === 'delete' && e.direction === 'to_office' && e.crmId === task.id),
    );
  });

  it('tenant B cannot see tenant A on /api/v1/sync/tasks', async () => {
    const fabrikam = await t.world.provision(
      t.world.tenant(1).users.find((u) => u.isAdministrator)!,
      1,
    );
    const view = await t.view(fabrikam.token);
    assert.equal(view.enabled, false);
    assert.equal(view.container?.id ?? null, null);
    assert.deepEqual(await t.journal(fabrikam.token), []);
    assert.ok((await t.journal()).length > 0);
    const run = await t.api('POST', '/sync/tasks/run', undefined, fabrikam.token);
    assert.equal(run.status, 409);
  });

  it('disable deletes the list and its tasks from To Do; the CRM tasks stay', async () => {
    const before = (await t.crmTasks()).length;
    assert.ok(before > 0);
    const res = await t.api('PUT', '/sync/tasks', { enabled: false });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.enabled, false);
    assert.equal((await t.lists()).length, 0);
    assert.equal((await t.crmTasks()).length, before);
  });

  it('the list deleted in To Do disables the module, tells the member, is not recreated; the CRM stays', async () => {
    const since = Date.now();
    await t.enable();
    await t.settled(since);
    const listId = await t.listId();
    const before = (await t.crmTasks()).length;
    await t.todo.api(`/users/${t.member.id}/todo/lists/${listId}`).delete();
    await t.api('POST', '/sync/tasks/run');
    const view = await waitFor(async () => {
      const v = await t.view();
      return v.state === 'disabled' ? v : undefined;
    });
    assert.equal(view.enabled, false);
    assert.equal(view.paused.code, 'container_deleted');
    assert.equal(view.paused.message, '"Tandem Tasks" was deleted in Office 365.');
    await new Promise((r) => setTimeout(r, 2_500));
    assert.equal((await t.lists()).length, 0, 'not recreated');
    assert.deepEqual(told.deleted, [{ containerName: LIST }]);
    assert.equal((await t.crmTasks()).length, before);
  });
});
