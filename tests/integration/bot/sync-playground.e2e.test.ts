import assert from 'node:assert/strict';
import { AgentsPlayground } from '../../support/agents-playground.js';
import { assertValidCard, cardText } from '../../support/adaptive-card.js';
import { SandboxedTandem, type SandboxedMember } from '../../support/sandboxed-app.js';

/**
 * What `npm start` offers, end to end: in the Agents Playground (a local Teams client) Olivia turns
 * contacts on from the bot; a contact she adds to "Tandem Contacts" in Outlook reaches Tandem, and a
 * contact added in Tandem reaches Outlook, each reported back in the chat.
 */
describe('Contacts sync operated from the bot, end to end (Agents Playground, sandbox)', function () {
  this.timeout(90_000);
  let t: SandboxedTandem;
  let playground: AgentsPlayground;
  let olivia: SandboxedMember;
  let chatId: string;
  let userId: string;

  before(async () => {
    t = await SandboxedTandem.start({ ownDatabase: true });
    olivia = await t.provision(t.user('olivia'));
    playground = await AgentsPlayground.start(`${t.app.url}/api/messages`);
    const { config } = await playground.config();
    chatId = config.personalChat?.id;
    userId = config.currentUser?.id;
    assert.ok(chatId && userId, 'the playground has a personal chat for Olivia');
  });
  after(async () => {
    await playground?.stop();
    await t?.stop();
  });

  /** Waits for the bot's next "Contacts sync is done" card in the chat; returns its text. */
  const nextRunCard = async () => {
    for (;;) {
      const message = await playground.nextProactive(30_000);
      const card = message.attachments?.[0]?.content;
      if (card && /Contacts sync is done/.test(cardText(card))) {
        assertValidCard(card);
        return cardText(card);
      }
    }
  };
  const graph = async () => t.sandbox.graph(await t.sandbox.token(olivia.userPrincipalName, 'graph'));
  const folderId = async () =>
    (await t.app.request('GET', '/api/v1/sync/contacts', { token: olivia.token })).body.container.id;

  it('"enable contacts" answers at once and the first sync result follows in the chat', async () => {
    const asked = Date.now();
    const finished = nextRunCard();
    const reply = await playground.say(chatId, userId, 'enable contacts');
    assert.ok(Date.now() - asked < 1000, 'the bot answers within a second');
    assert.match(reply.text!, /Contacts sync is on/);
    assert.match(await finished, /To the CRM: /);
    assert.ok(await folderId(), 'the "Tandem Contacts" folder exists in Outlook');
  });

  it('a contact added in Outlook reaches Tandem; one added in Tandem reaches Outlook', async () => {
    const client = await graph();
    const folder = await folderId();
    await client.api(`/me/contactFolders/${folder}/contacts`).post({
      givenName: 'Katherine',
      surname: 'Johnson',
      emailAddresses: [{ address: 'katherine@nasa.example', name: 'Katherine Johnson' }],
    });
    const created = await t.app.request('POST', '/api/v1/contacts', {
      token: olivia.token,
      body: { firstName: 'Dorothy', lastName: 'Vaughan', emails: [{ address: 'dorothy@nasa.example' }] },
    });
    assert.equal(created.status, 201);

    const finished = nextRunCard();
    const reply = await playground.say(chatId, userId, 'sync now');
    assert.match(reply.text!, /Syncing contacts now/);
    await finished;

    const inTandem = await eventually(async () => {
      const found = await t.app.request('GET', '/api/v1/contacts?q=Katherine', { token: olivia.token });
      return found.body.items.find((c: any) => c.lastName === 'Johnson');
    });
    assert.equal(inTandem.emails[0].address, 'katherine@nasa.example');
    const inOutlook = await eventually(async () => {
      const list = await client.api(`/me/contactFolders/${folder}/contacts`).get();
      return list.value.find((c: any) => c.surname === 'Vaughan');
    });
    assert.equal(inOutlook.givenName, 'Dorothy');
  });
});

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('not synced in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
