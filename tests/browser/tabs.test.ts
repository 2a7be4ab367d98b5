import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { profiles } from '../../src/tenancy/tenancy.table.js';
import { BUILT_IN_PROFILES } from '../../src/tenancy/permissions.js';
import { TestApp, type Member, type TestOrg } from '../support/test-app.js';
import {
  artifactPath,
  launchChromium,
  openInHarness,
  seriousViolations,
  type HarnessOptions,
} from './support/browser.js';

const THEMES = [
  { host: 'default', name: 'light' },
  { host: 'dark', name: 'dark' },
  { host: 'contrast', name: 'high-contrast' },
] as const;

describe('Tabs in a Teams host harness (headless Chromium)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let org: TestOrg;
  let member: Member;
  let limited: { token: string; upn: string };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    app = await TestApp.start();
    org = await app.createOrg('Northwind Traders');
    member = await org.addMember('standard');
    const perms = structuredClone(BUILT_IN_PROFILES.standard.permissions);
    perms.modules.tasks = { view: true, create: true, edit: true, delete: false };
    const profileId = randomUUID();
    await app.tandem.db.system((tx) =>
      tx.insert(profiles).values({
        id: profileId,
        orgId: org.orgId,
        key: 'no-task-delete',
        name: 'No task delete',
        permissions: perms,
      }),
    );
    const oid = randomUUID();
    const upn = `limited@${org.tenantId.slice(0, 8)}.example.com`;
    await app.tandem.container.tenancy.addMember(org.orgId, {
      objectId: oid,
      userPrincipalName: upn,
      displayName: 'Lee Limited',
      profileKey: 'no-task-delete',
    });
    limited = { token: await app.identity.token({ tid: org.tenantId, oid, upn }), upn };
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  beforeEach(async () => {
    // Reduced motion: Fluent's colour transitions are then instant, so axe measures settled colours after a theme change.
    context = await browser.newContext({ viewport: { width: 900, height: 640 }, reducedMotion: 'reduce' });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  const harness = (tab: string, who: { token: string; upn: string }, extra: Partial<HarnessOptions> = {}) =>
    openInHarness(page, app.url, { tab, tokens: [who.token], tid: org.tenantId, upn: who.upn, ...extra });

  const setTheme = async (frame: Frame, theme: (typeof THEMES)[number]['host']) => {
    await page.evaluate((t) => (globalThis as any).sendTheme(t), theme);
    await frame.waitForFunction(
      (t) => (globalThis as any).document.documentElement.dataset.theme === t,
      theme,
    );
  };

  it('the Sync tab shows contacts, meetings and tasks with their state, using the SSO token', async () => {
    const frame = await harness('/tabs/sync', member);
    for (const m of ['contacts', 'meetings', 'tasks']) {
      await frame.getByTestId(`module-${m}`).waitFor();
      assert.equal(await frame.getByTestId(`updated-${m}`).innerText(), 'Never changed');
    }
    assert.equal(await frame.getByRole('switch', { name: /^Contacts/ }).isChecked(), false);
    assert.ok((await page.evaluate(() => (globalThis as any).harness.tokenRequests)) >= 1);
  });

  it('starts in the theme the Teams context names', async () => {
    const frame = await harness('/tabs/sync', member, { theme: 'contrast' });
    await frame.getByTestId('module-contacts').waitFor();
    assert.equal(
      await frame.evaluate(() => (globalThis as any).document.documentElement.dataset.theme),
      'contrast',
    );
  });

  it('toggling contacts saves the switch and the API shows it enabled', async () => {
    const frame = await harness('/tabs/sync', member);
    const contacts = frame.getByRole('switch', { name: /^Contacts/ });
    await contacts.click();
    await frame.getByText('Contacts sync is on.').waitFor();
    assert.equal(await contacts.isChecked(), true);
    assert.match(await frame.getByTestId('updated-contacts').innerText(), /^Last changed /);
    const status = await app.request('GET', '/api/v1/sync', { token: member.token });
    assert.equal(status.body.modules.find((m: any) => m.module === 'contacts').enabled, true);
    assert.equal(status.body.modules.find((m: any) => m.module === 'tasks').enabled, false);

    await contacts.click();
    await frame.getByText('Contacts sync is off.').waitFor();
    const after = await app.request('GET', '/api/v1/sync/contacts', { token: member.token });
    assert.equal(after.body.enabled, false);
  });

  it('a refused toggle says which permission is missing and leaves the switch off', async () => {
    const frame = await harness('/tabs/sync', limited);
    const tasks = frame.getByRole('switch', { name: /^Tasks/ });
    await tasks.click();
    const alert = frame.getByRole('alert');
    await alert.waitFor();
    assert.match(
      await alert.innerText(),
      /Tasks sync could not be changed\. Syncing tasks needs the delete permission on tasks/,
    );
    assert.equal(await tasks.isChecked(), false);
    const status = await app.request('GET', '/api/v1/sync/tasks', { token: limited.token });
    assert.equal(status.body.enabled, false);
    assert.deepEqual(await seriousViolations(frame), []);
    await page.locator('#tab').screenshot({ path: artifactPath('sync-refused-light.png') });
  });

  for (const tab of ['sync', 'team', 'join', 'import'] as const) {
    it(`/tabs/${tab} renders in light, dark and high contrast with no serious axe violation`, async () => {
      const frame = await harness(`/tabs/${tab}`, member);
      await frame.getByRole('heading', { level: 1 }).waitFor();
      if (tab === 'sync') {
        // An enabled switch and a status message are part of what every theme must render well.
        await frame.getByRole('switch', { name: /^Meetings/ }).click();
        await frame.getByText('Meetings sync is on.').waitFor();
      }
      const backgrounds = new Set<string>();
      for (const theme of THEMES) {
        await setTheme(frame, theme.host);
        const violations = await seriousViolations(frame);
        assert.deepEqual(violations, [], `${tab} in ${theme.name}: ${JSON.stringify(violations, null, 1)}`);
        if (tab === 'sync')
          assert.ok(
            await frame.getByText('Meetings sync is on.').isVisible(),
            'a theme change keeps the page state',
          );
        backgrounds.add(
          await frame.evaluate(() => {
            const g = globalThis as any;
            return g.getComputedStyle(g.document.querySelector('.fui-FluentProvider'))
              .backgroundColor as string;
          }),
        );
        await page.locator('#tab').screenshot({ path: artifactPath(`${tab}-${theme.name}.png`) });
      }
      assert.equal(backgrounds.size, 3, 'each theme paints its own background');
    });
  }

  it('the Team tab shows the member and the organisation; Join says they are a member', async () => {
    const team = await harness('/tabs/team', member);
    await team.getByText('Northwind Traders').waitFor();
    assert.ok(await team.getByText(member.upn).isVisible());
    const join = await harness('/tabs/join', member);
    assert.match(
      await join.getByTestId('join-state').innerText(),
      /You are a member of Northwind Traders in Tandem/,
    );
  });

  it('someone who is not a member lands on Join, in plain words', async () => {
    const oid = randomUUID();
    const upn = `newcomer@${org.tenantId.slice(0, 8)}.example.com`;
    const token = await app.identity.token({ tid: org.tenantId, oid, upn });
    const frame = await harness('/tabs/sync', { token, upn });
    await frame.getByTestId('join-state').waitFor();
    assert.match(
      await frame.getByTestId('join-state').innerText(),
      /not a member of Tandem in your organisation yet/,
    );
    assert.deepEqual(await seriousViolations(frame), []);
    await page.locator('#tab').screenshot({ path: artifactPath('join-not-a-member-light.png') });
  });

  it('a tenant with no organisation is told Tandem is not set up yet', async () => {
    const tid = randomUUID();
    const token = await app.identity.token({ tid, oid: randomUUID(), upn: 'someone@elsewhere.example' });
    const frame = await openInHarness(page, app.url, { tab: '/tabs/sync', tokens: [token], tid });
    await frame.getByText("Tandem isn't set up for your organisation yet.").waitFor();
  });

  it('a 401 re-requests the SSO token once and carries on', async () => {
    const expired = await app.identity.token({
      tid: org.tenantId,
      oid: member.objectId,
      upn: member.upn,
      expiresIn: -600,
    });
    const frame = await harness('/tabs/sync', member, { tokens: [expired, member.token] });
    await frame.getByTestId('module-contacts').waitFor();
    assert.ok((await page.evaluate(() => (globalThis as any).harness.tokenRequests)) >= 2);
  });

  it('when Teams gives no SSO token the tab says so and offers to try again', async () => {
    const frame = await openInHarness(page, app.url, { tab: '/tabs/sync', tokens: [], tid: org.tenantId });
    await frame.getByText('Microsoft Teams could not sign you in to Tandem.', { exact: false }).waitFor();
    assert.ok(await frame.getByRole('button', { name: 'Try again' }).isVisible());
    assert.deepEqual(await seriousViolations(frame), []);
  });

  it('outside an iframe the tab offers sign-in at once instead of waiting for Teams', async () => {
    const started = Date.now();
    await page.goto(`${app.url}/tabs/sync`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 3000 });
    assert.match(await page.getByTestId('sign-in-reason').innerText(), /not in Microsoft Teams/);
    assert.ok(Date.now() - started < 3000);
    assert.deepEqual(await seriousViolations(page.mainFrame()), []);
    await page.screenshot({ path: artifactPath('sign-in-light.png') });
  });

  it('when the parent frame never answers, the initialize timeout fires and sign-in is offered', async () => {
    const frame = await openInHarness(page, app.url, { tab: '/tabs/sync', silent: true });
    await frame.getByText('Connecting to Microsoft Teams…').waitFor();
    await frame.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10_000 });
    assert.match(await frame.getByTestId('sign-in-reason').innerText(), /Microsoft Teams did not answer/);
    assert.ok((await page.evaluate(() => (globalThis as any).harness.funcs)).includes('initialize'));
  });
});
