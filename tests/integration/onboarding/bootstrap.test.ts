import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { OnboardingFixture } from './onboarding-fixture.js';

/**
 * PRODUCT §1 bootstrap (the first user of a tenant becomes Administrator), the flood limits and
 * digests of RELIABILITY E 33, and the append-only audit trail.
 */
describe('Onboarding — bootstrap, limits and audit', function () {
  this.timeout(180_000);
  let fx: OnboardingFixture;
  const fabrikam = () => fx.users(1);

  before(async () => {
    fx = await OnboardingFixture.start(5103);
  });
  after(async () => {
    fx?.app.tandem.container.onboarding.stop();
    await fx?.stop();
  });

  it('the first of 10 concurrent first users creates the organisation; the others get 409 and may ask to join', async () => {
    const tokens = await Promise.all(fabrikam().map((u) => fx.token(u)));
    const before = await fx.request('GET', '/api/v1/onboarding/status', tokens[0]);
    assert.deepEqual(before.body, { state: 'no_organisation' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fx.request('POST', '/api/v1/organisations', tokens[i % tokens.length], {}),
      ),
    );
    const created = answers.filter((a) => a.status === 201);
    assert.equal(created.length, 1, answers.map((a) => a.status).join(','));
    assert.ok(
      answers.every((a) => a.status === 201 || (a.status === 409 && a.body.code === 'organisation_exists')),
    );
    assert.equal(created[0]!.body.organisation.name, 'Fabrikam');

    const roles = await Promise.all(tokens.map((t) => fx.request('GET', '/api/v1/me', t)));
    const creator = roles.findIndex((r) => r.status === 200);
    assert.equal(roles.filter((r) => r.status === 200).length, 1, 'exactly one member, the creator');
    assert.equal(roles[creator]!.body.profile.key, 'administrator');

    const loser = tokens[roles.findIndex((r) => r.status !== 200)]!;
    const ask = await fx.request('POST', '/api/v1/join-requests', loser, { message: 'me too' });
    assert.equal(ask.status, 201, ask.text);
    const audit = await fx.request('GET', '/api/v1/audit', tokens[creator]);
    assert.ok(
      audit.body.entries.some((e: any) => e.action === 'organisation.create' && e.outcome === 'success'),
    );
    assert.ok(audit.body.entries.some((e: any) => e.action === 'join_request.create'));
  });

  it('refuses a second bootstrap and a bootstrap body with privileged fields', async () => {
    const token = await fx.token(fabrikam()[0]!);
    assert.equal((await fx.request('POST', '/api/v1/organisations', token, { name: 'Again' })).status, 409);
    const contoso = await fx.token(fx.admin(0));
    for (const body of [{ tenantId: randomUUID() }, { status: 'active' }, { name: 'x', admin: 'me' }]) {
      assert.equal(
        (await fx.request('POST', '/api/v1/organisations', contoso, body)).status,
        400,
        JSON.stringify(body),
      );
    }
    const anonymous = await fx.request('GET', '/api/v1/onboarding/status');
    assert.equal(anonymous.status, 401);
  });

  it('floods: ≤ 100 requests per organisation per hour (then 429 Retry-After), one digest per approver', async () => {
    const contosoAdmin = await fx.provision(0);
    await fx.clearMail();
    const onboarding = fx.app.tandem.container.onboarding;
    const tenantId = fx.sbx.tenant(0).id;
    const [firstToken, lastToken] = [await fx.token(fx.nonAdmin(1)), await fx.token(fx.nonAdmin(0))];
    const first = await fx.request('POST', '/api/v1/join-requests', firstToken, {});
    assert.equal(first.status, 201);
    for (let i = 1; i < 100; i++) {
      await onboarding.requestToJoin({
        tenantId,
        objectId: randomUUID(),
        userPrincipalName: `flood${i}@contoso.example`,
        displayName: `Flood ${i}`,
      });
    }
    // The loop kept this process busy: let idle keep-alive sockets close before the next call.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const res = await fx.request('POST', '/api/v1/join-requests', lastToken, {});
    assert.equal(res.status, 429);
    assert.equal(res.body.code, 'organisation_join_limit');
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    const digests = await fx.mailTo(contosoAdmin.userPrincipalName);
    assert.equal(digests.length, 1, 'one digest for the approver in the window');
    assert.match(digests[0]!.subject, /ask to join Contoso|asks to join Contoso/);
  });

  it('the audit log is append-only for the application role', async () => {
    const org = await fx.db.system(
      async (tx) => (await tx.execute(sql`select org_id as id from audit_log limit 1`)) as any,
    );
    const orgId = (org.rows ?? org)[0].id as string;
    for (const statement of [sql`update audit_log set action = 'x'`, sql`delete from audit_log`]) {
      await assert.rejects(
        fx.db.scoped(orgId, (tx) => tx.execute(statement)),
        (err: any) => /permission denied/.test(String(err?.cause?.message ?? err?.message)),
      );
    }
    const count = await fx.db.scoped(
      orgId,
      async (tx) => (await tx.execute(sql`select count(*)::int as n from audit_log`)) as any,
    );
    assert.ok(((count.rows ?? count)[0].n as number) > 0);
  });
});
