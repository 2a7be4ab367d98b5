import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { SandboxedMember, SandboxUser } from '../../support/sandboxed-app.js';
import { OnboardingFixture } from './onboarding-fixture.js';

/**
 * PRODUCT §2 Case 1 end to end against the sandbox (RELIABILITY E 28–30): the admin searches the
 * directory on their own behalf, invites, the mail is read back from the sandbox, its link
 * followed, and the invitee signs in and accepts.
 */
describe('Onboarding — invitations (Case 1)', function () {
  this.timeout(120_000);
  let fx: OnboardingFixture;
  let admin: SandboxedMember;
  const language = (u: SandboxUser) => (u as SandboxUser & { preferredLanguage: string }).preferredLanguage;
  let people: SandboxUser[];
  const invite = async (users: SandboxUser[], profile?: string) => {
    const res = await fx.request('POST', '/api/v1/invitations', admin.token, {
      users: users.map((u) => ({ id: u.id })),
      ...(profile ? { profile } : {}),
    });
    assert.equal(res.status, 207, res.text);
    return res.body.results as any[];
  };
  const accept = async (user: SandboxUser, token: string) =>
    fx.request('POST', '/api/v1/invitations/accept', await fx.token(user), { token, acceptTerms: true });

  before(async () => {
    fx = await OnboardingFixture.start(5101);
    admin = await fx.provision();
    const others = fx.users().filter((u) => !u.isAdministrator);
    const french = others.find((u) => language(u)?.startsWith('fr'))!;
    people = [
      others.find((u) => language(u)?.startsWith('en'))!,
      french,
      ...others.filter((u) => u !== french),
    ];
    people = [...new Set(people)];
  });
  after(() => fx?.stop());

  it('searches the directory, invites two users (mail + Teams), and each joins with the chosen profile', async () => {
    const [ann, fra] = people as [SandboxUser, SandboxUser];
    const term = ann.userPrincipalName.split(/[.@]/)[0]!;
    const search = await fx.request(
      'GET',
      `/api/v1/directory/users?search=${encodeURIComponent(term)}`,
      admin.token,
    );
    assert.equal(search.status, 200, search.text);
    const hit = search.body.users.find((u: any) => u.id === ann.id);
    assert.equal(hit?.membership, 'none');
    const self = await fx.request(
      'GET',
      `/api/v1/directory/users?search=${admin.userPrincipalName.split('.')[0]}`,
      admin.token,
    );
    assert.equal(self.body.users.find((u: any) => u.id === admin.id)?.membership, 'member');

    const results = await invite([ann, fra], 'manager');
    assert.deepEqual(
      results.map((r) => r.status),
      ['invited', 'invited'],
    );
    for (const r of results) {
      assert.equal(r.invitation.status, 'pending');
      assert.equal(r.invitation.profile.key, 'manager');
      assert.equal(r.invitation.delivery.email, 'sent');
      assert.notEqual(r.invitation.delivery.teams, 'failed');
    }
    const again = await fx.request(
      'GET',
      `/api/v1/directory/users?search=${encodeURIComponent(term)}`,
      admin.token,
    );
    assert.equal(again.body.users.find((u: any) => u.id === ann.id)?.membership, 'invited');

    const installs = (await (await fetch(`${fx.sbx.sandbox.url}/_sandbox/teams/installations`)).json()) as {
      installations: { userId: string }[];
    };
    const installedFor = new Set(installs.installations.map((i) => i.userId));
    assert.ok(
      installedFor.has(ann.id) && installedFor.has(fra.id),
      'Tandem installed in Teams for both invitees',
    );

    for (const user of [ann, fra]) {
      const { url, token, mail } = await fx.acceptLink(user.userPrincipalName);
      assert.match(mail.body.content, /Contoso/);
      assert.equal(mail.body.contentType.toLowerCase(), 'html');
      // A link scanner's GET consumes nothing.
      const page = await fetch(url.replace(/^https?:\/\/[^/]+/, fx.app.url));
      assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
      const listed = await fx.request('GET', '/api/v1/invitations?status=pending', admin.token);
      assert.ok(listed.body.invitations.some((i: any) => i.invitee.objectId === user.id));

      const res = await accept(user, token);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.organisation.name, 'Contoso');
      assert.deepEqual(res.body.profile, { key: 'manager', name: 'Manager' });
      const me = await fx.request('GET', '/api/v1/me', await fx.token(user));
      assert.equal(me.status, 200);
      assert.equal(me.body.profile.key, 'manager');
    }
  });

  it('writes the mail in the invitee’s preferred language', async () => {
    const fra = people[1]!;
    const { mail } = await fx.acceptLink(fra.userPrincipalName);
    assert.match(mail.subject, /vous invite à rejoindre Contoso/);
    assert.match(mail.body.content, /Accepter l&#39;invitation|Accepter l'invitation/);
    assert.match(mail.body.content, /<html lang="fr">/);
  });

  it('refuses anyone but the invitee with 403 naming who it is for, and the invitation stays usable', async () => {
    const [target, intruder] = [people[2]!, people[3]!];
    await invite([target]);
    const { token } = await fx.acceptLink(target.userPrincipalName);
    const wrong = await accept(intruder, token);
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.code, 'invitation_not_for_you');
    assert.ok(wrong.body.detail.includes(wrong.body.invitee.displayName));
    const otherTenant = await accept(fx.admin(1), token);
    assert.equal(otherTenant.status, 403);
    const right = await accept(target, token);
    assert.equal(right.status, 200, right.text);
    assert.equal(right.body.profile.key, 'standard', 'Standard by default');
  });

  it('refuses an expired invitation with 410 and a malformed or unknown link with 404', async () => {
    const late = people[4]!;
    const [result] = await invite([late]);
    const { token } = await fx.acceptLink(late.userPrincipalName);
    await fx.db.system((tx) =>
      tx.execute(
        sql`update invitations set expires_at = now() - interval '1 second' where id = ${result.invitation.id}`,
      ),
    );
    const res = await accept(late, token);
    assert.equal(res.status, 410);
    assert.equal(res.body.code, 'invitation_expired');
    assert.equal((await accept(late, 'x'.repeat(43))).status, 404);
    assert.equal((await accept(late, 'short')).status, 404);
    const listed = await fx.request('GET', '/api/v1/invitations?status=expired', admin.token);
    assert.ok(listed.body.invitations.some((i: any) => i.id === result.invitation.id));
  });

  it('redeems an invitation exactly once under 20 parallel attempts (19 × 409)', async () => {
    const racer = people[5]!;
    await invite([racer]);
    const { token } = await fx.acceptLink(racer.userPrincipalName);
    const bearer = await fx.token(racer);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fx.request('POST', '/api/v1/invitations/accept', bearer, { token, acceptTerms: true }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    assert.equal(statuses.filter((s) => s === 200).length, 1, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 409).length, 19, statuses.join(','));
    const members = await fx.request('GET', '/api/v1/members', admin.token);
    assert.equal(
      members.body.members.filter((m: any) => m.userPrincipalName === racer.userPrincipalName).length,
      1,
    );
  });

  it('resends with a new link (the old one dies) and revokes', async () => {
    const [resent, revoked] = [people[6]!, people[7]!];
    const [r1, r2] = await invite([resent, revoked]);
    const old = await fx.acceptLink(resent.userPrincipalName);
    const again = await fx.request('POST', `/api/v1/invitations/${r1.invitation.id}/resend`, admin.token);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.sendCount, 2);
    const fresh = await fx.acceptLink(resent.userPrincipalName);
    assert.notEqual(fresh.token, old.token);
    assert.equal((await accept(resent, old.token)).status, 404, 'the previous link is dead');

    const gone = await fx.request('POST', `/api/v1/invitations/${r2.invitation.id}/revoke`, admin.token);
    assert.equal(gone.status, 200);
    assert.equal(gone.body.status, 'revoked');
    const { token } = await fx.acceptLink(revoked.userPrincipalName);
    const res = await accept(revoked, token);
    assert.equal(res.status, 410);
    assert.equal(res.body.code, 'invitation_revoked');
    assert.equal(
      (await fx.request('POST', `/api/v1/invitations/${r2.invitation.id}/revoke`, admin.token)).status,
      409,
    );
    assert.equal((await accept(resent, fresh.token)).status, 200);
  });

  it('refuses inviting a member, a pending invitee and people outside the tenant, one result each', async () => {
    const pending = fx.users().find((u) => u.id === people[4]!.id)!;
    await invite([pending]).catch(() => undefined);
    const results = await invite([
      { id: admin.id } as SandboxUser,
      pending,
      fx.admin(1),
      { id: '0f0e0d0c-0b0a-4909-8807-060504030201' } as SandboxUser,
    ]);
    assert.deepEqual(
      results.map((r) => [r.status, r.code]),
      [
        ['refused', 'already_a_member'],
        ['refused', 'already_invited'],
        ['refused', 'not_in_tenant'],
        ['refused', 'not_in_tenant'],
      ],
    );
    assert.match(results[2].message, /New user/);
  });

  it('rejects privileged or unknown fields with 400, and callers without manageUsers with 403', async () => {
    const id = people[3]!.id;
    for (const body of [
      { users: [{ id }], status: 'accepted' },
      { users: [{ id, tenantId: admin.id }] },
      { users: [{ id }], invitedBy: admin.userId },
    ]) {
      const res = await fx.request('POST', '/api/v1/invitations', admin.token, body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const acceptMass = await fx.request('POST', '/api/v1/invitations/accept', await fx.token(people[3]!), {
      token: 'x'.repeat(43),
      acceptTerms: true,
      profile: 'administrator',
    });
    assert.equal(acceptMass.status, 400);
    const manager = await fx.token(people[0]!);
    const res = await fx.request('POST', '/api/v1/invitations', manager, { users: [{ id }] });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'not_permitted');
    const audit = (await fx.request('GET', '/api/v1/audit', admin.token)).body.entries;
    assert.ok(
      audit.some(
        (e: any) =>
          e.action === 'invitation.create' && e.outcome === 'refused' && e.detail === 'not_permitted',
      ),
      'the refusal is audited',
    );
    assert.ok(
      audit.some((e: any) => e.action === 'invitation.accept' && e.detail === 'invitation_not_for_you'),
      'the wrong invitee is audited',
    );
  });

  it('"Associate my account": the invitee proves another account of the tenant, which joins instead', async () => {
    const [invitee, other] = [people[7]!, people[3]!];
    await invite([invitee]);
    const { token } = await fx.acceptLink(invitee.userPrincipalName);
    const bearer = await fx.token(invitee);
    const foreign = await fx.request('POST', '/api/v1/invitations/accept', bearer, {
      token,
      acceptTerms: true,
      associateWith: { token: await fx.token(fx.admin(1)) },
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.code, 'associate_other_tenant');
    const forged = await fx.request('POST', '/api/v1/invitations/accept', bearer, {
      token,
      acceptTerms: true,
      associateWith: { token: 'not-a-token' },
    });
    assert.equal(forged.status, 401, 'the other account must prove itself with a valid token');
    const res = await fx.request('POST', '/api/v1/invitations/accept', bearer, {
      token,
      acceptTerms: true,
      associateWith: { token: await fx.token(other) },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(
      (await fx.request('GET', '/api/v1/me', await fx.token(other))).status,
      200,
      'the other account joined',
    );
    const me = await fx.request('GET', '/api/v1/me', bearer);
    assert.equal(me.status, 403, 'the invited account did not');
    assert.equal(me.body.code, 'not_a_member');
  });

  it('answers 429 with Retry-After after 10 unknown links from one address within a minute', async () => {
    const bearer = await fx.token(people[4]!);
    const guess = () =>
      fx.request('POST', '/api/v1/invitations/accept', bearer, {
        token: randomBytes(32).toString('base64url'),
        acceptTerms: true,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await guess()).status);
    assert.ok(
      statuses.slice(0, 7).every((s) => s === 404),
      statuses.join(','),
    );
    assert.equal(statuses[11], 429, statuses.join(','));
    const limited = await guess();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });
});
