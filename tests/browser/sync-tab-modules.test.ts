import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { SandboxedTandem, type SandboxedMember } from '../support/sandboxed-app.js';
import { artifactPath, launchChromium, openInHarness, seriousViolations } from './support/browser.js';

/**
 * The Sync tab's meetings and tasks panels against the engine and the sandbox: the switch turns the
 * sync on and it runs, each module's options read as that module's (not the contacts' wording), and
 * the tasks' value mappings are drop-downs whose choice is saved.
 */
describe('Sync tab: meetings and tasks (headless Chromium, engine, sandbox)', function () {
  this.timeout(90_000);
  let t: SandboxedTandem;
  let admin: SandboxedMember;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const tab = async (): Promise<Frame> => {
    const user = t.tenant(0).users.find((u) => u.isAdministrator)!;
    return openInHarness(page, t.app.url, {
      tab: '/tabs/sync',
      tokens: [await t.apiToken(user.userPrincipalName)],
      tid: t.tenant(0).id,
      oid: user.id,
      upn: user.userPrincipalName,
      theme: 'default',
    });
  };
  const view = async (module: string) =>
    (await t.app.request('GET', `/api/v1/sync/${module}`, { token: admin.token })).body;

  before(async () => {
    t = await SandboxedTandem.start({ ownDatabase: true });
    admin = await t.provision(t.tenant(0).users.find((u) => u.isAdministrator)!);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1000, height: 900 }, reducedMotion: 'reduce' });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  for (const [module, name] of [
    ['meetings', 'Meetings'],
    ['tasks', 'Tasks'],
  ] as const) {
    it(`the ${module} switch turns the sync on, and it runs`, async () => {
      const frame = await tab();
      const panel = frame.getByTestId(`module-${module}`);
      await panel.getByRole('switch', { name: new RegExp(`^${name}`) }).click();
      await frame.getByText(`${name} sync is on.`).waitFor();
      await panel
        .getByTestId(`state-${module}`)
        .getByText(/Up to date · Last sync/)
        .waitFor({ timeout: 30_000 });
      assert.equal((await view(module)).enabled, true);
    });
  }

  it("the meetings options are the meetings' own, and saving one keeps it", async () => {
    const frame = await tab();
    const panel = frame.getByTestId('module-meetings');
    await panel.getByRole('button', { name: 'Details' }).click();
    const options = panel.getByTestId('options-meetings');
    await options.waitFor();
    const text = await options.innerText();
    assert.match(text, /Delete the Tandem meeting when it is deleted or cancelled in Outlook/);
    assert.doesNotMatch(text, /Tandem contact/);
    await options.getByRole('checkbox', { name: 'Send the participants added in Tandem to Outlook' }).check();
    await options.getByRole('button', { name: 'Save options' }).click();
    await frame.getByText('The options are saved.').waitFor();
    assert.equal((await view('meetings')).options.pushAttendees, true);
  });

  it('the tasks value mappings are drop-downs; a choice is saved, and deletions stay on', async () => {
    const frame = await tab();
    const panel = frame.getByTestId('module-tasks');
    await panel.getByRole('button', { name: 'Details' }).click();
    const options = panel.getByTestId('options-tasks');
    await options.waitFor();
    assert.match(await options.innerText(), /A task deleted on either side is deleted on the other/);
    const highest = options.getByRole('combobox', {
      name: /To Do importance for the CRM priority "highest"/,
    });
    assert.equal(await highest.inputValue(), 'high');
    await highest.selectOption('normal');
    await options.getByRole('button', { name: 'Save options' }).click();
    await frame.getByText('The options are saved.').waitFor();
    assert.equal((await view('tasks')).options['importance.highest'], 'normal');

    // Deletions always propagate for tasks: unchecking is refused and nothing is saved.
    await options.getByRole('checkbox', { name: /A task deleted on either side/ }).uncheck();
    await options.getByRole('button', { name: 'Save options' }).click();
    await frame.getByText('The options were not saved.').waitFor();
    assert.equal((await view('tasks')).options.deleteCrmOnRemoteDelete, true);
    assert.deepEqual(await seriousViolations(frame), []);
    await page.locator('#tab').screenshot({ path: artifactPath('sync-tasks-options.png') });
  });
});
