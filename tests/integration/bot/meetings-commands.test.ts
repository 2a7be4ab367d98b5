import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TestAdapter, type Activity } from 'botbuilder';
import { assertValidCard, cardText, executeActions } from '../../support/adaptive-card.js';
import { SandboxedTandem, type SandboxedMember, type SandboxUser } from '../../support/sandboxed-app.js';
import { TeamsConnector } from '../../support/teams-connector.js';

const cardOf = (a: Partial<Activity>) => (a.attachments?.[0] as any)?.content;

/** The bot's generic sync commands operate meetings like contacts (engine + sandbox + Teams connector). */
describe('Bot sync commands for meetings', function () {
  this.timeout(60_000);
  let t: SandboxedTandem;
  let connector: TeamsConnector;
  let member: SandboxedMember;
  const conversationId = `a:${randomUUID()}`;

  const chat = (user: SandboxUser) =>
    new TestAdapter((turn) => t.app.tandem.container.bot.bot.run(turn), {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: conversationId, tenantId: t.tenant(0).id, conversationType: 'personal' } as any,
      from: { id: `29:${user.id}`, name: user.userPrincipalName, aadObjectId: user.id } as any,
      recipient: { id: '28:bot', name: 'Tandem' },
      channelData: { tenant: { id: t.tenant(0).id } },
    } as Partial<Activity>);
  const say = async (text: string) => {
    let reply: Partial<Activity> | undefined;
    await chat(member)
      .send({ type: 'message', text, id: randomUUID() } as Partial<Activity>)
      .assertReply((r) => void (reply = r), `a reply to "${text}"`, 15_000);
    return reply!;
  };
  const meetings = async () =>
    (await t.app.request('GET', '/api/v1/sync/meetings', { token: member.token })).body;
  const calendars = async () => {
    const graph = t.sandbox.graph(await t.sandbox.token(member.userPrincipalName, 'graph'));
    return (await graph.api(`/users/${member.id}/calendars`).filter(`name eq 'Tandem'`).get()).value;
  };

  before(async () => {
    connector = await TeamsConnector.start();
    t = await SandboxedTandem.start({ ownDatabase: true });
    const admin = await t.provision(t.tenant(0).users.find((u) => u.isAdministrator)!);
    member = await t.addMember(admin.orgId, t.user('samuel'), 'standard');
    await say('help');
  });
  after(async () => {
    await t?.stop();
    await connector?.stop();
  });

  it('"enable meetings" creates the Tandem calendar and the first sync result arrives in the chat', async () => {
    const reply = await say('enable meetings');
    assert.match(reply.text!, /Meetings sync is on/);
    assert.equal((await meetings()).enabled, true);
    assert.equal((await calendars()).length, 1);
    const calls = await connector.waitFor(
      (c) =>
        c.conversationId === conversationId &&
        /Meetings sync is done/.test(cardText(c.activity.attachments?.[0]?.content ?? {})),
      1,
      30_000,
    );
    assertValidCard(calls[0]!.activity.attachments[0].content);
  });

  it('"status" shows meetings on with a switch; "sync now" and "errors" name meetings', async () => {
    const card = cardOf(await say('status'));
    assertValidCard(card);
    const toggle = executeActions(card).find((a) => a.data?.module === 'meetings')!;
    assert.deepEqual([toggle.title, toggle.data.enabled], ['Turn off', false]);
    assert.match((await say('sync now')).text!, /Syncing meetings now/);
    assert.match((await say('errors')).text!, /No sync errors/);
  });

  it('"disable meetings" removes the calendar from Office 365', async () => {
    const reply = await say('disable meetings');
    assert.match(reply.text!, /Meetings sync is off/);
    assert.equal((await meetings()).enabled, false);
    assert.deepEqual(await calendars(), []);
  });
});
