import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TestAdapter, type Activity } from 'botbuilder';
import { assertValidCard, cardText, executeActions } from '../../support/adaptive-card.js';
import { SandboxedTandem, type SandboxedMember, type SandboxUser } from '../../support/sandboxed-app.js';
import { TeamsConnector } from '../../support/teams-connector.js';
import { TEST_CLIENT_ID } from '../../support/test-identity.js';

const invoke = (verb: string, data: Record<string, unknown>) =>
  ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
  }) as Partial<Activity>;

describe('Onboarding cards in Teams (join requests, approvals, invitations)', function () {
  this.timeout(60_000);
  let t: SandboxedTandem;
  let connector: TeamsConnector;
  let admin: SandboxedMember;
  let manager: SandboxedMember;
  let standard: SandboxedMember;

  /**
   * A person's 1:1 chat with the bot (one adapter each: its activity ids must not repeat), whose
   * proactive traffic reaches the connector.
   */
  const chats = new Map<string, string>();
  const adapters = new Map<string, TestAdapter>();
  const chat = (user: SandboxUser, tenantId = t.tenant(0).id) => {
    const known = adapters.get(user.id);
    if (known) return known;
    const conversationId = `a:${randomUUID()}`;
    chats.set(user.id, conversationId);
    const adapter = new TestAdapter((turn) => t.app.tandem.container.bot.bot.run(turn), {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: conversationId, tenantId, conversationType: 'personal' } as any,
      from: { id: `29:${user.id}`, name: user.userPrincipalName, aadObjectId: user.id } as any,
      recipient: { id: '28:bot', name: 'Tandem' },
      channelData: { tenant: { id: tenantId } },
    } as Partial<Activity>);
    adapters.set(user.id, adapter);
    return adapter;
  };
  /** The card the bot answers an Action.Execute with. */
  const press = async (user: SandboxUser, verb: string, data: Record<string, unknown>) => {
    let card: any;
    await chat(user)
      .send(invoke(verb, data))
      .assertReply(
        (r) => {
          assert.equal((r.value as any).status, 200);
          card = (r.value as any).body.value;
        },
        'the invoke response',
        15_000,
      );
    assertValidCard(card);
    return card;
  };
  const say = async (user: SandboxUser, text: string) => {
    let reply: Partial<Activity> | undefined;
    await chat(user)
      .send(text)
      .assertReply((r) => void (reply = r), 'the bot answers', 15_000);
    return reply!;
  };
  const status = (user: SandboxUser) =>
    t.app.tandem.container.onboarding.status({ tenantId: t.tenant(0).id, objectId: user.id });
  const isMember = async (user: SandboxUser) =>
    t.app.tandem.container.tenancy.resolvePrincipal(t.tenant(0).id, user.id).then(
      () => true,
      () => false,
    );
  /** The request as the Team tab lists it. */
  const requestNow = async (id: string) => {
    const res = await t.app.request('GET', '/api/v1/join-requests', { token: admin.token });
    return res.body.requests.find((r: any) => r.id === id);
  };
  const requestCards = () =>
    connector.calls.filter(
      (c) => c.method === 'POST' && /asks to join/.test(cardText(c.activity.attachments?.[0]?.content ?? {})),
    );

  before(async () => {
    connector = await TeamsConnector.start();
    t = await SandboxedTandem.start({ ownDatabase: true });
    // The sandbox may have closed fetch's idle keep-alive connection while Tandem started (see
    // tests/browser/onboarding.test.ts): a first call takes that reset.
    await t.apiToken(t.user('daniel').userPrincipalName).catch(() => undefined);
    const adminUser = t.tenant(0).users.find((u) => u.isAdministrator)!;
    admin = await t.provision(adminUser);
    manager = await t.addMember(admin.orgId, t.user('daniel'), 'administrator');
    standard = await t.addMember(admin.orgId, t.user('elodie'), 'standard');
    // Tandem is in the sandbox's Teams app catalog, so invitations can install it for invitees.
    const published = await fetch(`${t.sandbox.url}/_sandbox/teams/catalog/${TEST_CLIENT_ID}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Tandem', azureADAppId: TEST_CLIENT_ID }),
    });
    assert.ok(published.ok);
    // Approvers talk to the bot once: their chat is where join request cards reach them.
    for (const m of [admin, manager, standard]) await say(m, 'help');
  });
  after(async () => {
    await t?.stop();
    await connector?.stop();
  });

  it('a non-member who talks to the bot gets "already uses Tandem" with Request to join and a message box', async () => {
    const reply = await say(t.user('benoit'), 'hello');
    const card = (reply.attachments?.[0] as any).content;
    assertValidCard(card);
    assert.match(cardText(card), /already uses Tandem/);
    assert.match(cardText(card), /not a member yet/);
    assert.ok(card.body.some((e: any) => e.type === 'Input.Text' && e.maxLength === 500));
    assert.deepEqual(
      executeActions(card).map((a) => a.verb),
      ['requestToJoin'],
    );
  });

  it('Request to join: every manageUsers holder gets a card; the first decision wins and every copy is updated; the requester is told', async () => {
    const benoit = t.user('benoit');
    const sent = await press(benoit, 'requestToJoin', { message: 'I run the Lyon sales team' });
    assert.match(cardText(sent), /Request sent/);

    const cards = await connector.waitFor(
      (c) => c.method === 'POST' && /asks to join/.test(cardText(c.activity.attachments?.[0]?.content ?? {})),
      2,
    );
    const toWhom = new Set(cards.map((c) => c.conversationId));
    assert.deepEqual(toWhom, new Set([chats.get(admin.id), chats.get(manager.id)]), 'approvers only');
    const card = cards[0]!.activity.attachments[0].content;
    assertValidCard(card);
    assert.match(cardText(card), /I run the Lyon sales team/);
    const buttons = executeActions(card).filter((a) => a.verb !== 'refreshJoinRequest');
    assert.deepEqual(
      buttons.map((a) => a.title),
      ['Approve and add', 'Decline'],
    );
    assert.deepEqual(new Set(card.refresh.userIds), new Set([`29:${admin.id}`, `29:${manager.id}`]));
    const requestId = buttons[0]!.data.requestId;

    // Both approvers press at the same moment: one decision stands.
    const [approved, declined] = await Promise.all([
      press(admin, 'approveJoinRequest', { requestId }),
      press(manager, 'declineJoinRequest', { requestId }),
    ]);
    const texts = [cardText(approved), cardText(declined)];
    assert.equal(texts.filter((x) => /Already decided by/.test(x)).length, 1, texts.join('\n---\n'));
    const final = await requestNow(requestId);
    assert.ok(['approved', 'declined'].includes(final.status));
    assert.equal(await isMember(benoit), final.status === 'approved');
    for (const c of [approved, declined])
      assert.deepEqual(
        executeActions(c).filter((a) => a.verb !== 'refreshJoinRequest'),
        [],
      );

    // Every approver's copy is replaced by the decided state, without buttons.
    const updates = await connector.waitFor((c) => c.method === 'PUT', 2);
    assert.deepEqual(new Set(updates.map((u) => u.activityId)), new Set(cards.map((c) => c.activityId)));
    for (const u of updates) {
      const decided = u.activity.attachments[0].content;
      assertValidCard(decided);
      assert.match(cardText(decided), final.status === 'approved' ? /Approved by/ : /Declined by/);
      assert.deepEqual(
        executeActions(decided).filter((a) => a.verb !== 'refreshJoinRequest'),
        [],
      );
    }
    // The requester hears the outcome in their chat.
    const told = await connector.waitFor(
      (c) =>
        c.method === 'POST' &&
        c.conversationId === chats.get(benoit.id) &&
        /Your request to join/.test(c.activity.text ?? ''),
    );
    assert.match(told[0]!.activity.text, final.status === 'approved' ? /approved by/ : /declined by/);

    // A stale copy opened later re-renders the decided state (the card's refresh).
    const refreshed = await press(manager, 'refreshJoinRequest', { requestId });
    assert.match(cardText(refreshed), /(Approved|Declined) by/);
    // A late press is told who decided, and nothing changes.
    const late = await press(manager, 'approveJoinRequest', { requestId });
    assert.match(cardText(late), /Already decided by .+ at/);
    assert.equal((await requestNow(requestId)).status, final.status);
  });

  it('a press without manageUsers, from another organisation, or by the requester is refused and changes nothing', async () => {
    const jose = t.user('jose');
    await say(jose, 'hi');
    const before = requestCards().length;
    await press(jose, 'requestToJoin', {});
    // The two approvers' cards go out; the Standard member gets none.
    await connector.waitFor(() => requestCards().length >= before + 2);
    const requestId = (await status(jose)).joinRequest!.id;

    const byStandard = await press(standard, 'approveJoinRequest', { requestId });
    assert.match(cardText(byStandard), /not changed/);
    assert.deepEqual(executeActions(byStandard), []);
    const byRequester = await press(jose, 'approveJoinRequest', { requestId });
    assert.match(cardText(byRequester), /not changed/);
    // manageUsers taken away a moment ago: the card they still hold no longer works.
    const demoted = await t.app.request('PATCH', `/api/v1/members/${manager.userId}`, {
      token: admin.token,
      body: { profile: 'standard' },
    });
    assert.equal(demoted.status, 200, JSON.stringify(demoted.body));
    const byDemoted = await press(manager, 'declineJoinRequest', { requestId });
    assert.match(cardText(byDemoted), /not changed/);
    const staleRefresh = await press(manager, 'refreshJoinRequest', { requestId });
    assert.deepEqual(executeActions(staleRefresh), []);

    const fabrikamAdmin = t.tenant(1).users.find((u) => u.isAdministrator) ?? t.tenant(1).users[0]!;
    await t.provision(fabrikamAdmin, 1);
    let other: any;
    await new TestAdapter((turn) => t.app.tandem.container.bot.bot.run(turn), {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: {
        id: `a:${randomUUID()}`,
        tenantId: t.tenant(1).id,
        conversationType: 'personal',
      } as any,
      from: { id: `29:${fabrikamAdmin.id}`, aadObjectId: fabrikamAdmin.id } as any,
      recipient: { id: '28:bot' },
      channelData: { tenant: { id: t.tenant(1).id } },
    } as Partial<Activity>)
      .send(invoke('approveJoinRequest', { requestId }))
      .assertReply((r) => void (other = (r.value as any).body.value));
    assert.match(cardText(other), /not changed/);

    assert.equal((await status(jose)).joinRequest!.status, 'pending');
    assert.equal(await isMember(jose), false);
    // A second request while one is pending shows the one waiting.
    const again = await press(jose, 'requestToJoin', {});
    assert.match(cardText(again), /already have a request waiting/);
  });

  it('an invitee with a pending invitation is offered Accept in Teams and becomes a member with the chosen profile', async () => {
    const lucia = t.user('lucia');
    await say(lucia, 'hi'); // their chat is known: the invitation card can reach them
    const res = await t.app.request('POST', '/api/v1/invitations', {
      token: admin.token,
      body: { users: [{ id: lucia.id }], profile: 'manager' },
    });
    assert.equal(res.status, 207, JSON.stringify(res.body));
    const invitation = res.body.results[0].invitation;
    assert.equal(invitation.delivery.teams, 'sent');
    const card = (
      await connector.waitFor(
        (c) =>
          c.conversationId === chats.get(lucia.id) &&
          /invited/.test(cardText(c.activity.attachments?.[0]?.content ?? {})),
      )
    )[0]!.activity.attachments[0].content;
    assertValidCard(card);
    assert.deepEqual(executeActions(card)[0]!.data, { invitationId: invitation.id });

    const reply = await say(lucia, 'hello again');
    assert.match(cardText((reply.attachments?.[0] as any).content), /You're invited to/);

    const noTerms = await press(lucia, 'acceptInvitation', {
      invitationId: invitation.id,
      acceptTerms: 'false',
    });
    assert.match(cardText(noTerms), /Tick "I accept/);
    assert.equal(await isMember(lucia), false);

    // Someone else pressing the invitee's card is refused; the invitation stays usable.
    const byOther = await press(t.user('jurgen'), 'acceptInvitation', {
      invitationId: invitation.id,
      acceptTerms: 'true',
    });
    assert.match(cardText(byOther), /not accepted/);

    const welcome = await press(lucia, 'acceptInvitation', {
      invitationId: invitation.id,
      acceptTerms: 'true',
    });
    assert.match(cardText(welcome), /Welcome to Contoso in Tandem[\s\S]+the Manager profile/);
    const principal = await t.app.tandem.container.tenancy.resolvePrincipal(t.tenant(0).id, lucia.id);
    assert.equal(principal.profile.key, 'manager');
  });

  it('Tandem installed for someone who is not a member: the bot greets them with their onboarding card and can reach them later', async () => {
    const anja = t.user('anja');
    let greeting: any;
    await chat(anja)
      .send({ type: 'installationUpdate', action: 'add' } as Partial<Activity>)
      .assertReply((r) => void (greeting = (r.attachments?.[0] as any)?.content), 'the greeting', 15_000);
    assertValidCard(greeting);
    assert.match(cardText(greeting), /already uses Tandem/);

    const res = await t.app.request('POST', '/api/v1/invitations', {
      token: admin.token,
      body: { users: [{ id: anja.id }] },
    });
    assert.equal(res.body.results[0].invitation.delivery.teams, 'sent', JSON.stringify(res.body));
    await connector.waitFor(
      (c) =>
        c.conversationId === chats.get(anja.id) &&
        /You're invited to/.test(cardText(c.activity.attachments?.[0]?.content ?? {})),
    );
  });
});
