import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { TasksHarness, waitFor } from './support/tasks-harness.js';

/**
 * Change notifications on the "Tandem Tasks" list, and the periodic delta that backs them up: To Do
 * sends no `missed` or `subscriptionRemoved` lifecycle events (FACTS §4, §11).
 */
describe('Tasks sync: change notifications and the backstop', function () {
  this.timeout(90_000);
  let t: TasksHarness;
  let listId: string;

  const subscriptions = async (): Promise<any[]> => (await t.tool('GET', '/subscriptions')).subscriptions;

  before(async () => {
    t = await TasksHarness.start();
    const since = Date.now();
    await t.enable();
    await t.settled(since);
    listId = await t.listId();
  });
  after(() => t?.stop());

  it('enabling subscribes to the list’s tasks; a task added in To Do reaches the CRM without asking', async () => {
    const [subscription] = (await subscriptions()).filter((s) => s.userId === t.member.id);
    assert.ok(subscription, 'enabling created a subscription');
    assert.equal(subscription.resource, `/users/${t.member.id}/todo/lists/${listId}/tasks`);
    await t.todo.api(t.tasksPath(listId)).post({ title: 'Notified' });
    // The backstop is 15 min away: only the notification can bring it in this soon.
    await waitFor(async () => await t.crmTask('Notified'), 15_000);
  });

  it('To Do has no missed/subscriptionRemoved lifecycle events: the periodic delta is the backstop', async () => {
    const [subscription] = (await subscriptions()).filter((s) => s.userId === t.member.id);
    const missed = await fetch(`${t.world.sandbox.url}/_sandbox/subscriptions/${subscription.id}/lifecycle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'missed' }),
    });
    assert.equal(missed.status, 400, 'Graph sends no missed event for todoTask subscriptions');
    await t.tool('POST', `/subscriptions/${subscription.id}/expire`);
    await t.todo.api(t.tasksPath(listId)).post({ title: 'Unnotified' });
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(await t.crmTask('Unnotified'), undefined, 'no notification, no run yet');
    // The backstop interval has passed for this target (its last run made an hour old).
    await t.world.app.tandem.db.system((tx) =>
      tx.execute(sql`update sync_states set last_run_at = now() - interval '1 hour'
                     where user_id = ${t.member.userId} and module = 'tasks'`),
    );
    await waitFor(async () => await t.crmTask('Unnotified'), 15_000);
  });

  it('disabling removes the subscription', async () => {
    const off = await t.api('PUT', '/sync/tasks', { enabled: false });
    assert.equal(off.status, 200);
    await waitFor(async () => (await subscriptions()).every((s) => s.userId !== t.member.id), 5_000);
  });
});
