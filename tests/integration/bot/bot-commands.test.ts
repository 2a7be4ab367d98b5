import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { BUILT_IN_PROFILES } from '../../../src/tenancy/permissions.js';
import { profiles } from '../../../src/tenancy/tenancy.table.js';
import { assertValidCard, cardText, executeActions } from '../../support/adaptive-card.js';
import { botHarness, TEST_TEAMS_APP_ID } from '../../support/bot-harness.js';

type Harness = Awaited<ReturnType<typeof botHarness>>;
const cardOf = (a: Partial<Activity>) => (a.attachments?.[0] as any)?.content;

describe('Bot chat commands (TestAdapter, real database)', () => {
  let h: Harness;
  let org: Awaited<ReturnType<Harness['provision']>>;

  before(async () => {
    h = await botHarness();
    org = await h.provision();
  });

  const statusOf = async (module: string) =>
    (await h.moduleSettings.statusOf(org.principal)).find((m) => m.module === module)!.enabled;

  it('"help" answers with a valid help card listing every command', async () => {
    await h
      .chat(org.tenantId, org.objectId)
      .send('help')
      .assertReply((reply) => {
        const card = cardOf(reply);
        assertValidCard(card);
        const text = cardText(card);
        for (const c of ['status', 'enable <module>', 'disable <module>', 'sync now', 'errors', 'help']) {
          assert.ok(text.includes(c), `help lists ${c}`);
        }
        assert.deepEqual(
          executeActions(card).map((a) => a.verb),
          ['showStatus'],
        );
      });
  });

  it('"status" shows a valid card with each module off and a switch per module', async () => {
    await h
      .chat(org.tenantId, org.objectId)
      .send('status')
      .assertReply((reply) => {
        const card = cardOf(reply);
        assertValidCard(card);
        assert.equal(card.version, '1.5');
        const toggles = executeActions(card).filter((a) => a.verb === 'toggleModule');
        assert.deepEqual(
          toggles.map((t) => [t.title, t.data.module, t.data.enabled]),
          [
            ['Turn on', 'contacts', true],
            ['Turn on', 'meetings', true],
            ['Turn on', 'tasks', true],
          ],
        );
      });
  });

  it('"turn on contacts" then "disable contacts" switch the member\'s contacts sync', async () => {
    const chat = h.chat(org.tenantId, org.objectId);
    await chat.send('turn on contacts').assertReply((r) => assert.match(r.text!, /Contacts sync is on/));
    assert.equal(await statusOf('contacts'), true);
    await chat.send('disable contacts').assertReply((r) => assert.match(r.text!, /Contacts sync is off/));
    assert.equal(await statusOf('contacts'), false);
  });

  it('understands aliases and French, Spanish and German ("calendar", "to do", "activer", "desactivar", "einschalten")', async () => {
    const chat = h.chat(org.tenantId, org.objectId);
    await chat
      .send('please switch on my calendar')
      .assertReply((r) => assert.match(r.text!, /Meetings sync is on/));
    assert.equal(await statusOf('meetings'), true);
    await chat
      .send('désactiver les réunions')
      .assertReply((r) => assert.match(r.text!, /Meetings sync is off/));
    await chat.send('Aufgaben einschalten').assertReply((r) => assert.match(r.text!, /Tasks sync is on/));
    await chat.send('desactivar to do').assertReply((r) => assert.match(r.text!, /Tasks sync is off/));
    assert.equal(await statusOf('tasks'), false);
    await chat.send('events').assertReply((r) => assertValidCard(cardOf(r)));
  });

  it('"enable tasks" without the delete permission on tasks is refused, naming it; nothing changes', async () => {
    const perms = structuredClone(BUILT_IN_PROFILES.standard.permissions);
    perms.modules.tasks = { view: true, create: true, edit: true, delete: false };
    await h.db.system((tx) =>
      tx.insert(profiles).values({
        id: randomUUID(),
        orgId: org.organisation.id,
        key: 'no-task-delete',
        name: 'No task delete',
        permissions: perms,
      }),
    );
    const oid = randomUUID();
    await h.tenancy.addMember(org.organisation.id, {
      objectId: oid,
      userPrincipalName: `limited@${org.tenantId.slice(0, 8)}.example`,
      displayName: 'Limited',
      profileKey: 'no-task-delete',
    });
    await h
      .chat(org.tenantId, oid)
      .send('enable tasks')
      .assertReply((r) => {
        assert.match(r.text!, /can't turn on tasks sync/);
        assert.match(r.text!, /delete permission on tasks/);
      });
    const limited = await h.tenancy.resolvePrincipal(org.tenantId, oid);
    assert.equal(
      (await h.moduleSettings.statusOf(limited)).find((m) => m.module === 'tasks')!.enabled,
      false,
    );
  });

  it('"sync now" and "errors" answer honestly when this deployment has no sync engine (no Graph)', async () => {
    const chat = h.chat(org.tenantId, org.objectId);
    await chat.send('turn on contacts').assertReply((r) => assert.match(r.text!, /on/));
    await chat.send('sync now').assertReply((r) => {
      assert.match(r.text!, /I couldn't start contacts sync\. The sync engine is not running/);
    });
    await chat.send('errors').assertReply((r) => assert.match(r.text!, /No sync errors/));
  });

  it('anything else gets the help card', async () => {
    await h
      .chat(org.tenantId, org.objectId)
      .send('what is the weather like?')
      .assertReply((r) => {
        assertValidCard(cardOf(r));
        assert.match(cardText(cardOf(r)), /didn't understand/);
      });
  });

  it('a tenant user who is not a member gets the join card opening the Join tab', async () => {
    await h
      .chat(org.tenantId, randomUUID())
      .send('status')
      .assertReply((r) => {
        const card = cardOf(r);
        assertValidCard(card);
        assert.match(cardText(card), new RegExp(`${org.organisation.name} already uses Tandem`));
        assert.deepEqual(card.actions, [
          { type: 'Action.Execute', title: 'Request to join', verb: 'requestToJoin', data: {} },
          {
            type: 'Action.OpenUrl',
            title: 'Open the Join tab',
            url: `https://teams.microsoft.com/l/entity/${TEST_TEAMS_APP_ID}/join`,
          },
        ]);
      });
  });

  it('a user of a tenant without Tandem is told it is not set up for their organisation', async () => {
    await h
      .chat(randomUUID(), randomUUID())
      .send('help')
      .assertReply((r) => assert.match(cardText(cardOf(r)), /not set up for your organisation/));
  });

  it('a re-delivered activity (same id) gets no second reply and changes nothing', async () => {
    const chat = h.chat(org.tenantId, org.objectId);
    const activity = {
      type: 'message',
      id: `dup-${randomUUID()}`,
      text: 'turn on meetings',
    } as Partial<Activity>;
    await chat.send(activity).assertReply((r) => assert.match(r.text!, /Meetings sync is on/));
    await h.moduleSettings.setEnabled(org.principal, 'meetings', false);
    await chat
      .send(activity)
      .send('help')
      .assertReply((r) => assert.ok(cardOf(r), 'the next reply is the help card'));
    assert.equal(await statusOf('meetings'), false);
  });

  it('pressing a module switch (Action.Execute) returns the refreshed card in place', async () => {
    await h.moduleSettings.setEnabled(org.principal, 'contacts', false);
    await h
      .chat(org.tenantId, org.objectId)
      .send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'toggleModule',
            data: { module: 'contacts', enabled: true },
          },
        },
      } as Partial<Activity>)
      .assertReply((r) => {
        const response = r.value as any;
        assert.equal(response.status, 200);
        const card = response.body.value;
        assertValidCard(card);
        assert.match(cardText(card), /Contacts sync is on/);
        const contacts = executeActions(card).find((a) => a.data?.module === 'contacts')!;
        assert.deepEqual([contacts.title, contacts.data.enabled], ['Turn off', false]);
      });
    assert.equal(await statusOf('contacts'), true);
  });

  it("stores the member's conversation reference for proactive messages", async () => {
    await h
      .chat(org.tenantId, org.objectId)
      .send('help')
      .assertReply(() => undefined);
    const reference = await h.references.find(org.organisation.id, org.principal.userId);
    assert.equal(reference?.serviceUrl, 'https://smba.trafficmanager.net/emea/');
    assert.equal(reference?.user?.aadObjectId, org.objectId);
  });
});
