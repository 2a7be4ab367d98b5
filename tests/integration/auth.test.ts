import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TestApp, type TestOrg } from '../support/test-app.js';
import { TEST_APP_ID_URI } from '../support/test-identity.js';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** RELIABILITY test 9: the SSO validation matrix, on an endpoint that never calls Graph. */
describe('Bearer token validation (GET /api/v1/contacts)', () => {
  let app: TestApp;
  let org: TestOrg;

  before(async () => {
    app = await TestApp.start();
    org = await app.createOrg();
  });
  after(() => app.stop());

  const call = (token: string) => app.request('GET', '/api/v1/contacts', { token });
  const base = () => ({ tid: org.tenantId, oid: org.admin.objectId });

  it('accepts a valid v2 token and a valid v1 token (App ID URI audience)', async () => {
    assert.equal((await call(await app.identity.token(base()))).status, 200);
    const v1 = await app.identity.token({ ...base(), version: '1.0' });
    assert.equal((await call(v1)).status, 200);
  });

  it('accepts tokens within the 5-minute clock skew', async () => {
    assert.equal((await call(await app.identity.token({ ...base(), expiresIn: -120 }))).status, 200);
    assert.equal(
      (await call(await app.identity.token({ ...base(), notBefore: Math.floor(Date.now() / 1000) + 120 })))
        .status,
      200,
    );
  });

  it('rejects forged, foreign and mis-addressed tokens with 401 (0 false accepts)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = (claims: object) =>
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
        JSON.stringify(claims),
      ).toString('base64url')}.`;
    const valid = await app.identity.token(base());
    const [h, p, s] = valid.split('.');
    const tamperedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), oid: randomUUID() }),
    ).toString('base64url');
    const otherTenant = randomUUID();
    const mutations: [string, string][] = [
      ['alg none', unsigned({ ...base(), aud: TEST_APP_ID_URI, exp: now + 600, scp: 'access_as_user' })],
      ['foreign signing key', await app.identity.token({ ...base(), foreignKey: true })],
      ['tampered payload', `${h}.${tamperedPayload}.${s}`],
      ['no signature', `${h}.${p}.`],
      ['expired beyond skew', await app.identity.token({ ...base(), expiresIn: -301 - 60 })],
      ['not yet valid beyond skew', await app.identity.token({ ...base(), notBefore: now + 900 })],
      [
        'issuer of another tenant',
        await app.identity.token({
          ...base(),
          claims: { iss: `https://login.microsoftonline.com/${otherTenant}/v2.0` },
        }),
      ],
      [
        'v1 issuer of another tenant',
        await app.identity.token({
          ...base(),
          version: '1.0',
          claims: { iss: `https://sts.windows.net/${otherTenant}/` },
        }),
      ],
      [
        'issuer of another authority',
        await app.identity.token({ ...base(), claims: { iss: `https://evil.example/${org.tenantId}/v2.0` } }),
      ],
      [
        'common issuer',
        await app.identity.token({
          ...base(),
          claims: { iss: 'https://login.microsoftonline.com/common/v2.0' },
        }),
      ],
      [
        'tid not a GUID',
        await app.identity.token({
          tid: 'contoso',
          oid: org.admin.objectId,
          claims: { iss: 'https://login.microsoftonline.com/contoso/v2.0' },
        }),
      ],
      ['oid not a GUID', await app.identity.token({ tid: org.tenantId, oid: 'admin' })],
      ['no oid', await app.identity.token({ ...base(), claims: { oid: undefined } })],
      ['no exp', await app.identity.token({ ...base(), claims: { exp: undefined } })],
      ['audience Graph', await app.identity.token({ ...base(), claims: { aud: GRAPH_APP_ID } })],
      ['audience another app', await app.identity.token({ ...base(), claims: { aud: randomUUID() } })],
      [
        'audience App ID URI of another app',
        await app.identity.token({ ...base(), claims: { aud: `api://tandem.test/${randomUUID()}` } }),
      ],
      ['not a JWT', 'abc.def.ghi'],
      ['garbage', 'x'],
    ];
    for (const [name, token] of mutations) {
      const res = await call(token);
      assert.equal(res.status, 401, `${name}: ${res.text}`);
      assert.ok(['invalid_token', 'token_expired'].includes(res.body.code), name);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer', name);
    }
    assert.ok(mutations.length >= 19);
  });

  it('tells an expired token apart so the tab can renew it', async () => {
    const res = await call(await app.identity.token({ ...base(), expiresIn: -1000 }));
    assert.equal(res.body.code, 'token_expired');
  });

  it('rejects a token without the access_as_user scope with 403 (scp split on spaces)', async () => {
    for (const scp of [
      'User.Read',
      'access_as_user_admin',
      'xaccess_as_user',
      'User.Read,access_as_user',
      '',
    ]) {
      const res = await call(await app.identity.token({ ...base(), scp }));
      assert.equal(res.status, 403, scp);
      assert.equal(res.body.code, 'insufficient_scope');
    }
    const appOnly = await app.identity.token({
      ...base(),
      claims: { scp: undefined, roles: ['access_as_user'] },
    });
    assert.equal((await call(appOnly)).status, 403);
    const several = await app.identity.token({ ...base(), scp: 'User.Read access_as_user openid' });
    assert.equal((await call(several)).status, 200);
  });

  it('rejects malformed Authorization headers', async () => {
    for (const value of ['Basic abc', 'Bearer', 'Bearer a b', `Token ${await app.identity.token(base())}`]) {
      const res = await app.request('GET', '/api/v1/contacts', { headers: { authorization: value } });
      assert.equal(res.status, 401, value);
    }
    const lower = await app.request('GET', '/api/v1/contacts', {
      headers: { authorization: `bearer ${await app.identity.token(base())}` },
    });
    assert.equal(lower.status, 200, 'the scheme is case-insensitive');
  });

  it('identifies users by (tid, oid): an email or UPN claim matching a member grants nothing', async () => {
    const stranger = await app.identity.token({
      tid: org.tenantId,
      oid: randomUUID(),
      upn: org.admin.upn,
      claims: { email: org.admin.upn },
    });
    const res = await call(stranger);
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'not_a_member');
    const otherTenant = await app.identity.token({
      tid: randomUUID(),
      oid: org.admin.objectId,
      upn: org.admin.upn,
    });
    assert.equal((await call(otherTenant)).body.code, 'organisation_not_found');
  });

  it('fetches the signing keys once, not per request', async () => {
    const before = app.identity.jwksRequests;
    for (let i = 0; i < 5; i++) await call(org.admin.token);
    assert.equal(app.identity.jwksRequests, before);
  });

  it('never writes the bearer token to the logs', async () => {
    const token = await app.identity.token(base());
    await call(token);
    await call(`${token}x`);
    const signature = token.split('.')[2]!;
    assert.ok(app.logs.length > 0);
    assert.ok(!app.logs.some((line) => line.includes(signature)), 'token found in logs');
  });
});

describe('GET /api/v1/me', () => {
  let app: TestApp;
  let org: TestOrg;

  before(async () => {
    app = await TestApp.start();
    org = await app.createOrg('Contoso');
  });
  after(() => app.stop());

  it('returns the member, the organisation and the profile', async () => {
    const res = await app.request('GET', '/api/v1/me', { token: org.admin.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.user.id, org.admin.userId);
    assert.equal(res.body.user.tenantId, org.tenantId);
    assert.equal(res.body.organisation.name, 'Contoso');
    assert.equal(res.body.profile.key, 'administrator');
    assert.equal(res.body.profile.permissions.manageUsers, true);
    const standard = await org.addMember('standard');
    const me = await app.request('GET', '/api/v1/me', { token: standard.token });
    assert.equal(me.body.profile.key, 'standard');
    assert.equal(me.body.profile.permissions.recordScope, 'own');
    assert.equal(me.body.profile.permissions.manageUsers, false);
  });

  it('answers 403 with codes the tabs act on', async () => {
    const unknownTenant = await app.identity.token({ tid: randomUUID(), oid: randomUUID() });
    const a = await app.request('GET', '/api/v1/me', { token: unknownTenant });
    assert.equal(a.status, 403);
    assert.equal(a.body.code, 'organisation_not_found');
    const nonMember = await app.identity.token({ tid: org.tenantId, oid: randomUUID() });
    const b = await app.request('GET', '/api/v1/me', { token: nonMember });
    assert.equal(b.status, 403);
    assert.equal(b.body.code, 'not_a_member');
    assert.equal(b.body.organisation.name, 'Contoso');
  });

  it('tenant B sees only itself', async () => {
    const other = await app.createOrg('Fabrikam');
    const res = await app.request('GET', '/api/v1/me', { token: other.admin.token });
    assert.equal(res.body.organisation.name, 'Fabrikam');
    assert.notEqual(res.body.organisation.id, org.orgId);
  });
});
