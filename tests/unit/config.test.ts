import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, parseConfig, readEnvFiles } from '../../src/config/load-config.js';
import { configTable, tableCells } from '../../scripts/config-table.js';

describe('Configuration', () => {
  it('has working defaults outside production, and no default secrets', () => {
    const config = parseConfig({});
    assert.equal(config.mode, 'development');
    assert.equal(config.http.port, 3978);
    assert.equal(config.http.host, '127.0.0.1');
    assert.equal(config.database.url, undefined, 'embedded PGlite by default');
    assert.equal(config.auth.clientId, undefined);
  });

  it('names every missing production setting in one error', () => {
    assert.throws(
      () => parseConfig({ NODE_ENV: 'production' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(
          err.problems.map((p) => p.split(' ')[0]),
          ['DATABASE_URL', 'AUTH_CLIENT_ID', 'AUTH_CLIENT_SECRET', 'TOKEN_CACHE_KEYS', 'BOT_ID'],
        );
        assert.match(err.message, /^Tandem cannot start/);
        return true;
      },
    );
  });

  it('rejects invalid values with the setting named, and refuses plain-HTTP keys in production', () => {
    assert.throws(() => parseConfig({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => parseConfig({ AUTH_CLIENT_ID: 'not-a-guid' }), /AUTH_CLIENT_ID: must be a GUID/);
    assert.throws(() => parseConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
    assert.throws(
      () =>
        parseConfig({
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://x/y',
          AUTH_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
          AUTH_JWKS_URL: 'http://127.0.0.1/keys',
        }),
      /AUTH_JWKS_URL must use https in production/,
    );
    assert.throws(
      () =>
        parseConfig({
          AUTH_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
          AUTH_APP_ID_URI: 'api://tandem.example/someone-else',
        }),
      /AUTH_APP_ID_URI must end with/,
    );
  });

  it('treats empty values as unset and reads SECRET_ names for secrets', () => {
    const config = parseConfig({ PORT: '', SECRET_DATABASE_URL: 'postgres://u@h/db' });
    assert.equal(config.http.port, 3978);
    assert.equal(config.database.url, 'postgres://u@h/db');
    assert.equal(
      parseConfig({ SECRET_AUTH_CLIENT_ID: '11111111-2222-4333-8444-555555555555' }).auth.clientId,
      undefined,
    );
  });

  it('runs the sandbox in development against a local authority, never in production', () => {
    const local = { AUTH_AUTHORITY_HOST: 'https://localhost:3979' };
    assert.equal(parseConfig(local).sandbox.enabled, true);
    assert.equal(parseConfig({ ...local, NODE_ENV: 'test' }).sandbox.enabled, false);
    assert.equal(parseConfig({ ...local, SANDBOX: 'off' }).sandbox.enabled, false);
    assert.equal(parseConfig({}).sandbox.enabled, false, 'Microsoft authority: no sandbox');
    assert.throws(
      () =>
        parseConfig({
          NODE_ENV: 'production',
          SANDBOX: 'on',
          DATABASE_URL: 'postgres://x/y',
          AUTH_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
        }),
      /SANDBOX=on is not allowed in production/,
    );
    assert.throws(() => parseConfig({ SANDBOX_HOST: '0.0.0.0' }), /SANDBOX_HOST/);
  });

  it('reads env/.env.<name> then its .user companion', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    mkdirSync(path.join(root, 'env'));
    writeFileSync(path.join(root, 'env/.env.local'), 'PORT=4000\nLOG_LEVEL=debug\n');
    writeFileSync(path.join(root, 'env/.env.local.user'), 'PORT=4001\nSECRET_DATABASE_URL=postgres://a/b\n');
    assert.deepEqual(readEnvFiles(root, 'local'), {
      PORT: '4001',
      LOG_LEVEL: 'debug',
      SECRET_DATABASE_URL: 'postgres://a/b',
    });
    assert.deepEqual(readEnvFiles(root, 'missing'), {});
  });

  it('the committed env/.env.local is valid and holds no secret', () => {
    const vars = readEnvFiles(path.resolve(import.meta.dirname, '../..'), 'local');
    assert.doesNotThrow(() => parseConfig(vars));
    assert.ok(!Object.keys(vars).some((k) => k.startsWith('SECRET_') || k === 'DATABASE_URL'));
  });

  it("the README's configuration table is generated from the schema", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    assert.deepEqual(
      tableCells(readme),
      tableCells(configTable()),
      'run `npm run docs:config` to regenerate it',
    );
  });
});
