import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { SandboxedTandem, type SandboxedMember, type SandboxUser } from '../support/sandboxed-app.js';
import { artifactPath, launchChromium, openInHarness, seriousViolations } from './support/browser.js';

describe('Onboarding in the Team, Join and Accept tabs (headless Chromium, sandbox)', function () {
  this.timeout(90_000);
  let t: SandboxedTandem;
  let admin: SandboxedMember;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const tenantId = () => t.tenant(0).id;
  /** The tab in the Teams host harness, signed in (Teams SSO) as `user`. */
  const tab = async (path: string, user: SandboxUser): Promise<Frame> =>
    openInHarness(page, t.app.url, {
      tab: path,
      tokens: [await t.apiToken(user.userPrincipalName)],
      tid: tenantId(),
      oid: user.id,
      upn: user.userPrincipalName,
    });
  const isMember = (user: SandboxUser) =>
    t.app.tandem.container.tenancy.resolvePrincipal(tenantId(), user.id).then(
      (p) => p,
      () => undefined,
    );

  before(async () => {
    t = await SandboxedTandem.start({ ownDatabase: true });
    // While Tandem started, the sandbox may have closed fetch's idle keep-alive connection (its
    // 5 s timeout, on a loaded machine): a first call takes that reset so provision's gets a fresh one.
    await t.apiToken(t.user('daniel').userPrincipalName).catch(() => undefined);
    admin = await t.provision(t.tenant(0).users.find((u) => u.isAdministrator)!);
    await t.addMember(admin.orgId, t.user('daniel'), 'standard');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1000, height: 900 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  it('Team tab: search the directory, see who is a member, multi-select and invite; resend and revoke', async () => {
    const frame = await tab('/tabs/team', admin);
    const add = frame.getByTestId('add-users');
    await add.getByRole('searchbox').fill('contoso');
    const results = frame.getByTestId('directory-results');
    await results.getByText('Benoît', { exact: false }).first().waitFor();
    // Daniel is a member already: badged, not selectable.
    assert.equal(await frame.getByRole('checkbox', { name: /Select Daniel/ }).isDisabled(), true);
    await frame.getByRole('checkbox', { name: /Select Beno/ }).check();
    await frame.getByRole('checkbox', { name: /Select Luc/ }).check();
    await add.getByRole('button', { name: 'Send 2 invitations' }).click();
    const outcome = frame.getByTestId('invite-results');
    await outcome
      .getByText(/invited\./)
      .first()
      .waitFor();
    assert.equal(await outcome.getByText(/invited\./).count(), 2);
    for (const theme of ['default', 'dark', 'contrast']) {
      await page.evaluate((name) => (globalThis as any).sendTheme(name), theme);
      await frame.waitForFunction(
        (name) => (globalThis as any).document.documentElement.dataset.theme === name,
        theme,
      );
      await frame.waitForTimeout(300); // Fluent's colour transitions end before axe measures.
      assert.deepEqual(await seriousViolations(frame), [], `Team tab in the ${theme} theme`);
      await page.locator('#tab').screenshot({ path: artifactPath(`team-invited-${theme}.png`) });
    }

    const invitations = frame.getByTestId('invitations');
    const benoit = invitations.getByTestId(`invitation-${t.user('benoit').userPrincipalName}`);
    await benoit.waitFor();
    await benoit.getByRole('button', { name: 'Resend' }).click();
    await invitations.getByText(/Invitation sent again/).waitFor();
    const lucia = invitations.getByTestId(`invitation-${t.user('lucia').userPrincipalName}`);
    await lucia.getByRole('button', { name: 'Revoke' }).click();
    await invitations.getByText(/revoked/).waitFor();
    await lucia.waitFor({ state: 'detached' });

    const list = await t.app.request('GET', '/api/v1/invitations?status=pending', { token: admin.token });
    assert.deepEqual(
      list.body.invitations.map((i: any) => i.invitee.objectId),
      [t.user('benoit').id],
    );
    await frame
      .getByTestId('audit')
      .getByText(/revoked the invitation of/)
      .first()
      .waitFor();

    // Members: change Daniel's profile.
    await frame.getByRole('combobox', { name: /Profile of daniel/ }).selectOption('manager');
    await frame
      .getByTestId('members')
      .getByText(/now has the Manager profile/)
      .waitFor();
    assert.equal((await isMember(t.user('daniel')))?.profile.key, 'manager');
  });

  it('Team tab without manageUsers: their own details and a note, no onboarding lists', async () => {
    const elodie = await t.addMember(admin.orgId, t.user('elodie'), 'standard');
    const frame = await tab('/tabs/team', elodie);
    await frame.getByText(/Only people whose profile can manage users/).waitFor();
    assert.equal(await frame.getByTestId('add-users').count(), 0);
    assert.deepEqual(await seriousViolations(frame), []);
  });

  it('Join tab: a non-member asks to join with a message; the approval link highlights it; Approve and add', async () => {
    const jose = t.user('jose');
    const join = await tab('/tabs/join', jose);
    await join.getByText(/already uses Tandem/).waitFor();
    await join.getByRole('textbox', { name: /Message to the approvers/ }).fill('New in the Madrid office');
    assert.deepEqual(await seriousViolations(join), []);
    await join.getByRole('button', { name: 'Request to join' }).click();
    await join.getByText('Request sent').waitFor();
    await page.locator('#tab').screenshot({ path: artifactPath('join-requested.png') });

    const requests = await t.app.request('GET', '/api/v1/join-requests?status=pending', {
      token: admin.token,
    });
    const request = requests.body.requests.find((r: any) => r.requester.objectId === jose.id);
    assert.equal(request.message, 'New in the Madrid office');

    // The approval mail's link in a plain browser: sign in, and the request is still the one shown.
    await page.goto(`${t.app.url}/tabs/team?request=${request.id}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${t.sandbox.url}/`));
    await page
      .getByRole('button', { name: new RegExp(admin.userPrincipalName.replace(/\./g, '\\.')) })
      .click();
    await page.waitForURL(`${t.app.url}/tabs/team`);
    const mailed = page.getByTestId(`join-request-${request.requester.userPrincipalName}`);
    await mailed.waitFor();
    assert.equal(await mailed.getAttribute('aria-current'), 'true');

    const team = await tab(`/tabs/team?request=${request.id}`, admin);
    const row = team.getByTestId(`join-request-${request.requester.userPrincipalName}`);
    await row.waitFor();
    assert.equal(await row.getAttribute('aria-current'), 'true');
    await row.getByRole('button', { name: 'Approve and add' }).click();
    await row
      .getByTestId('join-request-outcome')
      .getByText(/Approved by/)
      .waitFor();
    assert.equal((await isMember(jose))?.profile.key, 'standard');
    await team.getByTestId(`member-${request.requester.userPrincipalName}`).waitFor();
  });

  it('Accept page: the mailed link, signed in as the invitee through the sandbox authority, accepts once', async () => {
    const jurgen = t.user('jurgen');
    const sent = await t.app.request('POST', '/api/v1/invitations', {
      token: admin.token,
      body: { users: [{ id: jurgen.id }], profile: 'manager' },
    });
    assert.equal(sent.body.results[0].status, 'invited', JSON.stringify(sent.body));
    const mail = (await (
      await fetch(`${t.sandbox.url}/_sandbox/mail?address=${encodeURIComponent(jurgen.userPrincipalName)}`)
    ).json()) as { messages: { links: string[] }[] };
    const link = mail.messages.flatMap((m) => m.links).find((l) => l.includes('/tabs/accept#token='))!;
    assert.ok(link, 'the mail carries the accept link');
    const url = new URL(link);

    await page.goto(`${t.app.url}${url.pathname}${url.hash}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${t.sandbox.url}/`));
    await page
      .getByRole('button', { name: new RegExp(jurgen.userPrincipalName.replace(/\./g, '\\.')) })
      .click();
    await page.waitForURL(`${t.app.url}/tabs/accept`);
    assert.equal(await isMember(jurgen), undefined, 'opening the link changes nothing');
    await page.getByText(/You're invited to/).waitFor();
    assert.deepEqual(await seriousViolations(page.mainFrame()), []);
    await page.getByRole('checkbox', { name: /I accept the Tandem terms/ }).check();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(/Welcome! You're a member of .+ with the Manager profile/).waitFor();
    await page.screenshot({ path: artifactPath('accept-done.png') });
    assert.equal((await isMember(jurgen))?.profile.key, 'manager');
  });

  /** The accept link mailed to `user` (on this test server's origin). */
  const acceptLinkFor = async (user: SandboxUser) => {
    const mail = (await (
      await fetch(`${t.sandbox.url}/_sandbox/mail?address=${encodeURIComponent(user.userPrincipalName)}`)
    ).json()) as { messages: { links: string[] }[] };
    const link = mail.messages.flatMap((m) => m.links).find((l) => l.includes('/tabs/accept#token='))!;
    const url = new URL(link);
    return `${t.app.url}${url.pathname}${url.hash}`;
  };
  const signInAs = async (user: SandboxUser) => {
    await page.waitForURL((u) => u.href.startsWith(`${t.sandbox.url}/`));
    await page
      .getByRole('button', { name: new RegExp(user.userPrincipalName.replace(/\./g, '\\.')) })
      .click();
    await page.waitForURL(`${t.app.url}/tabs/accept`);
  };

  it('Accept page: someone else is refused (the invitation stays usable); the invitee accepts; the link then says it was used', async () => {
    const anja = t.user('anja');
    const sent = await t.app.request('POST', '/api/v1/invitations', {
      token: admin.token,
      body: { users: [{ id: anja.id }] },
    });
    assert.equal(sent.body.results[0].status, 'invited', JSON.stringify(sent.body));
    const link = await acceptLinkFor(anja);

    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInAs(t.user('lucia'));
    await page.getByRole('checkbox', { name: /I accept the Tandem terms/ }).check();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page
      .getByTestId('accept-refusal')
      .getByText(/This invitation is for someone else/)
      .waitFor();
    assert.equal(await isMember(t.user('lucia')), undefined);
    assert.deepEqual(await seriousViolations(page.mainFrame()), []);
    await page.screenshot({ path: artifactPath('accept-wrong-user.png') });

    await page.getByRole('button', { name: 'Sign in with another account' }).click();
    await signInAs(anja);
    await page.getByRole('checkbox', { name: /I accept the Tandem terms/ }).check();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(/Welcome! You're a member of .+ with the Standard profile/).waitFor();
    assert.equal((await isMember(anja))?.profile.key, 'standard');

    // Opened again later (a new page load: from /tabs/accept only the fragment would change).
    await page.goto('about:blank');
    await page.goto(link);
    await page.getByRole('checkbox', { name: /I accept the Tandem terms/ }).check();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByTestId('accept-refusal').getByText('This invitation was already used.').waitFor();
  });

  it('Accept page: "Associate my account" signs in with the invitee\'s other account, which joins instead', async () => {
    const lucia = t.user('lucia');
    const benoit = t.user('benoit');
    const sent = await t.app.request('POST', '/api/v1/invitations', {
      token: admin.token,
      body: { users: [{ id: lucia.id }] },
    });
    assert.equal(sent.body.results[0].status, 'invited', JSON.stringify(sent.body));

    await page.goto(await acceptLinkFor(lucia));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInAs(lucia);
    await page.getByRole('button', { name: 'Associate my account' }).click();
    await signInAs(benoit);
    await page.getByText(/You signed in with your other account/).waitFor();
    await page.getByRole('checkbox', { name: /I accept the Tandem terms/ }).check();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(/Welcome! You're a member of/).waitFor();
    assert.equal((await isMember(benoit))?.profile.key, 'standard');
    assert.equal(await isMember(lucia), undefined);
  });

  it('Join tab in a tenant without Tandem: "Set up Tandem", and the first user becomes Administrator', async () => {
    const fabrikam = t.tenant(1);
    const first = fabrikam.users[0]!;
    const join = await openInHarness(page, t.app.url, {
      tab: '/tabs/join',
      tokens: [await t.apiToken(first.userPrincipalName)],
      tid: fabrikam.id,
      oid: first.id,
      upn: first.userPrincipalName,
    });
    await join.getByText('Set up Tandem for your organisation').waitFor();
    assert.deepEqual(await seriousViolations(join), []);
    await join.getByRole('textbox', { name: 'Organisation name' }).fill('Fabrikam Sales');
    await join.getByRole('button', { name: 'Set up Tandem' }).click();
    await join.getByText('Fabrikam Sales is set up. You are its Administrator.').waitFor();
    const admin = await t.app.tandem.container.tenancy.resolvePrincipal(fabrikam.id, first.id);
    assert.equal(admin.profile.key, 'administrator');

    // Invited, the second user opens the Join tab in Teams: the invitation is there to accept.
    const second = fabrikam.users[1]!;
    const invited = await t.app.request('POST', '/api/v1/invitations', {
      token: await t.apiToken(first.userPrincipalName),
      body: { users: [{ id: second.id }], profile: 'manager' },
    });
    assert.equal(invited.body.results[0].status, 'invited', JSON.stringify(invited.body));
    const tab2 = await openInHarness(page, t.app.url, {
      tab: '/tabs/join',
      tokens: [await t.apiToken(second.userPrincipalName)],
      tid: fabrikam.id,
      oid: second.id,
      upn: second.userPrincipalName,
    });
    await tab2.getByText(/You're invited to Fabrikam Sales/).waitFor();
    await tab2.getByRole('checkbox', { name: /I accept the Tandem terms/ }).check();
    await tab2.getByRole('button', { name: 'Accept' }).click();
    await tab2.getByText(/Welcome! You're a member of Fabrikam Sales with the Manager profile/).waitFor();
  });
});
