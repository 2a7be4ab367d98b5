import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TestAdapter, type Activity } from 'botbuilder';
import { cardText } from '../../support/adaptive-card.js';
import { SandboxedTandem, type SandboxedMember } from '../../support/sandboxed-app.js';
import { TeamsConnector } from '../../support/teams-connector.js';

/** The bot operates tasks sync through the generic commands (engine + sandbox To Do + Teams connector). */
describe('Bot commands for tasks sync (engine, sandbox To Do)', function () {
  this.timeout(60_000);
  let t: SandboxedTandem;
  let connector: TeamsConnector;
  let member: SandboxedMember;
  const conversationId = `a:${randomUUID()}`;

  const say = async (text: string): Promise<Partial<Activity>> => {
    let reply: Partial<Activity> | undefined;
    const adapter = new TestAdapter((turn) => t.app.tandem.container.bot.bot.run(turn), {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: conversationId, tenantId: t.tenant(0).id, conversationType: 'personal' } as any,
      from: { id: `29:${member.id}`, name: member.userPrincipalName, aadObjectId: member.id } as any,
      recipient: { id: '28:bot', name: 'Tandem' },
      channelData: { tenant: { id: t.tenant(0).id } },
    } as Partial<Activity>);
    await adapter
      .send({ type: 'message', text, id: randomUUID() } as Partial<Activity>)
      .assertReply((r) => void (reply = r), `a reply to "${text}"`, 15_000);
    return reply!;
  };
  const textOf = (a: Partial<Activity>) => a.text ?? cardText((a.attachments?.[0] as any)?.content ?? {});
  const view = async () => (await t.app.request('GET', '/api/v1/sync/tasks', { token: member.token })).body;
  const lists = async () => {
    const graph = t.sandbox.graph(await t.sandbox.token(member.userPrincipalName, 'graph'));
    return (await graph.api(`/users/${member.id}/todo/lists`).get()).value.filter(
      (l: any) => l.displayName === 'Tandem Tasks',
    );
  };

  before(async () => {
    connector = await TeamsConnector.start();
    t = await SandboxedTandem.start({ ownDatabase: true, seed: { tasksPerUser: 0 } });
    const admin = await t.provision(t.tenant(0).users.find((u) => u.isAdministrator)!);
    member = await t.addMember(admin.orgId, t.user('samuel'), 'standard');
    await say('help');
  });
  after(async () => {
    await t?.stop();
    await connector?.stop();
  });

  it('"enable tasks" creates the list; the first sync result arrives in the chat', async () => {
    await t.app.request('POST', '/api/v1/tasks', { token: member.token, body: { subject: 'From the CRM' } });
    const reply = await say('enable tasks');
    assert.match(textOf(reply), /tasks sync/i);
    assert.equal((await view()).enabled, true);
    assert.equal((await lists()).length, 1);
    await connector.waitFor(
      (c) => c.conversationId === conversationId && /Tasks sync is done/.test(textOf(c.activity)),
      1,
      30_000,
    );
  });

  it('"status", "sync tasks" and "errors" answer for tasks', async () => {
    assert.match(textOf(await say('status')), /Tasks\nOn/);
    assert.match(textOf(await say('sync tasks')), /Syncing tasks now/);
    assert.equal(textOf(await say('errors')), 'No sync errors: everything went through.');
    assert.match(
      textOf(await say('status')),
      /Tasks\nOn.*To Do list "Tandem Tasks"[\s\S]*To Outlook: 1 created/,
    );
  });

  it('"disable tasks" deletes the list and keeps the CRM tasks', async () => {
    const reply = await say('disable tasks');
    assert.match(textOf(reply), /tasks/i);
    assert.equal((await view()).enabled, false);
    assert.equal((await lists()).length, 0);
    const crm = await t.app.request('GET', '/api/v1/tasks?limit=10', { token: member.token });
    assert.deepEqual(
      crm.body.items.map((x: any) => x.subject),
      ['From the CRM'],
    );
  });
});
