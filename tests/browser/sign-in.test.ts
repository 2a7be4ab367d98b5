import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { TestApp } from '../support/test-app.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';
import { artifactPath, launchChromium, seriousViolations } from './support/browser.js';

describe('Tabs outside Teams: sign-in through the sandbox authority (code + PKCE)', function () {
  this.timeout(60_000);
  let sandbox: TestSandbox;
  let app: TestApp;
  let browser: Browser;
  let user: { id: string; userPrincipalName: string };
  let tenantId: string;

  before(async () => {
    sandbox = await startTestSandbox();
    const caFile = path.join(mkdtempSync(path.join(tmpdir(), 'tandem-tabs-')), 'sandbox-ca.pem');
    writeFileSync(caFile, sandbox.sandbox.caPem);
    // Tandem trusts the sandbox as its authority, exactly as `npm start` wires it (withSandboxAuthority).
    app = await TestApp.start({
      AUTH_AUTHORITY_HOST: sandbox.url,
      AUTH_V1_ISSUER_HOST: sandbox.url,
      AUTH_JWKS_URL: `${sandbox.url}/common/discovery/v2.0/keys`,
      AUTH_CA_FILE: caFile,
    });
    const tenant = sandbox.tenants[0]!;
    tenantId = tenant.id;
    user = tenant.users.find((u) => !u.isAdministrator) ?? tenant.users[0]!;
    await app.tandem.container.tenancy.provisionOrganisation({
      tenantId,
      name: tenant.displayName,
      admin: { objectId: user.id, userPrincipalName: user.userPrincipalName, displayName: 'Sandbox user' },
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
    await sandbox?.stop();
  });

  it('serves the sign-in settings from config: client id, authority and the API scope', async () => {
    const res = await app.request('GET', '/tabs/config.json');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      clientId: '11111111-2222-4333-8444-555555555555',
      authority: `${sandbox.url}/organizations`,
      scope: 'api://tandem.test/11111111-2222-4333-8444-555555555555/access_as_user',
      redirectPath: '/tabs/auth-end',
    });
  });

  it('a plain browser signs in with a seeded user and the tab calls the API with that token', async () => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 900, height: 640 },
    });
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/tabs/team`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) =>
        url.href.startsWith(`${sandbox.url}/organizations/oauth2/v2.0/authorize`),
      );
      const authorize = new URL(page.url());
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(authorize.searchParams.get('redirect_uri'), `${app.url}/tabs/auth-end`);
      assert.equal(authorize.searchParams.has('client_secret'), false);
      await page
        .getByRole('button', { name: new RegExp(user.userPrincipalName.replace(/\./g, '\\.')) })
        .click();
      await page.waitForURL(`${app.url}/tabs/team`);
      await page.getByText(user.userPrincipalName).waitFor();
      assert.ok(await page.getByRole('navigation').isVisible());
      assert.deepEqual(await seriousViolations(page.mainFrame()), []);
      await page.screenshot({ path: artifactPath('team-browser-signed-in-light.png') });

      await page.getByRole('link', { name: 'Sync' }).click();
      await page.getByTestId('module-contacts').waitFor();
      await page.screenshot({ path: artifactPath('sync-browser-signed-in-light.png') });
    } finally {
      await context.close();
    }
  });

  it('a failed sign-in (state mismatch) says so and offers to try again', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/tabs/auth-end?code=forged&state=forged`);
      await page.getByText('Sign-in did not complete. Please try again.').waitFor();
      assert.ok(await page.getByRole('button', { name: 'Sign in' }).isVisible());
    } finally {
      await context.close();
    }
  });
});
