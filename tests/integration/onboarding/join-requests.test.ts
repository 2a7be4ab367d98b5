import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SandboxedMember, SandboxUser } from '../../support/sandboxed-app.js';
import type { Identity } from '../../../src/tenancy/onboarding/onboarding.contract.js';
import { OnboardingFixture } from './onboarding-fixture.js';

/**
 * PRODUCT §2 Case 2 end to end against the sandbox (RELIABILITY E 31–33): a non-member asks to
 * join, every manageUsers holder is mailed, one decides, the requester becomes a member.
 */
describe('Onboarding — join requests (Case 2)', function () {
  this.timeout(180_000);
  let fx: OnboardingFixture;
  let admin: SandboxedMember;
  let coAdmin: SandboxedMember;
  let standard: SandboxedMember;
  let requester: SandboxUser;
  let requestId: string;
  const onboarding = () => fx.app.tandem.container.onboarding;
  const tenantId = () => fx.sbx.tenant(0).id;
  const synthetic = (): Identity => {
    const objectId = randomUUID();
    return {
      tenantId: tenantId(),
      objectId,
      userPrincipalName: `${objectId.slice(0, 8)}@contoso.example`,
      displayName: `Guest ${objectId.slice(0, 4)}`,
    };
  };

  before(async () => {
    fx = await OnboardingFixture.start(5102);
    admin = await fx.provision();
    coAdmin = await fx.sbx.addMember(admin.orgId, fx.nonAdmin(0), 'administrator');
    standard = await fx.sbx.addMember(admin.orgId, fx.nonAdmin(1), 'standard');
    requester = fx.nonAdmin(2);
  });
  after(async () => {
    onboarding()?.stop();
    await fx?.stop();
  });

  it('a non-member asks to join, every approver is mailed, approval adds them and tells them', async () => {
    const token = await fx.token(requester);
    const status = await fx.request('GET', '/api/v1/onboarding/status', token);
    assert.equal(status.status, 200);
    assert.deepEqual(status.body, { state: 'not_a_member', organisation: { name: 'Contoso' } });

    const created = await fx.request('POST', '/api/v1/join-requests', token, {
      message: 'I sell to <b>Fabrikam</b>',
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.status, 'pending');
    requestId = created.body.id;
    const twice = await fx.request('POST', '/api/v1/join-requests', token, {});
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'join_request_pending');

    for (const approver of [admin, coAdmin]) {
      const mails = await fx.mailTo(approver.userPrincipalName);
      assert.equal(mails.length, 1, `one mail to ${approver.userPrincipalName}`);
      assert.ok(mails[0]!.links.some((l) => l.endsWith(`/tabs/team?request=${requestId}`)));
      assert.ok(
        mails[0]!.body.content.includes('I sell to &lt;b&gt;Fabrikam&lt;/b&gt;'),
        'the message is escaped',
      );
    }
    assert.equal((await fx.mailTo(standard.userPrincipalName)).length, 0, 'only manageUsers holders');

    const listed = await fx.request('GET', '/api/v1/join-requests?status=pending', admin.token);
    assert.deepEqual(
      listed.body.requests.map((r: any) => r.id),
      [requestId],
    );
    const approved = await fx.request('POST', `/api/v1/join-requests/${requestId}/approve`, admin.token, {
      profile: 'manager',
    });
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.body.status, 'approved');
    assert.equal(approved.body.decidedBy.userId, admin.userId);
    assert.equal(approved.body.profile.key, 'manager');

    const me = await fx.request('GET', '/api/v1/me', token);
    assert.equal(me.status, 200);
    assert.equal(me.body.profile.key, 'manager');
    const told = await fx.mailTo(requester.userPrincipalName);
    const lang = (requester as SandboxUser & { preferredLanguage: string }).preferredLanguage.slice(0, 2);
    const subject = {
      en: /You joined Contoso/,
      fr: /Vous avez rejoint Contoso/,
      es: /Se ha unido a Contoso/,
      de: /beigetreten/,
    }[lang]!;
    assert.ok(
      told.some((m) => subject.test(m.subject)),
      'the requester is told, in their language',
    );
    const after = await fx.request('GET', '/api/v1/onboarding/status', token);
    assert.equal(after.body.state, 'member');
  });

  it('a second decision gets 409 with who decided and when', async () => {
    const res = await fx.request('POST', `/api/v1/join-requests/${requestId}/decline`, coAdmin.token, {});
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'already_decided');
    assert.equal(res.body.decidedBy.userId, admin.userId);
    assert.ok(Date.parse(res.body.decidedAt) > 0);
  });

  it('approve and decline at the same moment (×50) leave one final state and at most one membership', async () => {
    const requests = [];
    for (let i = 0; i < 50; i++) requests.push(await onboarding().requestToJoin(synthetic()));
    const outcomes = await Promise.all(
      requests.map(async (r) => {
        const [a, d] = await Promise.all([
          fx.request('POST', `/api/v1/join-requests/${r.id}/approve`, admin.token, {}),
          fx.request('POST', `/api/v1/join-requests/${r.id}/decline`, coAdmin.token, {}),
        ]);
        return { r, a, d };
      }),
    );
    const members = (await fx.request('GET', '/api/v1/members', admin.token)).body.members;
    const all = (await fx.request('GET', '/api/v1/join-requests', admin.token)).body.requests;
    for (const { r, a, d } of outcomes) {
      assert.deepEqual([a.status, d.status].sort(), [200, 409], `${a.status}/${d.status}`);
      const final = all.find((x: any) => x.id === r.id);
      const winner = a.status === 200 ? 'approved' : 'declined';
      assert.equal(final.status, winner);
      const memberships = members.filter(
        (m: any) => m.userPrincipalName === r.requester.userPrincipalName,
      ).length;
      assert.equal(memberships, winner === 'approved' ? 1 : 0);
    }
  });

  it('refuses deciders without manageUsers, of another organisation, revoked a second ago, and the requester', async () => {
    const pending = await onboarding().requestToJoin(synthetic());
    const path = (verb: string) => `/api/v1/join-requests/${pending.id}/${verb}`;
    const noRight = await fx.request('POST', path('approve'), standard.token, {});
    assert.equal(noRight.status, 403);
    assert.equal(noRight.body.code, 'not_permitted');

    const fabrikam = await fx.provision(1);
    const otherOrg = await fx.request('POST', path('approve'), fabrikam.token, {});
    assert.equal(otherOrg.status, 404);

    const staleCard = await fx.app.tandem.container.tenancy.resolvePrincipal(tenantId(), coAdmin.id);
    const demoted = await fx.request('PATCH', `/api/v1/members/${coAdmin.userId}`, admin.token, {
      profile: 'standard',
    });
    assert.equal(demoted.status, 200, demoted.text);
    const revoked = await fx.request('POST', path('approve'), coAdmin.token, {});
    assert.equal(revoked.status, 403);
    await assert.rejects(
      onboarding().approveJoinRequest(staleCard, pending.id),
      (e: any) => e.code === 'not_permitted',
    );

    const own = await fx.request('POST', path('approve'), await fx.token(fx.nonAdmin(3)), {});
    assert.equal(own.status, 403, 'a non-member cannot decide');
    const still = (await fx.request('GET', '/api/v1/join-requests?status=pending', admin.token)).body
      .requests;
    assert.ok(
      still.some((r: any) => r.id === pending.id),
      'nothing changed',
    );

    const audit = (await fx.request('GET', '/api/v1/audit', admin.token)).body.entries;
    const refusals = audit.filter((e: any) => e.target.id === pending.id && e.outcome === 'refused');
    assert.ok(refusals.length >= 2, 'the refusals are audited');
  });

  it('rejects privileged fields with 400 and keeps the last Administrator', async () => {
    const token = await fx.token(fx.nonAdmin(4));
    for (const body of [
      { status: 'approved' },
      { role: 'admin' },
      { tenantId: randomUUID() },
      { approvedBy: admin.userId },
    ]) {
      const res = await fx.request('POST', '/api/v1/join-requests', token, body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const pending = await onboarding().requestToJoin(synthetic());
    const withStatus = await fx.request('POST', `/api/v1/join-requests/${pending.id}/approve`, admin.token, {
      status: 'declined',
    });
    assert.equal(withStatus.status, 400);
    const selfPromote = await fx.request('PATCH', `/api/v1/members/${standard.userId}`, standard.token, {
      profile: 'administrator',
    });
    assert.equal(selfPromote.status, 403);
    const perms = await fx.request('PATCH', `/api/v1/members/${standard.userId}`, admin.token, {
      permissions: ['manageUsers'],
    });
    assert.equal(perms.status, 400);
    const last = await fx.request('PATCH', `/api/v1/members/${admin.userId}`, admin.token, {
      profile: 'standard',
    });
    assert.equal(last.status, 409);
    assert.equal(last.body.code, 'last_administrator');
  });

  it('limits requests: 5 per user per day, then 429 with Retry-After', async () => {
    const me = synthetic();
    for (let i = 0; i < 5; i++) {
      const r = await onboarding().requestToJoin(me);
      await onboarding().declineJoinRequest(await principalOf(admin), r.id);
    }
    await assert.rejects(
      onboarding().requestToJoin(me),
      (e: any) => e.httpStatus === 429 && Number(e.headers['Retry-After']) > 0,
    );
  });

  it('never shows one organisation’s invitations, requests, members or audit to another', async () => {
    const fabrikam = await fx.provision(1).catch(async () => ({
      ...fx.admin(1),
      token: await fx.token(fx.admin(1)),
    }));
    for (const path of ['/api/v1/invitations', '/api/v1/join-requests', '/api/v1/members', '/api/v1/audit']) {
      const res = await fx.request('GET', path, fabrikam.token);
      assert.equal(res.status, 200, path);
      assert.ok(
        !res.text.includes(admin.userId) && !res.text.includes(requestId),
        `${path} shows nothing of Contoso`,
      );
    }
    const invitation = await fx.request('POST', `/api/v1/invitations/${requestId}/revoke`, fabrikam.token);
    assert.equal(invitation.status, 404);
    const member = await fx.request('PATCH', `/api/v1/members/${standard.userId}`, fabrikam.token, {
      profile: 'manager',
    });
    assert.equal(member.status, 404);
  });

  async function principalOf(m: SandboxedMember) {
    return fx.app.tandem.container.tenancy.resolvePrincipal(tenantId(), m.id);
  }
});
