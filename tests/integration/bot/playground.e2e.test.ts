import assert from 'node:assert/strict';
import type { Principal } from '../../../src/tenancy/principal.js';
import { AgentsPlayground } from '../../support/agents-playground.js';
import { assertValidCard, cardText, executeActions } from '../../support/adaptive-card.js';
import { TestApp } from '../../support/test-app.js';

// The sandbox's seeded Contoso tenant and its administrator, as in .m365agentsplayground.yml.
const CONTOSO = '39238aee-15c9-4b5e-b3d7-34cfd578a582';
const OLIVIA = { objectId: '2f1b1bd3-e6e7-4ed0-8e83-a87d8e180ec0', upn: 'olivia.bennett@contoso.example' };

describe('Bot end to end in the Microsoft 365 Agents Playground', function () {
  this.timeout(60_000);
  let app: TestApp;
  let playground: AgentsPlayground;
  let olivia: Principal;
  let chatId: string;
  let userId: string;

  before(async () => {
    // Its own database: the seeded Contoso tenant is provisioned here, other suites expect it not to be.
    app = await TestApp.start({}, { ownDatabase: true });
    const tenancy = app.tandem.container.tenancy;
    await tenancy.provisionOrganisation({
      tenantId: CONTOSO,
      name: 'Contoso',
      admin: { objectId: OLIVIA.objectId, userPrincipalName: OLIVIA.upn, displayName: 'Olivia Bennett' },
    });
    olivia = await tenancy.resolvePrincipal(CONTOSO, OLIVIA.objectId);
    playground = await AgentsPlayground.start(`${app.url}/api/messages`);
    const { config } = await playground.config();
    chatId = config.personalChat?.id;
    userId = config.currentUser?.id;
    assert.ok(chatId && userId, `playground config: ${JSON.stringify(config).slice(0, 300)}`);
  });
  after(async () => {
    await playground?.stop();
    await app?.stop();
  });

  const contactsOn = async () =>
    (await app.tandem.container.moduleSettings.statusOf(olivia)).find((m) => m.module === 'contacts')!
      .enabled;

  it('help, status, "enable contacts", then pressing the card switch', async () => {
    const help = await playground.say(chatId, userId, 'help');
    assert.match(cardText(help.attachments![0]!.content), /What I can do/);

    const asked = Date.now();
    const status = await playground.say(chatId, userId, 'status');
    assert.ok(Date.now() - asked < 1000, 'the status card arrives within a second');
    const card = status.attachments![0]!.content;
    assertValidCard(card);
    assert.ok(executeActions(card).some((a) => a.verb === 'toggleModule' && a.data.module === 'contacts'));

    const enabled = await playground.say(chatId, userId, 'enable contacts');
    assert.match(enabled.text!, /Contacts sync is on/);
    assert.equal(await contactsOn(), true);

    const pressed = await playground.press(chatId, userId, status.messageId, 'toggleModule', {
      module: 'contacts',
      enabled: false,
    });
    assert.equal(pressed.status, 200);
    assert.match(JSON.stringify(pressed.body), /Contacts sync is off/);
    assert.equal(await contactsOn(), false);
  });

  it('reaches the member proactively through the stored conversation (continueConversationAsync)', async () => {
    const next = playground.nextProactive();
    const sent = await app.tandem.container.bot.proactive.send(
      olivia.orgId,
      olivia.userId,
      'Your sync finished.',
    );
    assert.equal(sent, true);
    assert.equal((await next).text, 'Your sync finished.');
  });
});
