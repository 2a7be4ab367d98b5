import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { BotConnectorKeys, BOT_TOKEN_ISSUER, requestSink } from '../../support/bot-connector-keys.js';
import { TestApp, type TestOrg } from '../../support/test-app.js';

const BOT_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** Pressing "Turn on" for contacts on the status card, as Teams posts it. */
function toggleInvoke(org: TestOrg, overrides: Record<string, unknown> = {}) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    conversation: { id: `a:${randomUUID()}`, tenantId: org.tenantId, conversationType: 'personal' },
    from: { id: `29:${org.admin.objectId}`, aadObjectId: org.admin.objectId },
    recipient: { id: `28:${BOT_ID}` },
    channelData: { tenant: { id: org.tenantId } },
    value: {
      action: { type: 'Action.Execute', verb: 'toggleModule', data: { module: 'contacts', enabled: true } },
    },
    ...overrides,
  };
}

describe('POST /api/messages (Bot Framework channel auth)', () => {
  let keys: BotConnectorKeys;
  let app: TestApp;

  before(async () => {
    keys = await BotConnectorKeys.start();
    app = await TestApp.start({
      BOT_ID,
      BOT_PASSWORD: 'test-only-not-a-secret',
      BOT_TENANT_ID: '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8',
      BOT_OPENID_METADATA_URL: keys.metadataUrl,
      BOT_TOKEN_ISSUER,
    });
  });
  after(async () => {
    await app?.stop();
    await keys?.close();
  });

  const contactsOn = async (org: TestOrg) => {
    const principal = await app.tandem.container.tenancy.resolvePrincipal(org.tenantId, org.admin.objectId);
    const status = await app.tandem.container.moduleSettings.statusOf(principal);
    return status.find((m) => m.module === 'contacts')!.enabled;
  };
  const post = (body: unknown, token?: string, authorization?: string) =>
    app.request('POST', '/api/messages', {
      body,
      headers: authorization ? { authorization } : token ? { authorization: `Bearer ${token}` } : {},
    });

  it('a validly signed Teams activity is processed: the switch is set and the refreshed card returned', async () => {
    const org = await app.createOrg();
    const token = await keys.token({ aud: BOT_ID, serviceurl: SERVICE_URL });
    const res = await post(toggleInvoke(org), token);
    assert.equal(res.status, 200);
    assert.equal(res.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(res.body.value), /Contacts sync is on/);
    assert.equal(await contactsOn(org), true);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const mutations: [
    string,
    (org: TestOrg) => Promise<{ body: unknown; token?: string; authorization?: string }>,
    number,
  ][] = [
    ['no Authorization header', async (org) => ({ body: toggleInvoke(org) }), 401],
    [
      'alg none',
      async (org) => {
        const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const claims = { iss: BOT_TOKEN_ISSUER, aud: BOT_ID, serviceurl: SERVICE_URL, exp: now() + 600 };
        return { body: toggleInvoke(org), token: `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.` };
      },
      401,
    ],
    [
      'signed by another key (same kid)',
      async (org) => {
        const other = await generateKeyPair('RS256');
        return {
          body: toggleInvoke(org),
          token: await keys.token({ aud: BOT_ID, serviceurl: SERVICE_URL }, { key: other.privateKey }),
        };
      },
      401,
    ],
    [
      'wrong issuer',
      async (org) => ({
        body: toggleInvoke(org),
        token: await keys.token({
          iss: 'https://sts.windows.net/evil/',
          aud: BOT_ID,
          serviceurl: SERVICE_URL,
        }),
      }),
      401,
    ],
    [
      'wrong audience',
      async (org) => ({
        body: toggleInvoke(org),
        token: await keys.token({ aud: randomUUID(), serviceurl: SERVICE_URL }),
      }),
      401,
    ],
    [
      'expired beyond the 5-minute skew',
      async (org) => ({
        body: toggleInvoke(org),
        token: await keys.token({
          aud: BOT_ID,
          serviceurl: SERVICE_URL,
          nbf: now() - 4000,
          iat: now() - 4000,
          exp: now() - 400,
        }),
      }),
      401,
    ],
    [
      'serviceurl claim differs from the activity serviceUrl',
      async (org) => ({
        body: toggleInvoke(org),
        token: await keys.token({ aud: BOT_ID, serviceurl: 'https://smba.trafficmanager.net/amer/' }),
      }),
      401,
    ],
    [
      'Basic scheme',
      async (org) => ({
        body: toggleInvoke(org),
        authorization: `Basic ${Buffer.from('a:b').toString('base64')}`,
      }),
      401,
    ],
    [
      'channelId is not msteams',
      async (org) => ({
        body: toggleInvoke(org, { channelId: 'webchat' }),
        token: await keys.token({ aud: BOT_ID, serviceurl: SERVICE_URL }),
      }),
      403,
    ],
    [
      'serviceUrl off the allowlist (look-alike host, claim matching)',
      async (org) => {
        const url = 'https://smba.trafficmanager.net.evil.example/';
        return {
          body: toggleInvoke(org, { serviceUrl: url }),
          token: await keys.token({ aud: BOT_ID, serviceurl: url }),
        };
      },
      403,
    ],
  ];

  for (const [name, build, status] of mutations) {
    it(`${name} → ${status}, the switch is untouched`, async () => {
      const org = await app.createOrg();
      const { body, token, authorization } = await build(org);
      const res = await post(body, token, authorization);
      assert.equal(res.status, status);
      assert.doesNotMatch(res.text, /Error|at .*\.(js|ts):\d+|eyJ/);
      assert.equal(await contactsOn(org), false);
    });
  }

  it('a serviceUrl on loopback is refused when the bot has an id, and nothing is sent there', async () => {
    const sink = await requestSink();
    try {
      const org = await app.createOrg();
      const token = await keys.token({ aud: BOT_ID, serviceurl: sink.url });
      const res = await post(
        toggleInvoke(org, {
          type: 'message',
          text: 'turn on contacts',
          serviceUrl: sink.url,
          value: undefined,
        }),
        token,
      );
      assert.equal(res.status, 403);
      assert.equal(sink.hits(), 0);
      assert.equal(await contactsOn(org), false);
    } finally {
      await sink.close();
    }
  });

  it('no token is ever written to the logs', () => {
    assert.doesNotMatch(app.logs.join('\n'), /eyJ[\w-]{10,}\./);
  });
});
