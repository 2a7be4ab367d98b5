import assert from 'node:assert/strict';
import { TestApp, type TestOrg } from '../support/test-app.js';

describe('Concurrent updates', () => {
  let app: TestApp;
  let org: TestOrg;

  before(async () => {
    app = await TestApp.start();
    org = await app.createOrg();
  });
  after(() => app.stop());

  it('with the same If-Match, exactly one of ten concurrent updates wins; no update is lost silently', async () => {
    const token = org.admin.token;
    const { body: contact } = await app.request('POST', '/api/v1/contacts', {
      token,
      body: { lastName: 'Race' },
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        app.request('PATCH', `/api/v1/contacts/${contact.id}`, {
          token,
          body: { jobTitle: `Title ${i}` },
          headers: { 'if-match': '"1"' },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, ...Array(9).fill(412)]);
    const winner = results.find((r) => r.status === 200)!.body.jobTitle;
    const after = await app.request('GET', `/api/v1/contacts/${contact.id}`, { token });
    assert.equal(after.body.version, 2);
    assert.equal(after.body.jobTitle, winner);
    const history = await app.request('GET', `/api/v1/contacts/${contact.id}/history`, { token });
    assert.equal(history.body.items.filter((h: any) => h.action === 'update').length, 1);
  });

  it('concurrent updates of different fields without If-Match both survive', async () => {
    const token = org.admin.token;
    const { body: contact } = await app.request('POST', '/api/v1/contacts', {
      token,
      body: { lastName: 'Merge' },
    });
    const [x, y] = await Promise.all([
      app.request('PATCH', `/api/v1/contacts/${contact.id}`, { token, body: { jobTitle: 'CTO' } }),
      app.request('PATCH', `/api/v1/contacts/${contact.id}`, { token, body: { department: 'R&D' } }),
    ]);
    assert.equal(x.status, 200);
    assert.equal(y.status, 200);
    const after = await app.request('GET', `/api/v1/contacts/${contact.id}`, { token });
    assert.equal(after.body.jobTitle, 'CTO');
    assert.equal(after.body.department, 'R&D');
    assert.equal(after.body.version, 3);
  });

  it('a PATCH that changes nothing keeps the version and writes no history', async () => {
    const token = org.admin.token;
    const { body: contact } = await app.request('POST', '/api/v1/contacts', {
      token,
      body: { lastName: 'Same' },
    });
    const res = await app.request('PATCH', `/api/v1/contacts/${contact.id}`, {
      token,
      body: { lastName: 'Same' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.version, 1);
    const history = await app.request('GET', `/api/v1/contacts/${contact.id}/history`, { token });
    assert.ok(history.body.items.every((h: any) => h.action === 'create'));
  });
});
