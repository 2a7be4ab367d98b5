import assert from 'node:assert/strict';
import { profiles } from '../../src/tenancy/tenancy.table.js';
import { BUILT_IN_PROFILES } from '../../src/tenancy/permissions.js';
import { TestApp, type TestOrg } from '../support/test-app.js';

describe('Sync module switches without the engine (/api/v1/sync, no Graph credentials)', () => {
  let app: TestApp;
  let org: TestOrg;

  before(async () => {
    app = await TestApp.start();
    org = await app.createOrg();
  });
  after(() => app.stop());

  it('starts with every module off, and records what the member switches', async () => {
    const member = await org.addMember('standard');
    const initial = await app.request('GET', '/api/v1/sync', { token: member.token });
    assert.equal(initial.status, 200);
    assert.deepEqual(
      initial.body.modules.map((m: any) => [m.module, m.enabled]),
      [
        ['contacts', false],
        ['meetings', false],
        ['tasks', false],
      ],
    );
    const on = await app.request('PATCH', '/api/v1/sync/contacts', {
      token: member.token,
      body: { enabled: true },
    });
    assert.equal(on.status, 200);
    assert.equal(on.body.enabled, true);
    assert.ok(on.body.updatedAt);
    const one = await app.request('GET', '/api/v1/sync/contacts', { token: member.token });
    assert.equal(one.body.enabled, true);
    assert.equal(one.body.state, 'idle');
    // Without Graph credentials there is no engine: the switch is kept, a run is refused plainly.
    const run = await app.request('POST', '/api/v1/sync/contacts/run', { token: member.token });
    assert.equal(run.status, 503);
    assert.equal(run.body.code, 'sync_engine_unavailable');
    assert.match(run.body.detail, /sync engine is not running/);
    const off = await app.request('PATCH', '/api/v1/sync/contacts', {
      token: member.token,
      body: { enabled: false },
    });
    assert.equal(off.body.enabled, false);
  });

  it("a member's switches are theirs alone; another tenant sees nothing of them", async () => {
    const a = await org.addMember('standard');
    const colleague = await org.addMember('standard');
    await app.request('PATCH', '/api/v1/sync/meetings', { token: a.token, body: { enabled: true } });
    const theirs = await app.request('GET', '/api/v1/sync', { token: colleague.token });
    assert.ok(theirs.body.modules.every((m: any) => m.enabled === false));
    const other = await app.createOrg();
    const b = await app.request('GET', '/api/v1/sync', { token: other.admin.token });
    assert.ok(b.body.modules.every((m: any) => m.enabled === false));
  });

  it('enabling tasks without create, edit and delete on tasks is refused, naming what is missing', async () => {
    const perms = structuredClone(BUILT_IN_PROFILES.standard.permissions);
    perms.modules.tasks = { view: true, create: true, edit: true, delete: false };
    await app.tandem.db.system((tx) =>
      tx.insert(profiles).values({
        id: '0190a0a0-0000-7000-8000-0000000000c1',
        orgId: org.orgId,
        key: 'no-task-delete',
        name: 'No task delete',
        permissions: perms,
      }),
    );
    const oid = '0190a0a0-0000-7000-8000-0000000000c2';
    await app.tandem.container.tenancy.addMember(org.orgId, {
      objectId: oid,
      userPrincipalName: 'limited@sync.example',
      displayName: 'Limited',
      profileKey: 'no-task-delete',
    });
    const token = await app.identity.token({ tid: org.tenantId, oid });
    const refused = await app.request('PATCH', '/api/v1/sync/tasks', { token, body: { enabled: true } });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'module_permission_missing');
    assert.deepEqual(refused.body.missing, ['delete']);
    assert.match(refused.body.detail, /delete permission on tasks/);
    const unchanged = await app.request('GET', '/api/v1/sync/tasks', { token });
    assert.equal(unchanged.body.enabled, false);
    assert.equal(
      (await app.request('PATCH', '/api/v1/sync/tasks', { token, body: { enabled: false } })).status,
      200,
    );
  });

  it('rejects unknown modules and bad bodies without changing anything', async () => {
    const token = org.admin.token;
    assert.equal(
      (await app.request('PATCH', '/api/v1/sync/emails', { token, body: { enabled: true } })).status,
      400,
    );
    assert.equal(
      (await app.request('PATCH', '/api/v1/sync/contacts', { token, body: { enabled: 'yes' } })).status,
      400,
    );
    assert.equal(
      (
        await app.request('PATCH', '/api/v1/sync/contacts', {
          token,
          body: { enabled: true, userId: org.admin.userId },
        })
      ).status,
      400,
    );
    assert.equal((await app.request('GET', '/api/v1/sync/contacts', { token })).body.enabled, false);
    assert.equal((await app.request('GET', '/api/v1/sync')).status, 401);
  });
});
