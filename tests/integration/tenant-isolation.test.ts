import assert from 'node:assert/strict';
import { SyncJournalRepository } from '../../src/sync/engine/sync-journal.repo.js';
import { FIXTURES } from '../fixtures/records.js';
import { TestApp, type TestOrg } from '../support/test-app.js';
import { ONBOARDING_SWEEP, onboardingCall, seedOnboarding } from './onboarding/onboarding-seed.js';

/**
 * RELIABILITY test 11 (BOLA sweep) and 12 (tenant never from the client), driven by the served
 * OpenAPI document: every operation is called by tenant B with tenant A's ids. An operation the
 * sweep does not know how to call fails the test, so new routes cannot skip this check.
 */
/**
 * The self-scoped sync operations, as tenant B calls them, and the answers that keep B to its own
 * state: a run, dry run or pause answer may be refused (nothing to run, nothing paused, no engine or
 * Graph in this app) but never reaches A.
 */
const SYNC_SWEEP: Record<string, { body?: unknown; status: number[] }> = {
  'GET /api/v1/sync': { status: [200] },
  'GET /api/v1/sync/{module}': { status: [200] },
  'PUT /api/v1/sync/{module}': {
    body: { enabled: false, mapping: { firstName: 'givenName', lastName: 'surname' } },
    status: [200],
  },
  'PATCH /api/v1/sync/{module}': { body: { enabled: false }, status: [200] },
  'POST /api/v1/sync/{module}/run': { status: [202, 409, 503] },
  'GET /api/v1/sync/{module}/journal': { status: [200] },
  'POST /api/v1/sync/{module}/dry-run': { status: [200, 409, 503] },
  'GET /api/v1/sync/{module}/catalog': { status: [200] },
  'POST /api/v1/sync/{module}/resolve-pause': { body: { applyDeletions: false }, status: [200, 409, 503] },
  // With A's conflict entry id: not B's journal (404), or no engine in this app (503).
  'POST /api/v1/sync/{module}/journal/{entryId}/restore': { body: { field: 'jobTitle' }, status: [404, 503] },
  // The organisation's own policy: B reads and sets B's.
  'GET /api/v1/organisation/sync-policy': { status: [200] },
  'PUT /api/v1/organisation/sync-policy': { body: { sharedClientMeetings: false }, status: [200] },
};

describe('Tenant isolation sweep over every OpenAPI operation', () => {
  let app: TestApp;
  let a: TestOrg;
  let b: TestOrg;
  const idsOfA = new Map<string, string>();
  let onboardingOfA: { invitationId: string; requestId: string };
  let conflictOfA: string;

  before(async () => {
    app = await TestApp.start();
    a = await app.createOrg();
    b = await app.createOrg();
    for (const fx of FIXTURES) {
      const res = await app.request('POST', `/api/v1/${fx.collection}`, {
        token: a.admin.token,
        body: fx.create,
      });
      assert.equal(res.status, 201);
      idsOfA.set(fx.collection, res.body.id);
    }
    onboardingOfA = await seedOnboarding(app, a);
    conflictOfA = await seedConflict(app, a, idsOfA.get('contacts')!);
  });
  after(() => app.stop());

  it('tenant B never reads, changes or lists tenant A data', async () => {
    const aMapping = (await app.request('GET', '/api/v1/sync/contacts', { token: a.admin.token })).body
      .mapping;
    const doc = (await app.request('GET', '/api/v1/openapi.json')).body;
    let operations = 0;
    const sentByB = new Set<string>();
    for (const [path, methods] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(methods)) {
        operations++;
        const op = `${method.toUpperCase()} ${path}`;
        if (path === '/api/v1/me') {
          const me = await app.request('GET', path, { token: b.admin.token });
          assert.equal(me.body.organisation.id, b.orgId, op);
          continue;
        }
        if (ONBOARDING_SWEEP[op]) {
          // Onboarding: B's own organisation only; A's invitation, request and member are 404.
          const call = onboardingCall(op, {
            orgId: a.orgId,
            adminUserId: a.admin.userId,
            adminObjectId: a.admin.objectId,
            ...onboardingOfA,
          });
          const res = await app.request(method.toUpperCase(), call.path, {
            token: b.admin.token,
            body: call.body,
          });
          assert.ok(
            ONBOARDING_SWEEP[op].status.includes(res.status),
            `${op}: ${res.status} ${res.text.slice(0, 200)}`,
          );
          // Ids B itself sent may come back (a problem's `instance`, B's audit of its refused attempts).
          const ids = [a.orgId, a.admin.userId, onboardingOfA.invitationId, onboardingOfA.requestId];
          for (const id of ids.filter((i) => !call.path.includes(i) && !sentByB.has(i)))
            assert.ok(!res.text.includes(id), `${op} shows A`);
          for (const id of ids) if (call.path.includes(id)) sentByB.add(id);
          continue;
        }
        if (path.startsWith('/api/v1/sync') || path.startsWith('/api/v1/organisation/')) {
          // Self-scoped: there is no id to point at another member; B acts on B's own sync only.
          const expected = SYNC_SWEEP[op];
          assert.ok(expected, `${op}: the sweep does not know this sync operation; add it to SYNC_SWEEP`);
          const url = path.replace('{module}', 'contacts').replace('{entryId}', conflictOfA);
          const res = await app.request(method.toUpperCase(), url, {
            token: b.admin.token,
            body: expected.body,
          });
          assert.ok(expected.status.includes(res.status), `${op}: ${res.status} ${res.text.slice(0, 200)}`);
          for (const id of [a.orgId, a.admin.userId, idsOfA.get('contacts')!])
            assert.ok(!res.text.includes(id), `${op} shows A`);
          continue;
        }
        const collection = path.split('/')[3]!;
        const fx = FIXTURES.find((f) => f.collection === collection);
        assert.ok(fx, `${op}: the sweep has no fixture for it; add one to tests/fixtures/records.ts`);
        const url = path.replace('{id}', idsOfA.get(collection)!);
        const body = method === 'post' ? fx.create : method === 'patch' ? fx.patch : undefined;
        const res = await app.request(method.toUpperCase(), url, { token: b.admin.token, body });
        if (path.includes('{id}')) {
          assert.equal(res.status, 404, `${op} must be 404 for another tenant's id`);
        } else if (method === 'get') {
          assert.equal(res.status, 200, op);
          assert.ok(!res.text.includes(idsOfA.get(collection)!), `${op} lists A's record`);
        } else if (method === 'post') {
          assert.equal(res.status, 201, op);
          assert.equal(res.body.ownerId, b.admin.userId, `${op} creates in B`);
        } else {
          assert.fail(`${op}: the sweep does not know this operation`);
        }
      }
    }
    assert.equal(
      operations,
      1 + Object.keys(SYNC_SWEEP).length + Object.keys(ONBOARDING_SWEEP).length + 6 * FIXTURES.length,
      'every documented operation was swept',
    );
    const aSync = await app.request('GET', '/api/v1/sync/contacts', { token: a.admin.token });
    assert.equal(aSync.body.enabled, false, "B's switch did not touch A's");
    assert.deepEqual(aSync.body.mapping, aMapping, "B's mapping did not touch A's");
    const aJournal = await app.request('GET', '/api/v1/sync/contacts/journal', { token: a.admin.token });
    assert.deepEqual(aJournal.body.entries, [], "B's runs wrote nothing in A's journal");
    for (const fx of FIXTURES) {
      const rec = await app.request('GET', `/api/v1/${fx.collection}/${idsOfA.get(fx.collection)}`, {
        token: a.admin.token,
      });
      assert.equal(rec.body.version, 1, `${fx.collection} of A is untouched`);
    }
  });

  it('the organisation and the user come only from the token, never from the request', async () => {
    const withOrg = await app.request('POST', '/api/v1/accounts', {
      token: b.admin.token,
      body: { name: 'Planted', orgId: a.orgId },
    });
    assert.equal(withOrg.status, 400);
    assert.equal(withOrg.body.errors[0].pointer, '/orgId');
    const withTenant = await app.request('GET', `/api/v1/accounts?tenantId=${a.tenantId}`, {
      token: b.admin.token,
    });
    assert.equal(withTenant.status, 400);
    const withHeaders = await app.request('GET', '/api/v1/accounts?limit=100', {
      token: b.admin.token,
      headers: { 'x-ms-tenant-id': a.tenantId, 'x-tenant-id': a.tenantId, 'x-org-id': a.orgId },
    });
    assert.equal(withHeaders.status, 200);
    assert.ok(withHeaders.body.items.every((r: any) => r.ownerId === b.admin.userId));
    const asOther = await app.request('POST', '/api/v1/accounts', {
      token: b.admin.token,
      body: { name: 'Spoof', createdBy: a.admin.userId },
    });
    assert.equal(asOther.status, 400);
  });

  it('answers 405 with Allow for a method an endpoint does not have', async () => {
    const res = await app.request('PUT', `/api/v1/contacts/${idsOfA.get('contacts')}`, {
      token: b.admin.token,
      body: {},
    });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, PATCH, DELETE');
    assert.equal(res.body.code, 'method_not_allowed');
    const unknown = await app.request('GET', '/api/v1/nothing-here', { token: b.admin.token });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'route_not_found');
  });
});

/** A conflict in A's admin's contacts journal, as the engine records one; its id. */
async function seedConflict(app: TestApp, org: TestOrg, crmId: string): Promise<string> {
  const target = { orgId: org.orgId, userId: org.admin.userId, module: 'contacts' as const };
  const journal = new SyncJournalRepository();
  await app.tandem.db.scoped(org.orgId, (tx) =>
    journal.append(tx, target, null, [
      {
        direction: 'none',
        action: 'conflict',
        crmId,
        remoteId: null,
        label: 'A contact of A',
        fields: ['jobTitle'],
        reason: 'both_sides_changed',
        details: { conflicts: [{ field: 'jobTitle', kept: 'B', overwritten: 'A', winner: 'office' }] },
      },
    ]),
  );
  const [entry] = await app.tandem.db.scoped(org.orgId, (tx) => journal.page(tx, target, { limit: 1 }));
  return entry!.id;
}
