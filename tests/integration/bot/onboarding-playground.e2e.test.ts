import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AgentsPlayground } from '../../support/agents-playground.js';
import { assertValidCard, cardText, executeActions } from '../../support/adaptive-card.js';
import { SandboxedTandem } from '../../support/sandboxed-app.js';

// The seeded Contoso users of .m365agentsplayground.yml: Olivia (current user there) and Daniel.
const OLIVIA = '2f1b1bd3-e6e7-4ed0-8e83-a87d8e180ec0';
const DANIEL = 'd3bfdb62-2f21-46a8-8e48-b3e895e9e933';

/** The repo's playground config with Daniel as the current user (Olivia takes his place in `users`). */
function configAsDaniel(): string {
  const yml = readFileSync(path.resolve('.m365agentsplayground.yml'), 'utf8');
  const block = (id: string) => {
    const m = new RegExp(`^ {2}- id: ${id}\\n((?: {4}.*\\n)+)`, 'm').exec(yml)!;
    return m[1]!;
  };
  const olivia = /currentUser:\n((?: {2}.*\n)+?)users:/.exec(yml)![1]!;
  const daniel = block('user-daniel-hughes');
  const swapped = yml
    .replace(olivia, `  id: user-daniel-hughes\n${daniel.replace(/^ {2}/gm, '')}`)
    .replace(`  - id: user-daniel-hughes\n${daniel}`, `  - ${olivia.replace(/^ {2}/gm, '    ').trimStart()}`);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'playground-daniel-')), 'playground.yml');
  writeFileSync(file, swapped);
  return file;
}

async function startPlayground(endpoint: string, configPath?: string): Promise<AgentsPlayground> {
  const saved = process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH;
  if (configPath) process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = configPath;
  try {
    return await AgentsPlayground.start(endpoint);
  } finally {
    if (saved === undefined) delete process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH;
    else process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = saved;
  }
}

describe('Onboarding end to end in the Microsoft 365 Agents Playground', function () {
  this.timeout(90_000);
  let t: SandboxedTandem;
  let asOlivia: AgentsPlayground;
  let asDaniel: AgentsPlayground;
  const ids = { olivia: { chat: '', user: '' }, daniel: { chat: '', user: '' } };

  before(async () => {
    t = await SandboxedTandem.start({ ownDatabase: true });
    // The sandbox may have closed fetch's idle keep-alive connection while Tandem started (see
    // tests/browser/onboarding.test.ts): a first call takes that reset.
    await t.apiToken(t.user('olivia').userPrincipalName).catch(() => undefined);
    // Daniel set Tandem up for Contoso (Administrator); Olivia is not a member.
    assert.equal(t.user('daniel').id, DANIEL);
    await t.provision(t.user('daniel'));
    const endpoint = `${t.app.url}/api/messages`;
    // One after the other: the config path travels in the environment of the spawned process.
    asOlivia = await startPlayground(endpoint);
    asDaniel = await startPlayground(endpoint, configAsDaniel());
    for (const [who, pg] of [
      ['olivia', asOlivia],
      ['daniel', asDaniel],
    ] as const) {
      const { config } = await pg.config();
      ids[who] = { chat: config.personalChat?.id, user: config.currentUser?.id };
    }
    assert.equal((await asDaniel.config()).config.currentUser.aadObjectId, DANIEL);
  });
  after(async () => {
    await asOlivia?.stop();
    await asDaniel?.stop();
    await t?.stop();
  });

  it('a non-member asks to join from the bot; the admin presses Approve and add; she is a member and told so', async () => {
    // Daniel has talked to the bot: his chat is where approval cards reach him.
    await asDaniel.say(ids.daniel.chat, ids.daniel.user, 'help');

    const join = await asOlivia.say(ids.olivia.chat, ids.olivia.user, 'hi');
    const joinCard = join.attachments![0]!.content;
    assertValidCard(joinCard);
    assert.match(cardText(joinCard), /already uses Tandem/);

    const daniels = asDaniel.nextProactive(15_000);
    const sent = await asOlivia.press(ids.olivia.chat, ids.olivia.user, join.messageId, 'requestToJoin', {
      message: 'Please add me to the CRM',
    });
    assert.equal(sent.status, 200);
    assert.match(JSON.stringify(sent.body), /Request sent/);

    const approval = await daniels;
    const card = approval.attachments![0]!.content;
    assertValidCard(card);
    assert.match(cardText(card), /asks to join/);
    assert.match(cardText(card), /Please add me to the CRM/);
    const approve = executeActions(card).find((a) => a.title === 'Approve and add')!;

    const oliviaTold = asOlivia.nextProactive(15_000);
    const pressed = await asDaniel.press(
      ids.daniel.chat,
      ids.daniel.user,
      approval.messageId,
      approve.verb,
      approve.data,
    );
    assert.equal(pressed.status, 200);
    assert.match(JSON.stringify(pressed.body), /Approved by/);
    assert.match((await oliviaTold).text ?? '', /was approved by/);

    const principal = await t.app.tandem.container.tenancy.resolvePrincipal(t.tenant(0).id, OLIVIA);
    assert.equal(principal.profile.key, 'standard');
    const help = await asOlivia.say(ids.olivia.chat, ids.olivia.user, 'help');
    assert.match(cardText(help.attachments![0]!.content), /What I can do/);
  });
});
