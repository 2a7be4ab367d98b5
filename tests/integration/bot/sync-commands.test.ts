import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TestAdapter, type Activity } from 'botbuilder';
import type { SyncTarget } from '../../../src/sync/engine/sync-contract.js';
import { assertValidCard, cardText, executeActions } from '../../support/adaptive-card.js';
import { SandboxedTandem, type SandboxedMember, type SandboxUser } from '../../support/sandboxed-app.js';
import { TeamsConnector } from '../../support/teams-connector.js';

const cardOf = (a: Partial<Activity>) => (a.attachments?.[0] as any)?.content;
const invoke = (verb: string, data: Record<string, unknown>) =>
  ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
  }) as Partial<Activity>;

/**
 * The bot operates the sync for real (engine + Microsoft 365 sandbox): commands answer within a
 * second, results come back proactively through the member's chat, and the notifier's cards work.
 */
describe('Bot sync commands and notices (engine, sandbox, Teams connector)', function () {
  this.timeout(60_000);
  let t: SandboxedTandem;
  let connector: TeamsConnector;
  let admin: SandboxedMember;
  let member: SandboxedMember;

  const conversations = new Map<string, string>();
  const chat = (user: SandboxUser) => {
    const conversationId = conversations.get(user.id) ?? `a:${randomUUID()}`;
    conversations.set(user.id, conversationId);
    return new TestAdapter((turn) => t.app.tandem.container.bot.bot.run(turn), {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: conversationId, tenantId: t.tenant(0).id, conversationType: 'personal' } as any,
      from: { id: `29:${user.id}`, name: user.userPrincipalName, aadObjectId: user.id } as any,
      recipient: { id: '28:bot', name: 'Tandem' },
      channelData: { tenant: { id: t.tenant(0).id } },
    } as Partial<Activity>);
  };
  /** Says `text`; resolves with the first reply and how long it took. */
  const say = async (user: SandboxUser, text: string) => {
    const started = Date.now();
    let reply: Partial<Activity> | undefined;
    let ms = 0;
    // A fresh activity id each time: the bot ignores a re-delivered one (same conversation and id).
    await chat(user)
      .send({ type: 'message', text, id: randomUUID() } as Partial<Activity>)
      .assertReply(
        (r) => {
          ms = Date.now() - started;
          reply = r;
        },
        `a reply to "${text}"`,
        15_000,
      );
    return { reply: reply!, ms };
  };
  const press = async (user: SandboxUser, verb: string, data: Record<string, unknown>) => {
    let card: any;
    await chat(user)
      .send(invoke(verb, data))
      .assertReply(
        (r) => {
          assert.equal((r.value as any).status, 200);
          card = (r.value as any).body.value;
        },
        'the invoke response',
        15_000,
      );
    assertValidCard(card);
    return card;
  };
  /** The next proactive card in `user`'s chat whose text matches. */
  const proactiveCard = async (user: SandboxUser, text: RegExp, after = 0) => {
    const conversationId = conversations.get(user.id)!;
    const calls = await connector.waitFor(
      (c) =>
        c.conversationId === conversationId &&
        c.method === 'POST' &&
        text.test(cardText(c.activity.attachments?.[0]?.content ?? {})),
      after + 1,
      30_000,
    );
    const card = calls[after]!.activity.attachments[0].content;
    assertValidCard(card);
    return card;
  };
  const countCards = (user: SandboxUser, text: RegExp, from = 0) =>
    connector.calls
      .slice(0, from)
      .filter(
        (c) =>
          c.conversationId === conversations.get(user.id) &&
          text.test(cardText(c.activity.attachments?.[0]?.content ?? {})),
      ).length;
  const crmCount = async (m: SandboxedMember) =>
    (await t.app.request('GET', '/api/v1/contacts?limit=100', { token: m.token })).body.items.length;
  const target = (m: SandboxedMember): SyncTarget => ({
    orgId: m.orgId,
    userId: m.userId,
    module: 'contacts',
  });
  const contacts = async (m: SandboxedMember) =>
    (await t.app.request('GET', '/api/v1/sync/contacts', { token: m.token })).body;

  before(async () => {
    connector = await TeamsConnector.start();
    // A breaker that trips on more than one deletion, so a test can trip it with a few contacts.
    t = await SandboxedTandem.start({
      ownDatabase: true,
      env: { SYNC_MASS_DELETE_MIN: '1', SYNC_MASS_DELETE_PERCENT: '1' },
    });
    admin = await t.provision(t.tenant(0).users.find((u) => u.isAdministrator)!);
    member = await t.addMember(admin.orgId, t.user('samuel'), 'standard');
    for (const m of [admin, member]) await say(m, 'help');
  });
  after(async () => {
    await t?.stop();
    await connector?.stop();
  });

  it('"status" answers within a second with each module, its state and a switch', async () => {
    const { reply, ms } = await say(member, 'status');
    assert.ok(ms < 1000, `answered in ${ms} ms`);
    const card = cardOf(reply);
    assertValidCard(card);
    assert.deepEqual(
      executeActions(card)
        .filter((a) => a.verb === 'toggleModule')
        .map((a) => [a.title, a.data.module, a.data.enabled]),
      [
        ['Turn on', 'contacts', true],
        ['Turn on', 'meetings', true],
        ['Turn on', 'tasks', true],
      ],
    );
    assert.match(cardText(card), /Contacts\nOff/);
  });

  it('"enable contacts" answers within a second, creates the folder, and the first sync result arrives in the chat', async () => {
    const { reply, ms } = await say(member, 'enable contacts');
    assert.ok(ms < 1000, `answered in ${ms} ms`);
    assert.match(reply.text!, /contacts sync/i);
    const view = await contacts(member);
    assert.equal(view.enabled, true);
    assert.ok(view.container.id, 'the "Tandem Contacts" folder exists');
    const done = await proactiveCard(member, /Contacts sync is done/);
    assert.match(cardText(done), /To the CRM: /);
    assert.deepEqual(
      executeActions(done).map((a) => a.verb),
      ['showStatus'],
    );
  });

  it('"sync now" acknowledges within a second and reports the run proactively', async () => {
    const before = connector.calls.length;
    const { reply, ms } = await say(member, 'sync now');
    assert.ok(ms < 1000, `answered in ${ms} ms`);
    assert.match(reply.text!, /Syncing contacts now\. I'll tell you here when it is done\./);
    const conversationId = conversations.get(member.id)!;
    await connector.waitFor(
      (c) =>
        connector.calls.indexOf(c) >= before &&
        c.conversationId === conversationId &&
        /Contacts sync is done/.test(cardText(c.activity.attachments?.[0]?.content ?? {})),
      1,
      30_000,
    );
  });

  it('"sync now" with every module off says so; "errors" lists nothing when there is nothing', async () => {
    assert.match((await say(admin, 'sync now')).reply.text!, /Nothing to sync: every module is off/);
    assert.match((await say(admin, 'errors')).reply.text!, /No sync errors: no module is on/);
    assert.match((await say(member, 'errors')).reply.text!, /No sync errors/);
  });

  it('the status card shows last sync, counts each way, pending and errors of an enabled module', async () => {
    const card = cardOf((await say(member, 'status')).reply);
    assertValidCard(card);
    const text = cardText(card);
    for (const fact of ['Last sync: {{DATE(', 'To the CRM: ', 'To Outlook: ', 'Pending: 0', 'Errors: none']) {
      assert.ok(text.includes(fact), `${fact} in ${text}`);
    }
    const toggle = executeActions(card).find((a) => a.data?.module === 'contacts')!;
    assert.deepEqual([toggle.title, toggle.data.enabled], ['Turn off', false]);
  });

  it('a run about to delete more than the threshold pauses and asks; only its member may answer', async () => {
    // Deletions in Outlook reach the CRM only with this option (off by default).
    const put = await t.app.request('PUT', '/api/v1/sync/contacts', {
      token: member.token,
      body: { enabled: true, options: { deleteCrmOnRemoteDelete: true } },
    });
    assert.equal(put.status, 200, put.text);
    const graph = t.sandbox.graph(await t.sandbox.token(member.userPrincipalName, 'graph'));
    const folderId = (await contacts(member)).container.id;
    const made = [];
    for (const givenName of ['Marie', 'Pierre', 'Irène']) {
      made.push(
        await graph.api(`/me/contactFolders/${folderId}/contacts`).post({ givenName, surname: 'Curie' }),
      );
    }
    const synced = connector.calls.length;
    await say(member, 'sync now');
    await proactiveCard(member, /Contacts sync is done/, countCards(member, /Contacts sync is done/, synced));
    // Without push, the three deletions reach Tandem in one run (a notification per deletion could
    // otherwise start a run after the first, which deletes one item — within the threshold).
    await t.app.tandem.container.subscriptions!.remove({
      orgId: member.orgId,
      userId: member.userId,
      module: 'contacts',
    });
    const crmBefore = await crmCount(member);
    for (const c of made) await graph.api(`/me/contacts/${c.id}`).delete();
    const asked = await say(member, 'sync now');
    assert.match(asked.reply.text!, /Syncing contacts now|paused/, asked.reply.text);

    const card = await proactiveCard(member, /Contacts sync is paused/);
    assert.match(cardText(card), /would delete 3 items, more than the 1 I delete without asking/);
    const verbs = executeActions(card);
    assert.deepEqual(
      verbs.map((a) => [a.title, a.verb, a.data.applyDeletions]),
      [
        ['Apply deletions', 'resolvePause', true],
        ['Keep the items', 'resolvePause', false],
      ],
    );
    assert.equal((await contacts(member)).state, 'paused');
    const stranger = await press(admin, 'resolvePause', verbs[0]!.data);
    assert.match(cardText(stranger), /That question was for someone else/);
    const forged = await press(admin, 'resolvePause', { module: 'contacts', applyDeletions: true });
    assert.match(cardText(forged), /out of date/);
    assert.equal((await contacts(member)).state, 'paused', 'nobody else answered for them');

    const kept = await press(member, 'resolvePause', verbs[1]!.data);
    assert.match(cardText(kept), /Contacts sync resumed/);
    assert.notEqual((await contacts(member)).state, 'paused');
    assert.equal(await crmCount(member), crmBefore, 'the CRM contacts are kept');
    const again = await press(member, 'resolvePause', verbs[1]!.data);
    assert.match(cardText(again), /not waiting for an answer/, 'a second press changes nothing');
  });

  it('"errors" lists what went wrong with its reason, and why the module waits', async () => {
    const faults = (method: string, body?: unknown) =>
      fetch(`${t.sandbox.url}/_sandbox/faults`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // Office 365 keeps failing the member's delta reads: the run gives up and retries later.
    const put = await faults('PUT', {
      rules: [{ match: { path: '/delta', user: member.id }, fault: '503', retryAfterSeconds: 0 }],
    });
    assert.ok(put.ok, await put.text());
    try {
      await say(member, 'sync now');
      await eventually(async () => ((await contacts(member)).state === 'backoff' ? true : undefined));
      const { reply, ms } = await say(member, 'errors');
      assert.ok(ms < 1000, `answered in ${ms} ms`);
      const card = cardOf(reply);
      assertValidCard(card);
      const text = cardText(card);
      assert.match(text, /Sync errors\nContacts\nOn, retrying after an error/);
      assert.match(text, /\{\{DATE\([^)]+\)\}\} \{\{TIME\([^)]+\)\}\}: Office 365 did not answer in time/);
      assert.ok(!/503|ServiceUnavailable/i.test(text), "Graph's own words never reach the chat");
    } finally {
      await faults('DELETE');
    }
  });

  it('the needs-consent card explains signing in and opens the Sync tab', async () => {
    await t.app.tandem.container.bot.syncNotifier.needsConsent(target(member), {
      code: 'CONSENT_REQUIRED',
      message: 'Tandem can no longer reach your Office 365 mailbox.',
    });
    const card = await proactiveCard(member, /needs you to sign in/);
    assert.match(cardText(card), /Signing in opens a Microsoft window/);
    const open = card.actions.find((a: any) => a.type === 'Action.OpenUrl');
    assert.match(open.url, /^https:\/\/teams\.microsoft\.com\/l\/entity\/[^/]+\/sync$/);
  });

  it('a deleted folder is told in plain words; a member without a chat is skipped without failing', async () => {
    await t.app.tandem.container.bot.syncNotifier.containerDeleted(target(member), {
      containerName: 'Tandem Contacts',
    });
    const conversationId = conversations.get(member.id)!;
    const [told] = await connector.waitFor(
      (c) => c.conversationId === conversationId && /was deleted in Office 365/.test(c.activity.text ?? ''),
    );
    assert.match(told!.activity.text, /"Tandem Contacts" folder was deleted.*turned contacts sync off/);
    const silent = await t.addMember(admin.orgId, t.user('lucia'), 'standard');
    await t.app.tandem.container.bot.syncNotifier.runFinished(target(silent), {
      toCrm: { created: 1, updated: 0, deleted: 0 },
      toOffice: { created: 0, updated: 0, deleted: 0 },
      errors: 0,
    });
  });

  it('"disable contacts" turns it off and says the CRM contacts stay', async () => {
    const { reply, ms } = await say(member, 'disable contacts');
    assert.ok(ms < 1000, `answered in ${ms} ms`);
    assert.match(reply.text!, /Contacts sync is off\. .*your CRM contacts stay as they are/);
    assert.equal((await contacts(member)).enabled, false);
  });
});

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
