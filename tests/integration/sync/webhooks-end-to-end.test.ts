import assert from 'node:assert/strict';
import { SyncHarness, waitFor } from './support/sync-harness.js';

/**
 * The receiver as `startTandem` wires it: enabling contacts subscribes Tandem's own URL, a contact
 * added in Outlook reaches the CRM through the notification alone (no "sync now"), and disabling
 * removes the subscription.
 */
describe('Graph change notifications: end to end through the engine', function () {
  this.timeout(90_000);
  let h: SyncHarness;

  const subscriptions = async (): Promise<any[]> =>
    ((await (await fetch(`${h.world.sandbox.url}/_sandbox/subscriptions`)).json()) as any).subscriptions;

  before(async () => {
    h = await SyncHarness.start();
  });
  after(() => h?.stop());

  it('answers the handshake on Tandem’s own server, outside the authenticated API', async () => {
    const res = await fetch(
      `${h.world.app.url}/api/webhooks/graph/lifecycle?validationToken=Request-Id%3a+x%2By`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      },
    );
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'Request-Id: x+y');
  });

  it('enabling subscribes the folder; a contact added in Outlook reaches the CRM without asking; disabling unsubscribes', async () => {
    const since = Date.now();
    const view = await h.enable();
    await h.settled(since);
    const [subscription] = (await subscriptions()).filter((s) => s.userId === h.member.id);
    assert.ok(subscription, 'enabling created a subscription');
    assert.equal(subscription.resource, `/users/${h.member.id}/contactFolders/${view.container.id}/contacts`);
    assert.equal(subscription.notificationUrl, `${h.world.app.url}/api/webhooks/graph`);
    assert.equal(subscription.lifecycleNotificationUrl, `${h.world.app.url}/api/webhooks/graph/lifecycle`);

    await h.outlook.api(`/users/${h.member.id}/contactFolders/${view.container.id}/contacts`).post({
      givenName: 'Wanda',
      surname: 'Webhook',
      emailAddresses: [{ address: 'wanda@notified.example' }],
    });
    // The backstop is 15 min away: only the notification can bring it in this soon.
    await waitFor(async () => (await h.crmContacts()).find((c) => c.lastName === 'Webhook'), 15_000);
    const [notified] = (await subscriptions()).filter((s) => s.id === subscription.id);
    assert.ok(notified.delivery.notifications >= 1);
    assert.equal(notified.delivery.failed, 0, 'every notification POST was acknowledged with 2xx in time');

    // Tandem writes its category back on Wanda: that change's notification is its own echo and
    // starts no run (it would otherwise hold the user's next change for the 5 s window).
    const wanda = async () =>
      (await h.outlookContacts(view.container.id)).find((c) => c.surname === 'Webhook');
    await waitFor(async () => (await wanda())?.categories?.length > 0);
    const rested = await h.settled(since);
    // Past the receiver's 5 s window, where the echo would have started its trailing run.
    await new Promise((r) => setTimeout(r, 6_500));
    assert.equal((await h.view()).lastRunAt, rested.lastRunAt, 'no run for Tandem’s own write');

    const off = await h.api('PUT', '/sync/contacts', { enabled: false });
    assert.equal(off.status, 200);
    await waitFor(async () => (await subscriptions()).every((s) => s.userId !== h.member.id), 5_000);
  });
});
