import assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/sandbox.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { TestApp } from '../../support/test-app.js';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';
import { TEST_CLIENT_ID } from '../../support/test-identity.js';

describe('Sandbox: tools and Tandem end to end', () => {
  let sbx: TestSandbox;
  let app: TestApp;

  before(async () => {
    sbx = await startTestSandbox();
    app = await TestApp.start({
      AUTH_AUTHORITY_HOST: sbx.url,
      AUTH_V1_ISSUER_HOST: sbx.url,
      AUTH_JWKS_URL: `${sbx.url}/common/discovery/v2.0/keys`,
      AUTH_CA_FILE: sbx.sandbox.caPath,
    });
  });
  after(async () => {
    await app.stop();
    await sbx.stop();
  });

  it("a token from /_sandbox/tokens opens Tandem's API as that user", async () => {
    const tenant = sbx.tenants[0]!;
    const admin = tenant.users.find((u) => u.isAdministrator)!;
    const token = await sbx.token(admin.userPrincipalName, 'tandem');
    const before = await app.request('GET', '/api/v1/me', { token });
    assert.equal(before.status, 403, before.text);
    assert.equal(before.body.code, 'organisation_not_found');
    await app.tandem.container.tenancy.provisionOrganisation({
      tenantId: tenant.id,
      name: tenant.displayName,
      admin: { objectId: admin.id, userPrincipalName: admin.userPrincipalName, displayName: 'Admin' },
    });
    const me = await app.request('GET', '/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.objectId, admin.id);
    const colleague = tenant.users.find((u) => !u.isAdministrator)!;
    const other = await app.request('GET', '/api/v1/me', {
      token: await sbx.token(colleague.userPrincipalName, 'tandem'),
    });
    assert.equal(other.body.code, 'not_a_member');
    const graphToken = await sbx.token(admin.userPrincipalName, 'graph');
    const withGraph = await app.request('GET', '/api/v1/me', { token: graphToken });
    assert.equal(withGraph.status, 401, withGraph.text);
  });

  it('lists the seeded users, refuses unknown users and bad requests', async () => {
    const users = (await (await fetch(`${sbx.url}/_sandbox/users`)).json()) as any;
    assert.ok(users.tenants[0].users.length >= 8);
    assert.equal(users.tenants[0].users.filter((u: any) => u.isAdministrator).length, 1);
    const unknown = await fetch(`${sbx.url}/_sandbox/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userPrincipalName: 'nobody@contoso.example', audience: 'graph' }),
    });
    assert.equal(unknown.status, 404);
    const bad = await fetch(`${sbx.url}/_sandbox/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userPrincipalName: 'x@y', audience: 'outlook' }),
    });
    assert.equal(bad.status, 400);
  });

  it('counts requests per app and mailbox', async () => {
    await fetch(`${sbx.url}/_sandbox/metrics`, { method: 'DELETE' });
    const user = sbx.tenants[0]!.users[1]!;
    const graph = sbx.graph(await sbx.token(user.userPrincipalName, 'graph'));
    await Promise.all([
      graph.api('/me/contacts').get(),
      graph.api('/me/contactFolders').get(),
      graph.api('/me/contacts/delta').get(),
    ]);
    const metrics = (await (await fetch(`${sbx.url}/_sandbox/metrics`)).json()) as any;
    const key = Object.keys(metrics.mailboxes).find((k) => k.endsWith(`|${user.id}`))!;
    assert.ok(key, JSON.stringify(metrics));
    assert.equal(metrics.mailboxes[key].requests, 3);
    assert.ok(metrics.mailboxes[key].maxInFlight >= 1);
  });

  it('listens on loopback only', async () => {
    await assert.rejects(
      startSandbox({
        port: 0,
        host: '0.0.0.0',
        dataDir: '/tmp/never',
        ephemeral: true,
        tandemApp: { clientId: TEST_CLIENT_ID },
        logger: createLogger({ level: 'silent' }),
      }),
      /loopback only/,
    );
  });
});
