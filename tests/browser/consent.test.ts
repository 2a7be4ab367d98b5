import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { TestApp, type Member, type TestOrg } from '../support/test-app.js';
import { AUTHORITY_HOST, TEST_CLIENT_ID } from '../support/test-identity.js';
import {
  artifactPath,
  launchChromium,
  openInHarness,
  proxyHttps,
  seriousViolations,
  type HarnessOptions,
} from './support/browser.js';

const SCOPES = ['Contacts.ReadWrite', 'Calendars.ReadWrite', 'Tasks.ReadWrite'];
const SENTENCE = 'Tandem needs your permission to read and update your Outlook contacts, calendar and tasks.';

describe('Tabs: Graph consent prompt (RELIABILITY §2.2)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let org: TestOrg;
  let member: Member;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** The app behind an https origin (teams-js wants https URLs). */
  let origin: string;

  before(async () => {
    app = await TestApp.start();
    org = await app.createOrg('Northwind Traders');
    member = await org.addMember('standard');
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 900, height: 640 } });
    origin = await proxyHttps(context, app.url);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  /** The first GET /api/v1/sync answers 403 consent_required; later ones reach the API. */
  const consentOnFirstSyncCall = async () => {
    const calls = { count: 0 };
    await page.route(`${origin}/api/v1/sync`, (route: Route) => {
      calls.count++;
      if (calls.count > 1) return route.fallback();
      return route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          code: 'consent_required',
          detail: 'Tandem needs your consent to reach Microsoft 365.',
          scopes: SCOPES,
          correlationId: 'corr-1',
        }),
      });
    });
    return calls;
  };

  const harness = (extra: Partial<HarnessOptions> = {}) =>
    openInHarness(page, origin, {
      tab: '/tabs/sync',
      tokens: [member.token],
      tid: org.tenantId,
      upn: member.upn,
      ...extra,
    });

  const harnessState = () => page.evaluate(() => (globalThis as any).harness);

  it('shows the prompt, asks Teams for the consent window, then retries and renders the tab', async () => {
    const calls = await consentOnFirstSyncCall();
    const frame = await harness({ authenticate: 'success' });
    await frame.getByRole('heading', { name: 'Permission needed' }).waitFor();
    assert.equal(await frame.getByTestId('consent-sentence').innerText(), SENTENCE);
    assert.deepEqual(await seriousViolations(frame), []);
    await page.locator('#tab').screenshot({ path: artifactPath('consent-prompt-light.png') });

    await frame.getByRole('button', { name: 'Grant access' }).click();
    await frame.getByTestId('module-contacts').waitFor();
    assert.equal(await frame.getByRole('heading', { name: 'Permission needed' }).count(), 0);
    assert.equal(calls.count, 2, 'the original request is retried once');

    const { authenticateUrls } = await harnessState();
    assert.equal(authenticateUrls.length, 1);
    const { url, width, height } = authenticateUrls[0];
    assert.deepEqual([width, height], [600, 535]);
    const consentUrl = new URL(url);
    assert.equal(consentUrl.origin + consentUrl.pathname, `${origin}/tabs/consent`);
    assert.equal(consentUrl.searchParams.get('scopes'), SCOPES.join(' '));
    assert.equal(consentUrl.searchParams.get('loginHint'), member.upn);
  });

  it('when consent fails it says so, keeps a retry button, and a later success carries on', async () => {
    const calls = await consentOnFirstSyncCall();
    const frame = await harness({ authenticate: 'failure' });
    await frame.getByRole('button', { name: 'Grant access' }).click();
    const alert = frame.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Permission was not granted, so Tandem could not continue/);
    const retry = frame.getByRole('button', { name: 'Try again' });
    assert.ok(await retry.isVisible());
    assert.equal(await frame.getByTestId('consent-sentence').innerText(), SENTENCE);
    assert.deepEqual(await seriousViolations(frame), []);
    await page.locator('#tab').screenshot({ path: artifactPath('consent-failed-light.png') });

    await page.evaluate(() => ((globalThis as any).harness.authenticate = 'success'));
    await retry.click();
    await frame.getByTestId('module-contacts').waitFor();
    assert.equal(calls.count, 2);
    assert.equal((await harnessState()).authenticateUrls.length, 2);
  });

  it('"Not now" lets the page show its own error with a way to try again', async () => {
    await consentOnFirstSyncCall();
    const frame = await harness();
    await frame.getByRole('button', { name: 'Not now' }).click();
    await frame.getByText('Tandem needs your consent to reach Microsoft 365.').waitFor();
    await frame.getByRole('button', { name: 'Try again' }).click();
    await frame.getByTestId('module-contacts').waitFor();
    assert.equal((await harnessState()).authenticateUrls.length, 0);
  });

  it('/tabs/consent sends the browser to authorize with prompt=consent and PKCE, and comes back', async () => {
    let authorize: URL | undefined;
    await page.route(`${AUTHORITY_HOST}/**`, (route) => {
      authorize = new URL(route.request().url());
      const back = new URL(`${origin}/tabs/consent-end`);
      back.searchParams.set('code', 'unused');
      back.searchParams.set('state', authorize.searchParams.get('state') ?? '');
      // A page, not a 302: Chromium does not route a fulfilled redirect's target through interception.
      const html = `<!doctype html><meta http-equiv="refresh" content="0;url=${back.toString().replace(/&/g, '&amp;')}">`;
      return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    });
    const start = new URL(`${origin}/tabs/consent`);
    start.searchParams.set('scopes', SCOPES.join(' '));
    start.searchParams.set('loginHint', member.upn);
    start.searchParams.set('returnTo', '/tabs/team');
    await page.goto(start.toString());
    await page.waitForURL(`${origin}/tabs/team`);

    assert.ok(authorize);
    assert.equal(authorize.pathname, '/organizations/oauth2/v2.0/authorize');
    const q = authorize.searchParams;
    assert.equal(q.get('client_id'), TEST_CLIENT_ID);
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('redirect_uri'), `${origin}/tabs/consent-end`);
    assert.equal(q.get('prompt'), 'consent');
    assert.equal(q.get('login_hint'), member.upn);
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(q.get('state') ?? '', /^[A-Za-z0-9_-]{16,}$/);
    assert.deepEqual(q.get('scope')?.split(' '), [
      'openid',
      'profile',
      ...SCOPES.map((s) => `https://graph.microsoft.com/${s}`),
    ]);
  });

  for (const outcome of ['success', 'failure'] as const) {
    it(`/tabs/consent-end in a Teams authentication window reports ${outcome} to the host`, async () => {
      await harness();
      const query = outcome === 'success' ? 'code=unused&state=s1' : 'error=access_denied&state=s1';
      const popup = page.waitForEvent('popup');
      await page.evaluate((q) => {
        const w = globalThis as any;
        w.sessionStorage.setItem('tandem.consent', JSON.stringify({ state: 's1' }));
        w.open(`/tabs/consent-end?${q}`, 'consent', 'width=600,height=535');
      }, query);
      await (await popup).waitForEvent('close', { timeout: 10_000 });
      const { messages } = await harnessState();
      const report = messages.find((m: { func: string }) =>
        m.func.startsWith('authentication.authenticate.'),
      );
      assert.ok(report, JSON.stringify(messages.map((m: { func: string }) => m.func)));
      if (outcome === 'success') assert.equal(report.func, 'authentication.authenticate.success');
      else assert.deepEqual(report, { func: 'authentication.authenticate.failure', args: ['access_denied'] });
    });
  }
});
