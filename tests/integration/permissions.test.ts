import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { profiles } from '../../src/tenancy/tenancy.table.js';
import { BUILT_IN_PROFILES } from '../../src/tenancy/permissions.js';
import { TestApp, type Member, type TestOrg } from '../support/test-app.js';

describe('Permissions and record scope', () => {
  let app: TestApp;
  let org: TestOrg;
  let standard: Member;
  let colleague: Member;
  let manager: Member;

  before(async () => {
    app = await TestApp.start();
    org = await app.createOrg();
    standard = await org.addMember('standard');
    colleague = await org.addMember('standard');
    manager = await org.addMember('manager');
  });
  after(() => app.stop());

  const contact = { lastName: 'Lovelace', emails: [{ address: 'ada@example.com' }] };

  it('Standard sees and changes only its own records; others are 404, not 403', async () => {
    const theirs = await app.request('POST', '/api/v1/contacts', { token: colleague.token, body: contact });
    const mine = await app.request('POST', '/api/v1/contacts', { token: standard.token, body: contact });
    const list = await app.request('GET', '/api/v1/contacts?limit=100', { token: standard.token });
    assert.deepEqual(
      list.body.items.map((c: any) => c.id),
      [mine.body.id],
    );
    const asked = await app.request('GET', `/api/v1/contacts?owner=${colleague.userId}`, {
      token: standard.token,
    });
    assert.deepEqual(asked.body.items, []);
    for (const [method, path] of [
      ['GET', `/api/v1/contacts/${theirs.body.id}`],
      ['GET', `/api/v1/contacts/${theirs.body.id}/history`],
      ['PATCH', `/api/v1/contacts/${theirs.body.id}`],
      ['DELETE', `/api/v1/contacts/${theirs.body.id}`],
    ] as const) {
      const res = await app.request(method, path, {
        token: standard.token,
        body: method === 'PATCH' ? { lastName: 'X' } : undefined,
      });
      assert.equal(res.status, 404, `${method} ${path}`);
    }
    const still = await app.request('GET', `/api/v1/contacts/${theirs.body.id}`, { token: colleague.token });
    assert.equal(still.body.lastName, 'Lovelace');
  });

  it('Manager and Administrator see every record of the organisation', async () => {
    const rec = await app.request('POST', '/api/v1/contacts', { token: colleague.token, body: contact });
    for (const who of [manager, org.admin]) {
      assert.equal(
        (await app.request('GET', `/api/v1/contacts/${rec.body.id}`, { token: who.token })).status,
        200,
      );
    }
    const patched = await app.request('PATCH', `/api/v1/contacts/${rec.body.id}`, {
      token: manager.token,
      body: { ownerId: standard.userId },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.ownerId, standard.userId);
    assert.equal(
      (await app.request('GET', `/api/v1/contacts/${rec.body.id}`, { token: standard.token })).status,
      200,
    );
  });

  it('Standard cannot give a record to someone else', async () => {
    const create = await app.request('POST', '/api/v1/contacts', {
      token: standard.token,
      body: { ...contact, ownerId: colleague.userId },
    });
    assert.equal(create.status, 403);
    assert.equal(create.body.code, 'owner_not_allowed');
    const mine = await app.request('POST', '/api/v1/contacts', { token: standard.token, body: contact });
    const handOver = await app.request('PATCH', `/api/v1/contacts/${mine.body.id}`, {
      token: standard.token,
      body: { ownerId: colleague.userId },
    });
    assert.equal(handOver.status, 403);
    assert.equal(
      (await app.request('GET', `/api/v1/contacts/${mine.body.id}`, { token: standard.token })).body.ownerId,
      standard.userId,
    );
  });

  it('an owner must be an active member of the organisation', async () => {
    const res = await app.request('POST', '/api/v1/accounts', {
      token: org.admin.token,
      body: { name: 'Nobody Inc', ownerId: '0190a0a0-0000-7000-8000-000000000000' },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].pointer, '/ownerId');
  });

  it('module permissions are enforced per action', async () => {
    const perms = structuredClone(BUILT_IN_PROFILES.standard.permissions);
    perms.modules.deals = { view: true, create: false, edit: false, delete: false };
    perms.modules.leads = { view: false, create: false, edit: false, delete: false };
    await app.tandem.db.system((tx) =>
      tx
        .insert(profiles)
        .values({
          id: '0190a0a0-0000-7000-8000-00000000000a',
          orgId: org.orgId,
          key: 'limited',
          name: 'Limited',
          permissions: perms,
        })
        .onConflictDoNothing(),
    );
    await app.tandem.container.tenancy.addMember(org.orgId, {
      objectId: '0190a0a0-0000-7000-8000-0000000000bb',
      userPrincipalName: 'limited@example.com',
      displayName: 'Limited',
      profileKey: 'limited',
    });
    const token = await app.identity.token({
      tid: org.tenantId,
      oid: '0190a0a0-0000-7000-8000-0000000000bb',
    });
    const create = await app.request('POST', '/api/v1/deals', { token, body: { name: 'Nope' } });
    assert.equal(create.status, 403);
    assert.equal(create.body.code, 'permission_denied');
    assert.equal((await app.request('GET', '/api/v1/deals', { token })).status, 200);
    assert.equal((await app.request('GET', '/api/v1/leads', { token })).status, 403);
    assert.equal((await app.request('POST', '/api/v1/contacts', { token, body: contact })).status, 201);
    // Referencing a record of a module the caller cannot view is refused.
    const lead = await app.request('POST', '/api/v1/leads', {
      token: org.admin.token,
      body: { lastName: 'Hidden' },
    });
    const meeting = await app.request('POST', '/api/v1/tasks', {
      token,
      body: { subject: 'x', leadId: lead.body.id },
    });
    assert.equal(meeting.status, 400);
    assert.equal(meeting.body.errors[0].code, 'invalid_reference');
    const rows = await app.tandem.db.system((tx) =>
      tx
        .select()
        .from(profiles)
        .where(and(eq(profiles.orgId, org.orgId), eq(profiles.key, 'limited'))),
    );
    assert.equal(rows.length, 1);
  });

  it('references must point at visible records of the same organisation', async () => {
    const account = await app.request('POST', '/api/v1/accounts', {
      token: org.admin.token,
      body: { name: 'Contoso' },
    });
    const ok = await app.request('POST', '/api/v1/deals', {
      token: org.admin.token,
      body: { name: 'Big deal', accountId: account.body.id },
    });
    assert.equal(ok.status, 201);
    const hidden = await app.request('POST', '/api/v1/deals', {
      token: standard.token,
      body: { name: 'Sneaky', accountId: account.body.id },
    });
    assert.equal(hidden.status, 400, 'a Standard user cannot link an account owned by someone else');
    const other = await app.createOrg();
    const foreign = await app.request('POST', '/api/v1/accounts', {
      token: other.admin.token,
      body: { name: 'Foreign' },
    });
    const cross = await app.request('POST', '/api/v1/contacts', {
      token: org.admin.token,
      body: { lastName: 'X', accountId: foreign.body.id },
    });
    assert.equal(cross.status, 400);
    assert.deepEqual(
      cross.body.errors.map((e: any) => e.pointer),
      ['/accountId'],
    );
    const deleted = await app.request('POST', '/api/v1/accounts', {
      token: org.admin.token,
      body: { name: 'Gone' },
    });
    await app.request('DELETE', `/api/v1/accounts/${deleted.body.id}`, { token: org.admin.token });
    const toDeleted = await app.request('PATCH', `/api/v1/deals/${ok.body.id}`, {
      token: org.admin.token,
      body: { accountId: deleted.body.id },
    });
    assert.equal(toDeleted.status, 400);
  });
});
