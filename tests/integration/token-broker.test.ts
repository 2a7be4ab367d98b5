import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { TokenCacheKeyRing } from '../../src/auth/token-cache-keys.js';
import { partitionKeys } from '../../src/auth/token-cache.store.js';
import { AppError } from '../../src/platform/errors/app-error.js';
import type { Database } from '../../src/platform/db/database.js';
import { testContext } from '../support/context.js';
import { brokerFor, cacheRows } from '../support/token-broker-fixture.js';
import { TEST_CLIENT_ID } from '../support/test-identity.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

const SCOPES = ['User.Read', 'Contacts.ReadWrite'];
const KEY_A = TokenCacheKeyRing.generateEntry('key-a');
const KEY_B = TokenCacheKeyRing.generateEntry('key-b');

/** The AppError `fn` rejects with. */
async function appErrorOf(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  assert.fail('expected an AppError');
}

describe('token broker (OBO, app-only, encrypted persistent cache)', function () {
  let sbx: TestSandbox;
  let db: Database;
  let tid: string;
  let otherTid: string;
  let alice: { id: string; upn: string };
  let bob: { id: string; upn: string };

  before(async () => {
    sbx = await startTestSandbox();
    db = (await testContext()).database.db;
    const [contoso, fabrikam] = sbx.tenants;
    assert.ok(contoso && fabrikam && contoso.users.length >= 2);
    tid = contoso.id;
    otherTid = fabrikam.id;
    const [a, b] = contoso.users;
    alice = { id: a!.id, upn: a!.userPrincipalName };
    bob = { id: b!.id, upn: b!.userPrincipalName };
  });
  after(() => sbx.stop());
  beforeEach(() => cacheRows.clear(db));

  const subject = (user: { id: string }) => ({ tenantId: tid, objectId: user.id });
  const sso = (user: { upn: string }) => sbx.token(user.upn, 'tandem');

  it('gets a Graph token for the signed-in user, then serves it from the cache', async () => {
    const { broker, network } = brokerFor(sbx, db, KEY_A);
    const assertion = await sso(alice);
    const first = await broker.forUser(subject(alice), assertion, SCOPES);
    const claims = decodeJwt(first.accessToken);
    assert.equal(claims.oid, alice.id);
    assert.equal(claims.tid, tid);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(first.fromCache, false);
    const second = await broker.forUser(subject(alice), assertion, SCOPES);
    assert.equal(second.fromCache, true);
    assert.equal(second.accessToken, first.accessToken);
    assert.equal(network.tokenRequests, 1);
    const me = (await sbx.graph(second.accessToken).api('/me').get()) as { id: string };
    assert.equal(me.id, alice.id);
  });

  it('never hands one user the token of another (interleaved calls, one partition each)', async () => {
    const { broker } = brokerFor(sbx, db, KEY_A);
    const [ssoA, ssoB] = await Promise.all([sso(alice), sso(bob)]);
    const calls = [alice, bob, alice, bob, bob, alice].map((u) =>
      broker.forUser(subject(u), u === alice ? ssoA : ssoB, SCOPES).then((t) => ({ u, t })),
    );
    for (const { u, t } of await Promise.all(calls)) assert.equal(decodeJwt(t.accessToken).oid, u.id);
    const rows = await cacheRows.all(db);
    assert.deepEqual(rows.map((r) => r.partitionKey).sort(), [
      partitionKeys.user(tid, alice.id),
      partitionKeys.user(tid, bob.id),
    ]);
    // The SSO token must belong to the subject whose partition is used.
    const mismatch = await appErrorOf(() => broker.forUser(subject(alice), ssoB, SCOPES));
    assert.equal(mismatch.httpStatus, 401);
  });

  it('gets app-only tokens per tenant (client credentials), cached', async () => {
    const { broker, network } = brokerFor(sbx, db, KEY_A);
    const first = await broker.forApp(tid);
    const claims = decodeJwt(first.accessToken);
    assert.equal(claims.tid, tid);
    assert.equal(claims.idtyp, 'app');
    assert.ok((claims.roles as string[]).includes('Contacts.ReadWrite'));
    assert.equal((await broker.forApp(tid)).fromCache, true);
    assert.equal(decodeJwt((await broker.forApp(otherTid)).accessToken).tid, otherTid);
    assert.equal(network.tokenRequests, 2);
    assert.ok(await cacheRows.one(db, partitionKeys.app(tid)));
  });

  describe('errors the tab can act on', () => {
    let saved: { delegated: string[]; application: string[] } | undefined;
    const consents = () => sbx.sandbox.store.tenant(tid)!.consents;
    beforeEach(() => (saved = consents()[TEST_CLIENT_ID]));
    afterEach(() => {
      if (saved) consents()[TEST_CLIENT_ID] = saved;
    });

    it('consent removed → 403 consent_required with the scopes, no waiting', async () => {
      delete consents()[TEST_CLIENT_ID];
      const { broker, sleeps } = brokerFor(sbx, db, KEY_A);
      const err = await appErrorOf(async () => broker.forUser(subject(alice), await sso(alice), SCOPES));
      assert.equal(err.httpStatus, 403);
      assert.equal(err.code, 'consent_required');
      assert.deepEqual(err.details, { scopes: SCOPES });
      assert.deepEqual(sleeps, []);
    });

    it('right after consent, rides out the propagation race (waits, no second prompt)', async () => {
      delete consents()[TEST_CLIENT_ID];
      // Entra still answers consent_required twice after the user consented.
      const { broker, sleeps } = brokerFor(sbx, db, KEY_A, {
        onSleep: (_ms, n) => {
          if (n === 2) consents()[TEST_CLIENT_ID] = saved!;
        },
      });
      const assertion = await sso(alice);
      const prompt = await appErrorOf(() => broker.forUser(subject(alice), assertion, SCOPES));
      assert.equal(prompt.code, 'consent_required');
      const token = await broker.forUser(subject(alice), assertion, SCOPES);
      assert.equal(decodeJwt(token.accessToken).oid, alice.id);
      assert.deepEqual(sleeps, [10, 20]);
    });

    it('gives up after 1 s, 2 s, 4 s (scaled) when consent never arrives', async () => {
      delete consents()[TEST_CLIENT_ID];
      const { broker, sleeps } = brokerFor(sbx, db, KEY_A);
      const err = await appErrorOf(async () =>
        broker.forUser(subject(alice), await sso(alice), SCOPES, { afterConsent: true }),
      );
      assert.equal(err.code, 'consent_required');
      assert.deepEqual(sleeps, [10, 20, 40]);
    });

    it('an SSO token the authority rejects (AADSTS50013) → 401 sso_token_invalid', async () => {
      const { identity } = await testContext();
      const forged = await identity.token({ tid, oid: alice.id, upn: alice.upn });
      const { broker } = brokerFor(sbx, db, KEY_A);
      const err = await appErrorOf(() => broker.forUser(subject(alice), forged, SCOPES));
      assert.equal(err.httpStatus, 401);
      assert.equal(err.code, 'sso_token_invalid');
      const garbage = await appErrorOf(() => broker.forUser(subject(alice), 'not-a-jwt', SCOPES));
      assert.equal(garbage.code, 'sso_token_invalid');
    });

    it('interaction_required with claims → 403 carrying the claims', async () => {
      const { broker, network } = brokerFor(sbx, db, KEY_A);
      const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
      network.override = () => ({
        status: 400,
        headers: {},
        body: entraError('interaction_required', 50079, 'Due to a configuration change, MFA is required.', {
          claims,
        }),
      });
      const err = await appErrorOf(async () => broker.forUser(subject(alice), await sso(alice), SCOPES));
      assert.equal(err.httpStatus, 403);
      assert.equal(err.code, 'interaction_required');
      assert.equal(err.details?.claims, claims);
    });

    it('a 5xx from Entra → retried twice, then 503 token_service_unavailable with Retry-After', async () => {
      const { broker, network, sleeps } = brokerFor(sbx, db, KEY_A);
      network.override = () => ({
        status: 503,
        headers: {},
        body: entraError('temporarily_unavailable', 90033, 'A transient error has occurred.'),
      });
      const err = await appErrorOf(async () => broker.forUser(subject(alice), await sso(alice), SCOPES));
      assert.equal(err.httpStatus, 503);
      assert.equal(err.code, 'token_service_unavailable');
      assert.ok(Number(err.headers?.['Retry-After']) > 0);
      assert.equal(sleeps.length, 2);
      assert.equal(network.tokenRequests, 3);
      const app = await appErrorOf(() => broker.forApp(tid));
      assert.equal(app.httpStatus, 503);
    });

    it('a transient failure that clears is invisible to the caller', async () => {
      const { broker, network } = brokerFor(sbx, db, KEY_A);
      network.override = () => {
        network.override = undefined;
        return { status: 500, headers: {}, body: entraError('server_error', 50000, 'Server error.') };
      };
      const token = await broker.forUser(subject(alice), await sso(alice), SCOPES);
      assert.equal(decodeJwt(token.accessToken).oid, alice.id);
    });
  });

  describe('the cache at rest', () => {
    it('holds no plaintext token, and a blob copied to another partition is treated as empty', async () => {
      const { broker, logs } = brokerFor(sbx, db, KEY_A);
      const [ssoA, ssoB] = await Promise.all([sso(alice), sso(bob)]);
      const tokenA = await broker.forUser(subject(alice), ssoA, SCOPES);
      await broker.forUser(subject(bob), ssoB, SCOPES);
      await broker.forApp(tid);
      const rows = await cacheRows.all(db);
      assert.equal(rows.length, 3);
      for (const row of rows) {
        const raw = Buffer.from(row.blob).toString('latin1');
        assert.ok(!raw.includes('eyJ'), `${row.partitionKey} holds a plaintext JWT`);
        assert.ok(!raw.includes('"AccessToken"'), `${row.partitionKey} holds a plaintext cache`);
      }
      // Copy Alice's blob into Bob's row: it fails authentication, Bob gets a fresh token of his own.
      const aliceRow = (await cacheRows.one(db, partitionKeys.user(tid, alice.id)))!;
      await cacheRows.put(db, { ...aliceRow, partitionKey: partitionKeys.user(tid, bob.id) });
      const fresh = brokerFor(sbx, db, KEY_A);
      const bobToken = await fresh.broker.forUser(subject(bob), ssoB, SCOPES);
      assert.equal(bobToken.fromCache, false);
      assert.equal(decodeJwt(bobToken.accessToken).oid, bob.id);
      assert.notEqual(bobToken.accessToken, tokenA.accessToken);
      assert.match(fresh.logs.text, /token cache blob rejected/);
      for (const text of [fresh.logs.text, logs.text]) assert.ok(!text.includes('eyJ'));
      // Alice's own blob still opens.
      assert.equal((await fresh.broker.forUser(subject(alice), ssoA, SCOPES)).fromCache, true);
    });

    it('a new process (new broker, same database) reuses the persisted cache', async () => {
      const assertion = await sso(alice);
      const first = await brokerFor(sbx, db, KEY_A).broker.forUser(subject(alice), assertion, SCOPES);
      await brokerFor(sbx, db, KEY_A).broker.forApp(tid);
      const restarted = brokerFor(sbx, db, KEY_A);
      const again = await restarted.broker.forUser(subject(alice), assertion, SCOPES);
      assert.equal(again.fromCache, true);
      assert.equal(again.accessToken, first.accessToken);
      assert.equal((await restarted.broker.forApp(tid)).fromCache, true);
      assert.equal(restarted.network.tokenRequests, 0);
    });

    it('rotation: blobs under the old key still open and are rewritten under the new one', async () => {
      const assertion = await sso(alice);
      const partition = partitionKeys.user(tid, alice.id);
      const first = await brokerFor(sbx, db, KEY_A).broker.forUser(subject(alice), assertion, SCOPES);
      assert.equal((await cacheRows.one(db, partition))?.keyId, 'key-a');
      const rotated = brokerFor(sbx, db, `${KEY_B},${KEY_A}`);
      const again = await rotated.broker.forUser(subject(alice), assertion, SCOPES);
      assert.equal(again.fromCache, true);
      assert.equal(again.accessToken, first.accessToken);
      assert.equal((await cacheRows.one(db, partition))?.keyId, 'key-b');
      // A write under the new key (Bob's first token) and key A retired: everything still opens.
      await rotated.broker.forUser(subject(bob), await sso(bob), SCOPES);
      assert.equal((await cacheRows.one(db, partitionKeys.user(tid, bob.id)))?.keyId, 'key-b');
      const retired = brokerFor(sbx, db, KEY_B);
      assert.equal((await retired.broker.forUser(subject(alice), assertion, SCOPES)).fromCache, true);
      // Without the key a blob was sealed with, the partition is empty: a fresh OBO, no crash.
      const lost = brokerFor(sbx, db, TokenCacheKeyRing.generateEntry('key-c'));
      assert.equal((await lost.broker.forUser(subject(alice), assertion, SCOPES)).fromCache, false);
    });
  });
});

function entraError(error: string, code: number, description: string, extra: Record<string, unknown> = {}) {
  return {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: 0 Correlation ID: 0 Timestamp: 2026-01-01 00:00:00Z`,
    error_codes: [code],
    ...extra,
  };
}
