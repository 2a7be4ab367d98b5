import assert from 'node:assert/strict';
import { parseCommand } from '../../src/bot/commands/parse-command.js';
import { checkInbound } from '../../src/bot/inbound-guard.js';
import { isAllowedServiceUrl } from '../../src/bot/service-url.js';
import { parseConfig } from '../../src/config/load-config.js';

const PROD = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://x/y',
  AUTH_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  AUTH_CLIENT_SECRET: 's',
  TOKEN_CACHE_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe('Bot rules', () => {
  it('production without a bot id refuses to start; anonymous mode is loopback only', () => {
    assert.throws(() => parseConfig(PROD), /BOT_ID is required in production/);
    assert.throws(() => parseConfig({ ...PROD, BOT_ID: ' ' }), /BOT_ID/);
    assert.throws(
      () => parseConfig({ HOST: '0.0.0.0' }),
      /BOT_ID is required unless Tandem listens on loopback/,
    );
    assert.equal(parseConfig({}).bot.appId, undefined, 'anonymous sandbox bot on 127.0.0.1');
    assert.throws(
      () =>
        parseConfig({
          ...PROD,
          BOT_ID: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
          BOT_TENANT_ID: '7c9e6679-7425-40de-944b-e07fc1f90ae8',
        }),
      /BOT_PASSWORD is required in production/,
    );
    assert.throws(
      () =>
        parseConfig({
          ...PROD,
          BOT_ID: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
          BOT_TENANT_ID: '7c9e6679-7425-40de-944b-e07fc1f90ae8',
          SECRET_BOT_PASSWORD: 'p',
          BOT_OPENID_METADATA_URL: 'http://127.0.0.1/openid',
        }),
      /BOT_OPENID_METADATA_URL must use https in production/,
    );
    const prod = parseConfig({
      ...PROD,
      BOT_ID: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      BOT_TENANT_ID: '7c9e6679-7425-40de-944b-e07fc1f90ae8',
      SECRET_BOT_PASSWORD: 'p',
    });
    assert.equal(prod.bot.password, 'p');
    assert.equal(
      prod.bot.openIdMetadataUrl,
      'https://login.botframework.com/v1/.well-known/openidconfiguration',
    );
    assert.equal(prod.bot.tokenIssuer, 'https://api.botframework.com');
  });

  it('sends only to Teams service hosts (and loopback in sandbox mode)', () => {
    for (const ok of ['https://smba.trafficmanager.net/emea/', 'https://europe.webchat.botframework.com/']) {
      assert.equal(isAllowedServiceUrl(ok, false), true, ok);
    }
    for (const bad of [
      undefined,
      '',
      'http://smba.trafficmanager.net/emea/',
      'https://evil.trafficmanager.net/',
      'https://botframework.com.evil.io/',
      'https://user:pw@smba.trafficmanager.net/',
      'http://localhost:56150/_connector',
      'not a url',
    ]) {
      assert.equal(isAllowedServiceUrl(bad, false), false, String(bad));
    }
    assert.equal(isAllowedServiceUrl('http://localhost:56150/_connector', true), true);
  });

  it('refuses non-Teams channels, emulator-shaped tokens and remote callers of the sandbox bot', () => {
    const activity = {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    };
    const opts = { anonymous: false, tokenIssuer: 'https://api.botframework.com' };
    assert.deepEqual(checkInbound('x', undefined, true, opts), { status: 400, code: 'not_an_activity' });
    assert.equal(checkInbound(activity, 'Bearer not-a-jwt', true, opts)?.status, 401);
    assert.equal(checkInbound(activity, undefined, true, { anonymous: true, tokenIssuer: '' }), undefined);
    assert.equal(checkInbound(activity, undefined, false, { anonymous: true, tokenIssuer: '' })?.status, 403);
    assert.equal(
      checkInbound({ ...activity, channelId: '' }, undefined, true, { anonymous: true, tokenIssuer: '' })
        ?.status,
      403,
    );
  });

  it('reads commands, aliases and languages; anything else is not a command', () => {
    const cases: [string, unknown][] = [
      ['help', { name: 'help' }],
      ['turn on contacts', { name: 'enable', module: 'contacts' }],
      ['turn off the calendar', { name: 'disable', module: 'meetings' }],
      ['enable to-do', { name: 'enable', module: 'tasks' }],
      ['activer les contacts', { name: 'enable', module: 'contacts' }],
      ['activar tareas', { name: 'enable', module: 'tasks' }],
      ['Termine ausschalten', { name: 'disable', module: 'meetings' }],
      ['<at>Tandem</at> sync now', { name: 'sync' }],
      ['Fehler', { name: 'errors' }],
      ['estado', { name: 'status' }],
      ['events', { name: 'status', module: 'meetings' }],
      ['what is the weather?', undefined],
    ];
    for (const [text, expected] of cases) assert.deepEqual(parseCommand(text), expected, text);
  });
});
