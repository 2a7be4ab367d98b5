import assert from 'node:assert/strict';
import { FIXTURES } from '../fixtures/records.js';
import { TestApp, type TestOrg } from '../support/test-app.js';

/**
 * RELIABILITY test 11 (BOLA sweep) and 12 (tenant never from the client), driven by the served
 * OpenAPI document: every operation is called by tenant B with tenant A's ids. An operation the
 * sweep does not know how to call fails the test, so new routes cannot skip this check.
 */
describe('Tenant isolation sweep over every OpenAPI operation', () => {
  let app: TestApp;
  let a: TestOrg;
  let b: TestOrg;
  const idsOfA = new Map<string, string>();

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
  });
  after(() => app.stop());

  it('tenant B never reads, changes or lists tenant A data', async () => {
    const doc = (await app.request('GET', '/api/v1/openapi.json')).body;
    let operations = 0;
    for (const [path, methods] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(methods)) {
        operations++;
        const op = `${method.toUpperCase()} ${path}`;
        if (path === '/api/v1/me') {
          const me = await app.request('GET', path, { token: b.admin.token });
          assert.equal(me.body.organisation.id, b.orgId, op);
          continue;
        }
        if (path.startsWith('/api/v1/sync')) {
          // Self-scoped: there is no id to point at another member; B acts on B's own switches only.
          const url = path.replace('{module}', 'contacts');
          const res = await app.request(method.toUpperCase(), url, {
            token: b.admin.token,
            body: method === 'patch' ? { enabled: true } : undefined,
          });
          assert.equal(res.status, 200, op);
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
    assert.equal(operations, 1 + 3 + 6 * FIXTURES.length, 'every documented operation was swept');
    const aSync = await app.request('GET', '/api/v1/sync/contacts', { token: a.admin.token });
    assert.equal(aSync.body.enabled, false, "B's switch did not touch A's");
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
