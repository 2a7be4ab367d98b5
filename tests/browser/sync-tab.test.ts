import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { SyncJournalRepository } from '../../src/sync/engine/sync-journal.repo.js';
import { BUILT_IN_PROFILES } from '../../src/tenancy/permissions.js';
import { profiles } from '../../src/tenancy/tenancy.table.js';
import { SandboxedTandem, type SandboxedMember, type SandboxUser } from '../support/sandboxed-app.js';
import { artifactPath, launchChromium, openInHarness, seriousViolations } from './support/browser.js';

/** The Sync tab against the engine and the Microsoft 365 sandbox, in a Teams host harness. */
describe('Sync tab (headless Chromium, engine, sandbox)', function () {
  this.timeout(90_000);
  let t: SandboxedTandem;
  let admin: SandboxedMember;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let limited: SandboxUser;

  const tab = async (user: SandboxUser, theme: 'default' | 'dark' | 'contrast' = 'default'): Promise<Frame> =>
    openInHarness(page, t.app.url, {
      tab: '/tabs/sync',
      tokens: [await t.apiToken(user.userPrincipalName)],
      tid: t.tenant(0).id,
      oid: user.id,
      upn: user.userPrincipalName,
      theme,
    });
  const contacts = async () =>
    (await t.app.request('GET', '/api/v1/sync/contacts', { token: admin.token })).body;
  const panel = (frame: Frame) => frame.getByTestId('module-contacts');
  const openDetails = async (frame: Frame) => {
    await panel(frame).getByRole('button', { name: 'Details' }).click();
    await panel(frame).getByTestId('mapping-contacts').waitFor();
  };

  before(async () => {
    // A breaker that trips on more than one deletion, so a test can trip it with a few contacts.
    t = await SandboxedTandem.start({
      ownDatabase: true,
      env: { SYNC_MASS_DELETE_MIN: '1', SYNC_MASS_DELETE_PERCENT: '1' },
    });
    admin = await t.provision(t.tenant(0).users.find((u) => u.isAdministrator)!);
    const perms = structuredClone(BUILT_IN_PROFILES.standard.permissions);
    perms.modules.contacts = { ...perms.modules.contacts, create: false };
    await t.app.tandem.db.system((tx) =>
      tx.insert(profiles).values({
        id: randomUUID(),
        orgId: admin.orgId,
        key: 'no-contact-create',
        name: 'No contact create',
        permissions: perms,
      }),
    );
    limited = t.user('daniel');
    await t.app.tandem.container.tenancy.addMember(admin.orgId, {
      objectId: limited.id,
      userPrincipalName: limited.userPrincipalName,
      displayName: 'Daniel',
      profileKey: 'no-contact-create',
    });
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

  it('a refused switch moves, then goes back with the reason', async () => {
    const frame = await tab(limited);
    const sw = panel(frame).getByRole('switch', { name: /^Contacts/ });
    await sw.click();
    const alert = frame.getByRole('alert');
    await alert.waitFor();
    assert.match(
      await alert.innerText(),
      /Contacts sync could not be changed\. .*create permission on contacts/,
    );
    assert.equal(await sw.isChecked(), false);
  });

  it('dry run before the first enable shows each side, then "Enable" turns the sync on and it runs', async () => {
    const crm = await t.app.request('POST', '/api/v1/contacts', {
      token: admin.token,
      body: { firstName: 'Ada', lastName: 'Lovelace', emails: [{ address: 'ada@engines.example' }] },
    });
    assert.equal(crm.status, 201);
    const frame = await tab(admin);
    await panel(frame).getByRole('button', { name: 'Preview the first sync' }).click();
    const report = panel(frame).getByTestId('dry-run-contacts');
    await report.waitFor();
    const text = await report.innerText();
    assert.match(text, /A "Tandem Contacts" folder is created\./);
    assert.match(text, /In Office 365\s+1 to create\s+Ada Lovelace/);
    assert.deepEqual(await seriousViolations(frame), []);
    assert.equal((await contacts()).enabled, false, 'the preview changes nothing');

    await report.getByRole('button', { name: 'Enable' }).click();
    await frame.getByText('Contacts sync is on.').waitFor();
    assert.equal(
      await panel(frame)
        .getByRole('switch', { name: /^Contacts/ })
        .isChecked(),
      true,
    );
    await panel(frame)
      .getByTestId('state-contacts')
      .getByText(/Up to date · Last sync/)
      .waitFor({ timeout: 30_000 });
    assert.match(await panel(frame).getByTestId('to-office-contacts').innerText(), /^1 created/);
    await page.locator('#tab').screenshot({ path: artifactPath('sync-enabled-light.png') });
  });

  it("the mapping editor shows the server's error beside its row, and saves a valid mapping", async () => {
    const frame = await tab(admin);
    await openDetails(frame);
    const mapping = panel(frame).getByTestId('mapping-contacts');
    await mapping.getByRole('combobox', { name: 'Birthday' }).selectOption('nickName');
    await mapping.getByRole('button', { name: 'Save mapping' }).click();
    const row = mapping.getByTestId('mapping-row-birthday');
    await row.getByText(/holds a date/).waitFor();
    await frame.getByText('The mapping was not saved: fix the fields marked below.').waitFor();
    assert.equal((await contacts()).mapping.birthday, 'birthday', 'nothing was saved');

    await mapping.getByRole('combobox', { name: 'Birthday' }).selectOption('birthday');
    await mapping.getByRole('combobox', { name: 'Job title' }).selectOption('');
    await mapping.getByRole('button', { name: 'Save mapping' }).click();
    await frame.getByText('The field mapping is saved.').waitFor();
    assert.equal(await row.getByText(/holds a date/).count(), 0, 'the row error is gone');
    const saved = (await contacts()).mapping;
    assert.equal(saved.jobTitle, undefined);
    assert.equal(saved.firstName, 'givenName');
  });

  it('options are saved: delete the CRM contact when it is deleted in Outlook', async () => {
    const frame = await tab(admin);
    await openDetails(frame);
    const options = panel(frame).getByTestId('options-contacts');
    await options.getByRole('checkbox', { name: /Delete the Tandem contact/ }).check();
    await options.getByRole('button', { name: 'Save options' }).click();
    await frame.getByText('The options are saved.').waitFor();
    assert.equal((await contacts()).options.deleteCrmOnRemoteDelete, true);
  });

  it('a conflict shows the kept and the replaced value; "Restore" writes the replaced one back', async () => {
    const [ada] = (await t.app.request('GET', '/api/v1/contacts?q=Ada', { token: admin.token })).body.items;
    await t.app.request('PATCH', `/api/v1/contacts/${ada.id}`, {
      token: admin.token,
      body: { jobTitle: 'Analyst' },
      headers: { 'if-match': `"${ada.version}"` },
    });
    // The engine recorded that both sides changed the job title and Outlook's (more recent) value won.
    await t.app.tandem.db.scoped(admin.orgId, (tx) =>
      new SyncJournalRepository().append(
        tx,
        { orgId: admin.orgId, userId: admin.userId, module: 'contacts' },
        null,
        [
          {
            direction: 'none',
            action: 'conflict',
            crmId: ada.id,
            remoteId: null,
            label: 'Ada Lovelace',
            fields: ['jobTitle'],
            reason: 'both_sides_changed',
            details: {
              conflicts: [{ field: 'jobTitle', kept: 'Analyst', overwritten: 'Countess', winner: 'office' }],
            },
          },
          {
            direction: 'none',
            action: 'conflict',
            crmId: ada.id,
            remoteId: null,
            label: 'Ada Lovelace',
            fields: ['mobilePhone'],
            reason: 'both_sides_changed',
            details: {
              conflicts: [{ field: 'mobilePhone', kept: '+44 1', overwritten: '+44 2', winner: 'crm' }],
            },
          },
        ],
      ),
    );
    const frame = await tab(admin);
    await openDetails(frame);
    const conflicts = panel(frame).getByTestId('conflicts-contacts').getByTestId('conflict');
    const conflict = conflicts.filter({ hasText: 'Job title' });
    await conflict.waitFor();
    assert.match(
      await conflict.innerText(),
      /Ada Lovelace · Job title\s+Kept\s+Analyst\s+Replaced\s+Countess/,
    );
    await conflict.getByRole('button', { name: /^Restore/ }).click();
    await frame
      // An earlier test took the job title out of the mapping: restored in Tandem only, and said so.
      .getByText(
        '"Job title" is restored in Tandem; it is no longer in your field mapping, so Office 365 keeps its value.',
      )
      .first()
      .waitFor();
    const after = await t.app.request('GET', `/api/v1/contacts/${ada.id}`, { token: admin.token });
    assert.equal(after.body.jobTitle, 'Countess');

    // A phone lives in the contact's list of phones: restored in place, the other phones kept.
    const before = (await t.app.request('GET', `/api/v1/contacts/${ada.id}`, { token: admin.token })).body;
    await conflicts
      .filter({ hasText: 'Mobile phone' })
      .getByRole('button', { name: /^Restore/ })
      .click();
    await frame
      .getByText('"Mobile phone" is restored; it goes to Office 365 at the next sync.')
      .first()
      .waitFor();
    const restored = (await t.app.request('GET', `/api/v1/contacts/${ada.id}`, { token: admin.token })).body;
    const phones = restored.phones as { type: string; number: string }[];
    assert.equal(phones.find((p) => p.type === 'mobile')?.number, '+44 2');
    const others = (list: { type: string }[]) => list.filter((p) => p.type !== 'mobile');
    assert.deepEqual(others(phones), others(before.phones as { type: string }[]));
  });

  it('the activity chart is an image with a text alternative; the journal lists what happened', async () => {
    const frame = await tab(admin);
    await openDetails(frame);
    const chart = panel(frame).getByTestId('activity-chart');
    const svg = chart.locator('svg[role="img"]');
    await svg.waitFor();
    const describedBy = await svg.getAttribute('aria-describedby');
    const alternative = await frame.locator(`[id="${describedBy}"]`).innerText();
    assert.match(alternative, /\d+ into Tandem, \d+ into Office 365/);
    assert.match((await svg.locator('desc').textContent()) ?? '', /into Office 365/);
    const journal = panel(frame).getByTestId('journal-contacts');
    assert.ok((await journal.getByTestId('journal-entry').count()) >= 1);
    assert.match(await journal.innerText(), /Created into Office 365 · Ada Lovelace/);
  });

  it('a mass-deletion pause shows a banner; "Keep the items" answers it and the sync goes on', async () => {
    const graph = t.sandbox.graph(await t.sandbox.token(admin.userPrincipalName, 'graph'));
    const folderId = (await contacts()).container.id;
    const made = [];
    for (const givenName of ['Marie', 'Pierre']) {
      made.push(
        await graph.api(`/me/contactFolders/${folderId}/contacts`).post({ givenName, surname: 'Curie' }),
      );
    }
    const runAndSettle = async () => {
      const run = await t.app.request('POST', '/api/v1/sync/contacts/run', { token: admin.token });
      assert.equal(run.status, 202, run.text);
      return waitFor(async () => {
        const view = await contacts();
        return ['idle', 'paused'].includes(view.state) ? view : undefined;
      });
    };
    assert.equal((await runAndSettle()).state, 'idle');
    // Without push, both deletions reach Tandem in one run (a notification per deletion could start
    // a run after the first, which deletes one item — within the threshold).
    await t.app.tandem.container.subscriptions!.remove({
      orgId: admin.orgId,
      userId: admin.userId,
      module: 'contacts',
    });
    for (const c of made) await graph.api(`/me/contacts/${c.id}`).delete();
    assert.equal((await runAndSettle()).state, 'paused', 'deleting 2 (more than 1) waits for the user');

    const frame = await tab(admin);
    const banner = panel(frame).getByTestId('paused-contacts');
    await banner.waitFor();
    assert.match(
      await banner.innerText(),
      /would delete 2 items, more than the 1 Tandem deletes without asking/,
    );
    assert.deepEqual(await seriousViolations(frame), []);
    await banner.getByRole('button', { name: 'Keep the items' }).click();
    await frame.getByText('The items are kept on both sides.').waitFor();
    await banner.waitFor({ state: 'detached' });
    assert.notEqual((await contacts()).state, 'paused');
    const kept = await t.app.request('GET', '/api/v1/contacts?q=Curie', { token: admin.token });
    assert.equal(kept.body.items.length, 2, 'the CRM contacts are kept');
  });

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    it(`with every section open, no serious axe violation in the ${theme} theme`, async () => {
      const frame = await tab(admin, theme);
      await openDetails(frame);
      await panel(frame).getByTestId('activity-chart').waitFor();
      assert.deepEqual(await seriousViolations(frame), []);
      await page.locator('#tab').screenshot({ path: artifactPath(`sync-details-${theme}.png`) });
    });
  }
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting for the sync');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
