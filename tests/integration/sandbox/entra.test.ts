import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';
import { TEST_APP_ID_URI, TEST_CLIENT_ID } from '../../support/test-identity.js';

describe('Sandbox: Entra authority', () => {
  let sbx: TestSandbox;
  let tenantId: string;
  let upn: string;

  before(async () => {
    sbx = await startTestSandbox();
    tenantId = sbx.tenants[0]!.id;
    upn = sbx.tenants[0]!.users[1]!.userPrincipalName;
  });
  after(() => sbx.stop());

  it('publishes OpenID metadata and keys per tenant', async () => {
    const meta = (await (
      await fetch(`${sbx.url}/${tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as any;
    assert.equal(meta.issuer, `${sbx.url}/${tenantId}/v2.0`);
    assert.equal(meta.token_endpoint, `${sbx.url}/${tenantId}/oauth2/v2.0/token`);
    const keys = (await (await fetch(meta.jwks_uri)).json()) as any;
    assert.equal(keys.keys[0].kty, 'RSA');
    assert.equal(keys.keys[0].d, undefined, 'no private key material');
    const unknown = await fetch(
      `${sbx.url}/00000000-0000-0000-0000-00000000dead/v2.0/.well-known/openid-configuration`,
    );
    assert.equal(unknown.status, 400);
    assert.match(((await unknown.json()) as any).error_description, /^AADSTS90002/);
  });

  it('client credentials through msal-node, unmodified; the second call is served from its cache', async () => {
    const cca = sbx.msal(tenantId);
    const first = await cca.acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    const claims = decodeJwt(first!.accessToken);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(claims.tid, tenantId);
    assert.ok((claims.roles as string[]).includes('Contacts.ReadWrite'));
    assert.equal(claims.scp, undefined);
    const second = await cca.acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    assert.equal(second!.fromCache, true);
  });

  it('answers as Entra does to a wrong secret and an unknown client', async () => {
    await assert.rejects(
      sbx
        .msal(tenantId, 'not-the-secret')
        .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }),
      (err: any) => err.errorCode === 'invalid_client' && /7000215/.test(err.errorMessage),
    );
    const res = await fetch(`${sbx.url}/${tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: '0bad0bad-0000-4000-8000-000000000000',
        client_secret: 'x',
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as any;
    assert.equal(body.error, 'unauthorized_client');
    assert.deepEqual(body.error_codes, [700016]);
    assert.match(body.error_description, /^AADSTS700016: /);
  });

  it('on-behalf-of: a Tandem token becomes a delegated Graph token for the same user', async () => {
    const tandemToken = await sbx.token(upn, 'tandem');
    const tandemClaims = decodeJwt(tandemToken);
    assert.equal(tandemClaims.aud, TEST_CLIENT_ID);
    assert.equal(tandemClaims.iss, `${sbx.url}/${tenantId}/v2.0`);
    assert.equal(tandemClaims.scp, 'access_as_user');
    const result = await sbx.msal(tenantId).acquireTokenOnBehalfOf({
      oboAssertion: tandemToken,
      scopes: ['https://graph.microsoft.com/Contacts.ReadWrite'],
    });
    const graph = decodeJwt(result!.accessToken);
    assert.equal(graph.oid, tandemClaims.oid);
    assert.equal(graph.upn, upn);
    assert.equal(graph.appid, TEST_CLIENT_ID);
    assert.equal(graph.scp, 'Contacts.ReadWrite');
    assert.equal(
      result!.account?.homeAccountId,
      `${tandemClaims.oid}.${tenantId}`,
      'client_info, as Entra returns it',
    );
  });

  it('on-behalf-of refuses an assertion for another app or tenant, and asks for consent when it is missing', async () => {
    const graphToken = await sbx.token(upn, 'graph');
    await assert.rejects(
      sbx.msal(tenantId).acquireTokenOnBehalfOf({ oboAssertion: graphToken, scopes: ['User.Read'] }),
      (err: any) => err.errorCode === 'invalid_grant' && /50013/.test(err.errorMessage),
    );
    const other = sbx.tenants[1]!;
    const foreign = await sbx.token(other.users[0]!.userPrincipalName, 'tandem');
    await assert.rejects(
      sbx.msal(tenantId).acquireTokenOnBehalfOf({ oboAssertion: foreign, scopes: ['User.Read'] }),
      (err: any) => err.errorCode === 'invalid_grant',
    );
    const consents = sbx.sandbox.store.tenant(tenantId)!.consents;
    const saved = consents[TEST_CLIENT_ID]!;
    delete consents[TEST_CLIENT_ID];
    try {
      await assert.rejects(
        sbx
          .msal(tenantId)
          .acquireTokenOnBehalfOf({ oboAssertion: await sbx.token(upn, 'tandem'), scopes: ['User.Read'] }),
        (err: any) =>
          err.errorCode === 'invalid_grant' &&
          /65001/.test(err.errorMessage) &&
          err.subError === 'consent_required',
      );
    } finally {
      consents[TEST_CLIENT_ID] = saved;
    }
  });

  it('signing in with Graph scopes grants consent for those scopes (the consent screen), and only those', async () => {
    const consents = sbx.sandbox.store.tenant(tenantId)!.consents;
    const saved = consents[TEST_CLIENT_ID]!;
    delete consents[TEST_CLIENT_ID];
    try {
      const obo = async (scope: string) =>
        sbx
          .msal(tenantId)
          .acquireTokenOnBehalfOf({ oboAssertion: await sbx.token(upn, 'tandem'), scopes: [scope] });
      await assert.rejects(
        obo('https://graph.microsoft.com/Contacts.ReadWrite'),
        (err: any) => err.subError === 'consent_required',
      );
      const params = new URLSearchParams({
        client_id: TEST_CLIENT_ID,
        response_type: 'code',
        redirect_uri: 'http://localhost:3978/tabs/consent-end',
        scope: 'https://graph.microsoft.com/Contacts.ReadWrite https://graph.microsoft.com/User.Read openid',
        prompt: 'consent',
      });
      const page = await (await fetch(`${sbx.url}/${tenantId}/oauth2/v2.0/authorize?${params}`)).text();
      assert.match(page, /Contacts\.ReadWrite, User\.Read/, 'the page says what is being granted');
      const signIn = await fetch(`${sbx.url}/${tenantId}/oauth2/v2.0/authorize`, {
        method: 'POST',
        body: new URLSearchParams({ ...Object.fromEntries(params), login: upn }),
        redirect: 'manual',
      });
      assert.equal(signIn.status, 302);
      const granted = await obo('https://graph.microsoft.com/Contacts.ReadWrite');
      assert.equal(decodeJwt(granted!.accessToken).scp, 'Contacts.ReadWrite');
      await assert.rejects(
        obo('https://graph.microsoft.com/Calendars.ReadWrite'),
        (err: any) => err.subError === 'consent_required',
      );
    } finally {
      consents[TEST_CLIENT_ID] = saved;
    }
  });

  it('authorization code with PKCE through the sign-in page, then a refresh token', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = 'http://localhost:3978/auth/callback';
    const params = new URLSearchParams({
      client_id: TEST_CLIENT_ID,
      response_type: 'code',
      redirect_uri: redirect,
      scope: `${TEST_APP_ID_URI}/access_as_user openid profile offline_access`,
      state: 'xyz',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const page = await fetch(`${sbx.url}/${tenantId}/oauth2/v2.0/authorize?${params}`);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.ok(html.includes(upn), 'the sign-in page lists the seeded users');
    const signIn = await fetch(`${sbx.url}/${tenantId}/oauth2/v2.0/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ ...Object.fromEntries(params), login: upn }),
      redirect: 'manual',
    });
    assert.equal(signIn.status, 302);
    const location = new URL(signIn.headers.get('location')!);
    assert.equal(`${location.origin}${location.pathname}`, redirect);
    assert.equal(location.searchParams.get('state'), 'xyz');
    const code = location.searchParams.get('code')!;
    const redeem = (extra: Record<string, string>) =>
      fetch(`${sbx.url}/${tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: TEST_CLIENT_ID, redirect_uri: redirect, ...extra }),
      });
    const wrong = await redeem({ grant_type: 'authorization_code', code, code_verifier: 'wrong'.repeat(10) });
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as any).error, 'invalid_grant');
    const again = await redeem({ grant_type: 'authorization_code', code, code_verifier: verifier });
    assert.equal(again.status, 400, 'a code is single-use, even after a failed redemption');

    const signIn2 = await fetch(`${sbx.url}/${tenantId}/oauth2/v2.0/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ ...Object.fromEntries(params), login: upn }),
      redirect: 'manual',
    });
    const code2 = new URL(signIn2.headers.get('location')!).searchParams.get('code')!;
    const ok = await redeem({ grant_type: 'authorization_code', code: code2, code_verifier: verifier });
    assert.equal(ok.status, 200);
    const tokens = (await ok.json()) as any;
    assert.equal(decodeJwt(tokens.access_token).aud, TEST_CLIENT_ID);
    assert.equal(decodeJwt(tokens.id_token).preferred_username, upn);
    const refreshed = await redeem({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    assert.equal(refreshed.status, 200);
    const reused = await redeem({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    assert.equal(reused.status, 400, 'refresh tokens rotate');
  });

  it('refuses a redirect URI that is neither registered nor loopback', async () => {
    const res = await fetch(
      `${sbx.url}/${tenantId}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: TEST_CLIENT_ID, response_type: 'code', redirect_uri: 'https://evil.example/cb', scope: 'openid' })}`,
    );
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as any).error_description, /^AADSTS50011/);
  });
});
