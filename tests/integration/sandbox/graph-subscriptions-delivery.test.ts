import assert from 'node:assert/strict';
import { inMinutes, SubscriptionFixture } from '../../support/subscription-fixture.js';
import { wellBehaved } from '../../support/webhook-receiver.js';

describe('Sandbox: Graph change notifications (delivery, retries, lifecycle)', () => {
  const f = new SubscriptionFixture();
  before(f.start);
  after(f.stop);

  it('notifies created, updated and deleted contacts of the subscribed folder only (official client)', async () => {
    const subscription = await f.sbx
      .graph(f.token)
      .api('/subscriptions')
      .post({
        changeType: 'created,updated,deleted',
        notificationUrl: f.hooks.url('/hooks/folder'),
        resource: `me/contactFolders/${f.folder}/contacts`,
        expirationDateTime: inMinutes(4200),
        clientState: 'folder-secret',
      });
    f.conformance.assertResponse({
      method: 'POST',
      url: `${f.sbx.url}/v1.0/subscriptions`,
      status: 201,
      body: subscription,
    });
    await f.addContact('Elsewhere', f.otherFolder);
    const tokenB = await f.sbx.token(f.userB.userPrincipalName, 'graph');
    await f.call('POST', '/me/contacts', { givenName: 'Someone else' }, tokenB);
    const c = (await f.addContact('Ada')).body;
    await f.hooks.waitFor('/hooks/folder', () => f.hooks.notifications('/hooks/folder').length === 1);
    const updated = (await f.call('PATCH', `/me/contacts/${c.id}`, { jobTitle: 'Countess' })).body;
    await f.hooks.waitFor('/hooks/folder', () => f.hooks.notifications('/hooks/folder').length === 2);
    assert.equal((await f.call('DELETE', `/me/contacts/${c.id}`)).status, 204);
    await f.hooks.waitFor('/hooks/folder', () => f.hooks.notifications('/hooks/folder').length === 3);

    const got = f.hooks.notifications('/hooks/folder');
    assert.deepEqual(
      got.map((n) => n.changeType),
      ['created', 'updated', 'deleted'],
    );
    assert.match(f.hooks.posts('/hooks/folder')[0]!.contentType, /^application\/json/);
    for (const n of got) {
      assert.equal(n.subscriptionId, subscription.id);
      assert.equal(n.subscriptionExpirationDateTime, subscription.expirationDateTime);
      assert.equal(n.clientState, 'folder-secret');
      assert.equal(n.tenantId, f.sbx.tenants[0]!.id);
      assert.equal(n.resource, `Users/${f.userA.id}/Contacts/${c.id}`);
      assert.equal(n.resourceData['@odata.type'], '#Microsoft.Graph.Contact');
      assert.equal(n.resourceData['@odata.id'], n.resource);
      assert.equal(n.resourceData.id, c.id);
    }
    assert.equal(got[0].resourceData['@odata.etag'], c['@odata.etag']);
    assert.equal(got[1].resourceData['@odata.etag'], updated['@odata.etag']);
  });

  it('coalesces quick changes into one POST; /me/contacts covers every contact folder', async () => {
    await f.subscribe('/hooks/burst', { resource: 'me/contacts', changeType: 'created' });
    const one = (await f.call('POST', '/me/contacts', { givenName: 'One' })).body;
    await f.call('POST', '/me/contacts', { givenName: 'Two' });
    await f.addContact('Three');
    await f.hooks.waitFor('/hooks/burst', () => f.hooks.notifications('/hooks/burst').length >= 3);
    assert.equal(f.hooks.posts('/hooks/burst').length, 1);
    assert.equal(f.hooks.notifications('/hooks/burst').length, 3);
    await f.call('DELETE', `/me/contacts/${one.id}`);
    await f.call('POST', '/me/contacts', { givenName: 'Four' });
    await f.hooks.waitFor('/hooks/burst', () => f.hooks.notifications('/hooks/burst').length >= 4);
    assert.deepEqual(
      f.hooks.notifications('/hooks/burst').map((n) => n.changeType),
      ['created', 'created', 'created', 'created'],
      'only the subscribed change types',
    );
  });

  it('retries a POST that failed or timed out until the endpoint acknowledges it', async () => {
    const answers = [{ status: 500 }, { status: 202, delayMs: 600 }, { status: 202 }];
    f.hooks.on('/hooks/flaky', (r) =>
      r.query.has('validationToken') ? wellBehaved(r) : (answers.shift() ?? { status: 202 }),
    );
    const { id } = (await f.subscribe('/hooks/flaky')).body;
    const c = (await f.addContact('Retry')).body;
    await f.hooks.waitFor('/hooks/flaky', () => f.hooks.posts('/hooks/flaky').length === 3);
    const bodies = f.hooks.posts('/hooks/flaky').map((p) => p.body);
    assert.deepEqual(new Set(bodies).size, 1, 'the same notification each time');
    assert.equal(f.hooks.notifications('/hooks/flaky')[0].resourceData.id, c.id);
    const stats = await f.deliveryStats(id, (d) => d.sent === 1);
    assert.deepEqual(
      { sent: stats.sent, failed: stats.failed, retried: stats.retried, lastStatus: stats.lastStatus },
      { sent: 1, failed: 2, retried: 2, lastStatus: 202 },
    );
    assert.ok(stats.slow >= 1, 'the timed-out attempt counts as slow');
  });

  it('gives a notification up once the retry schedule is exhausted', async () => {
    f.hooks.on('/hooks/down', (r) => (r.query.has('validationToken') ? wellBehaved(r) : { status: 503 }));
    const { id } = (await f.subscribe('/hooks/down')).body;
    await f.addContact('Lost');
    const stats = await f.deliveryStats(id, (d) => d.dropped === 1);
    assert.deepEqual(
      { sent: stats.sent, failed: stats.failed, retried: stats.retried, dropped: stats.dropped },
      { sent: 0, failed: 4, retried: 3, dropped: 1 },
      'first attempt + one retry per scheduled delay (3)',
    );
    assert.equal(f.hooks.posts('/hooks/down').length, 4);
  });

  it('delivers lifecycle events to the lifecycle URL; To Do gets reauthorizationRequired only', async () => {
    const contacts = (
      await f.subscribe('/hooks/lc', { lifecycleNotificationUrl: f.hooks.url('/lifecycle/lc') })
    ).body;
    for (const event of ['reauthorizationRequired', 'missed', 'subscriptionRemoved']) {
      assert.equal((await f.tool('POST', `/${contacts.id}/lifecycle`, { event })).status, 202, event);
    }
    await f.hooks.waitFor('/lifecycle/lc', () => f.hooks.notifications('/lifecycle/lc').length === 3);
    const events = f.hooks.notifications('/lifecycle/lc');
    assert.deepEqual(events.map((n) => n.lifecycleEvent).sort(), [
      'missed',
      'reauthorizationRequired',
      'subscriptionRemoved',
    ]);
    assert.deepEqual(Object.keys(events[0]).sort(), [
      'clientState',
      'lifecycleEvent',
      'subscriptionExpirationDateTime',
      'subscriptionId',
      'tenantId',
    ]);
    assert.equal(events[0].clientState, contacts.clientState);
    assert.equal(
      (await f.call('GET', `/subscriptions/${contacts.id}`)).status,
      404,
      'subscriptionRemoved removes it',
    );

    const mailbox = f.sbx.sandbox.store.mailbox(f.sbx.tenants[0]!.id, f.userA.id)!;
    const list = mailbox.wellKnown.tasks;
    const todo = (
      await f.subscribe('/hooks/todo', {
        resource: `me/todo/lists/${list}/tasks`,
        lifecycleNotificationUrl: f.hooks.url('/lifecycle/todo'),
      })
    ).body;
    for (const event of ['missed', 'subscriptionRemoved'])
      assert.equal((await f.tool('POST', `/${todo.id}/lifecycle`, { event })).status, 400, event);
    assert.equal(
      (await f.tool('POST', `/${todo.id}/lifecycle`, { event: 'reauthorizationRequired' })).status,
      202,
    );
    await f.hooks.waitFor('/lifecycle/todo', () => f.hooks.notifications('/lifecycle/todo').length === 1);
    assert.equal(
      (await f.tool('GET', '')).body.subscriptions.find((s: any) => s.id === todo.id).reauthorizationRequired,
      true,
    );

    const task = f.sbx.sandbox.store.create(mailbox, 'todoTasks', { title: 'Call back' }, list);
    await f.hooks.waitFor('/hooks/todo', () => f.hooks.notifications('/hooks/todo').length === 1);
    const [n] = f.hooks.notifications('/hooks/todo');
    assert.equal(n.resource, `Users/${f.userA.id}/todo/lists/${list}/tasks/${task.id}`);
    assert.equal(n.resourceData.id, task.id);

    const bare = (await f.subscribe('/hooks/bare')).body;
    assert.equal((await f.tool('POST', `/${bare.id}/lifecycle`, { event: 'missed' })).status, 409);
  });

  it('stops notifying deleted and expired subscriptions', async () => {
    const [keep, remove, expire] = [
      (await f.subscribe('/hooks/stop', { clientState: 'keep' })).body,
      (await f.subscribe('/hooks/stop', { clientState: 'remove' })).body,
      (await f.subscribe('/hooks/stop', { clientState: 'expire' })).body,
    ];
    assert.equal((await f.call('DELETE', `/subscriptions/${remove.id}`)).status, 204);
    assert.equal((await f.tool('POST', `/${expire.id}/expire`)).status, 200);
    assert.equal((await f.call('GET', `/subscriptions/${expire.id}`)).status, 404);
    assert.equal((await f.call('DELETE', `/subscriptions/${remove.id}`)).status, 404);
    await f.addContact('After');
    await f.hooks.waitFor('/hooks/stop', () => f.hooks.posts('/hooks/stop').length === 1);
    assert.deepEqual(
      f.hooks.notifications('/hooks/stop').map((n) => n.subscriptionId),
      [keep.id],
    );
  });
});
