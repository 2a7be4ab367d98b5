import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/platform/db/database.js';
import { FIXTURES } from '../fixtures/records.js';
import { TestApp, type TestOrg } from '../support/test-app.js';

describe('CRM records REST API', () => {
  let app: TestApp;
  let org: TestOrg;
  let other: TestOrg;

  before(async () => {
    app = await TestApp.start();
    org = await app.createOrg();
    other = await app.createOrg();
  });
  after(() => app.stop());

  for (const fx of FIXTURES) {
    const base = `/api/v1/${fx.collection}`;

    describe(fx.collection, () => {
      it('creates (201, Location, ETag), reads, updates with If-Match and keeps the field history', async () => {
        const token = org.admin.token;
        const created = await app.request('POST', base, { token, body: fx.create });
        assert.equal(created.status, 201, created.text);
        const id = created.body.id as string;
        assert.equal(created.headers.get('location'), `${base}/${id}`);
        assert.equal(created.headers.get('etag'), '"1"');
        assert.equal(created.body.ownerId, org.admin.userId);
        for (const [k, v] of Object.entries(fx.create)) {
          if (typeof v !== 'object') assert.deepEqual(created.body[k], v, k);
        }

        const read = await app.request('GET', created.headers.get('location')!, { token });
        assert.equal(read.status, 200);
        assert.deepEqual(read.body, created.body);

        const updated = await app.request('PATCH', `${base}/${id}`, {
          token,
          body: fx.patch,
          headers: { 'if-match': '"1"' },
        });
        assert.equal(updated.status, 200, updated.text);
        assert.equal(updated.headers.get('etag'), '"2"');
        for (const [k, v] of Object.entries(fx.patch)) assert.deepEqual(updated.body[k], v);
        for (const k of Object.keys(fx.create)) {
          if (!(k in fx.patch))
            assert.deepEqual(updated.body[k], created.body[k], `${k} must be left unchanged`);
        }

        const history = await app.request('GET', `${base}/${id}/history`, { token });
        assert.equal(history.status, 200);
        const updates = history.body.items.filter((h: any) => h.action === 'update');
        assert.deepEqual(updates.map((h: any) => h.field).sort(), Object.keys(fx.patch).sort());
        for (const h of updates) {
          assert.deepEqual(h.oldValue, created.body[h.field]);
          assert.deepEqual(h.newValue, fx.patch[h.field]);
          assert.equal(h.source, 'user');
          assert.equal(h.actorUserId, org.admin.userId);
          assert.equal(h.version, 2);
        }
        assert.ok(history.body.items.some((h: any) => h.action === 'create'));
      });

      it('refuses a stale If-Match with 412 and changes nothing', async () => {
        const token = org.admin.token;
        const { body: rec } = await app.request('POST', base, { token, body: fx.create });
        await app.request('PATCH', `${base}/${rec.id}`, { token, body: fx.patch });
        const stale = await app.request('PATCH', `${base}/${rec.id}`, {
          token,
          body: fx.create,
          headers: { 'if-match': '"1"' },
        });
        assert.equal(stale.status, 412);
        assert.equal(stale.body.code, 'version_mismatch');
        assert.equal(stale.headers.get('etag'), '"2"');
        const after = await app.request('GET', `${base}/${rec.id}`, { token });
        assert.equal(after.body.version, 2);
        for (const [k, v] of Object.entries(fx.patch)) assert.deepEqual(after.body[k], v);
        const del = await app.request('DELETE', `${base}/${rec.id}`, {
          token,
          headers: { 'if-match': '"1"' },
        });
        assert.equal(del.status, 412);
        assert.equal((await app.request('GET', `${base}/${rec.id}`, { token })).status, 200);
      });

      it('lists newest first with paging, text search and owner filter', async () => {
        const fresh = await app.createOrg();
        const member = await fresh.addMember('standard');
        for (let i = 0; i < 3; i++) {
          assert.equal(
            (await app.request('POST', base, { token: fresh.admin.token, body: fx.create })).status,
            201,
          );
        }
        const mine = await app.request('POST', base, { token: member.token, body: fx.create });
        assert.equal(mine.status, 201);

        const page1 = await app.request('GET', `${base}?limit=2`, { token: fresh.admin.token });
        assert.equal(page1.status, 200);
        assert.equal(page1.body.items.length, 2);
        assert.equal(page1.body.items[0].id, mine.body.id, 'newest first');
        const page2 = await app.request('GET', `${base}?limit=2&cursor=${page1.body.nextCursor}`, {
          token: fresh.admin.token,
        });
        assert.equal(page2.body.items.length, 2);
        assert.equal(page2.body.nextCursor, null);
        const ids = [...page1.body.items, ...page2.body.items].map((r: any) => r.id);
        assert.equal(new Set(ids).size, 4);

        const found = await app.request('GET', `${base}?q=${encodeURIComponent(fx.search.toUpperCase())}`, {
          token: fresh.admin.token,
        });
        assert.equal(found.body.items.length, 4);
        const none = await app.request('GET', `${base}?q=zzz-no-such-thing`, { token: fresh.admin.token });
        assert.equal(none.body.items.length, 0);
        for (const term of fx.notFound ?? []) {
          const miss = await app.request('GET', `${base}?q=${term}`, { token: fresh.admin.token });
          assert.equal(miss.body.items.length, 0, `"${term}" must not match`);
        }
        const byEmail =
          fx.collection === 'contacts'
            ? await app.request('GET', `${base}?q=navy.example`, { token: fresh.admin.token })
            : undefined;
        if (byEmail) assert.equal(byEmail.body.items.length, 4, 'contacts are found by email address');
        const wildcard = await app.request('GET', `${base}?q=%25`, { token: fresh.admin.token });
        assert.equal(wildcard.body.items.length, 0, '% is searched literally');

        const byOwner = await app.request('GET', `${base}?owner=${member.userId}`, {
          token: fresh.admin.token,
        });
        assert.deepEqual(
          byOwner.body.items.map((r: any) => r.id),
          [mine.body.id],
        );
        const me = await app.request('GET', `${base}?owner=me`, { token: member.token });
        assert.deepEqual(
          me.body.items.map((r: any) => r.id),
          [mine.body.id],
        );
      });

      it('deletes: gone from get and list, history kept', async () => {
        const token = org.admin.token;
        const { body: rec } = await app.request('POST', base, { token, body: fx.create });
        const del = await app.request('DELETE', `${base}/${rec.id}`, {
          token,
          headers: { 'if-match': '"1"' },
        });
        assert.equal(del.status, 204);
        assert.equal((await app.request('GET', `${base}/${rec.id}`, { token })).status, 404);
        const list = await app.request('GET', `${base}?limit=100`, { token });
        assert.ok(!list.body.items.some((r: any) => r.id === rec.id));
        assert.equal((await app.request('DELETE', `${base}/${rec.id}`, { token })).status, 404);
        const kept = await app.tandem.db.system(async (tx) =>
          rowsOf<{ action: string }>(
            await tx.execute(sql`select action from field_history where record_id = ${rec.id}`),
          ),
        );
        assert.ok(
          kept.some((r) => r.action === 'create'),
          'the values as created are kept',
        );
        assert.ok(
          kept.some((r) => r.action === 'delete'),
          'the deletion is recorded',
        );
      });

      it('tenant B cannot see, change, delete or read the history of tenant A records', async () => {
        const { body: rec } = await app.request('POST', base, { token: org.admin.token, body: fx.create });
        const b = other.admin.token;
        assert.equal((await app.request('GET', `${base}/${rec.id}`, { token: b })).status, 404);
        assert.equal((await app.request('GET', `${base}/${rec.id}/history`, { token: b })).status, 404);
        assert.equal(
          (await app.request('PATCH', `${base}/${rec.id}`, { token: b, body: fx.patch })).status,
          404,
        );
        assert.equal((await app.request('DELETE', `${base}/${rec.id}`, { token: b })).status, 404);
        const list = await app.request('GET', `${base}?limit=100&owner=${org.admin.userId}`, { token: b });
        assert.equal(list.status, 200);
        assert.equal(list.body.items.length, 0);
        const all = await app.request('GET', `${base}?limit=100`, { token: b });
        assert.ok(!all.body.items.some((r: any) => r.id === rec.id));
        const search = await app.request('GET', `${base}?q=${fx.search}`, { token: b });
        assert.ok(!search.body.items.some((r: any) => r.id === rec.id));
        const unchanged = await app.request('GET', `${base}/${rec.id}`, { token: org.admin.token });
        assert.equal(unchanged.body.version, 1);
        // Nor can B hand a record to a user of A.
        const steal = await app.request('POST', base, {
          token: b,
          body: { ...fx.create, ownerId: org.admin.userId },
        });
        assert.equal(steal.status, 400);
        assert.equal(steal.body.errors[0].code, 'invalid_owner');
      });

      it('rejects bad input with problem+json and changes nothing', async () => {
        const token = org.admin.token;
        const { body: rec } = await app.request('POST', base, { token, body: fx.create });
        const countBefore = (await app.request('GET', `${base}?limit=100`, { token })).body.items.length;
        const cases: [string, Promise<any>, number, string][] = [
          [
            'invalid JSON',
            app.request('POST', base, {
              token,
              rawBody: '{"a":',
              headers: { 'content-type': 'application/json' },
            }),
            400,
            'invalid_json',
          ],
          [
            'unknown field',
            app.request('POST', base, { token, body: { ...fx.create, colour: 'red' } }),
            400,
            'validation_failed',
          ],
          [
            'read-only field',
            app.request('POST', base, { token, body: { ...fx.create, id: rec.id } }),
            400,
            'validation_failed',
          ],
          [
            'mistyped field',
            app.request('POST', base, { token, body: { ...fx.create, ...fx.mistyped } }),
            400,
            'validation_failed',
          ],
          ['array body', app.request('POST', base, { token, body: [fx.create] }), 400, 'validation_failed'],
          [
            'not JSON',
            app.request('POST', base, {
              token,
              rawBody: 'name=x',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            }),
            415,
            'unsupported_media_type',
          ],
          [
            'oversized',
            app.request('POST', base, {
              token,
              rawBody: JSON.stringify({ ...fx.create, notes: 'x'.repeat(300_000) }),
              headers: { 'content-type': 'application/json' },
            }),
            413,
            'payload_too_large',
          ],
          ['malformed id', app.request('GET', `${base}/not-a-uuid`, { token }), 400, 'invalid_id'],
          [
            'malformed id on patch',
            app.request('PATCH', `${base}/123`, { token, body: fx.patch }),
            400,
            'invalid_id',
          ],
          ['malformed cursor', app.request('GET', `${base}?cursor=abc`, { token }), 400, 'validation_failed'],
          [
            'unknown query parameter',
            app.request('GET', `${base}?colour=red`, { token }),
            400,
            'validation_failed',
          ],
          [
            'limit out of range',
            app.request('GET', `${base}?limit=1000`, { token }),
            400,
            'validation_failed',
          ],
          [
            'unknown patch field',
            app.request('PATCH', `${base}/${rec.id}`, { token, body: { colour: 'red' } }),
            400,
            'validation_failed',
          ],
          [
            'mistyped patch',
            app.request('PATCH', `${base}/${rec.id}`, { token, body: fx.mistyped }),
            400,
            'validation_failed',
          ],
          [
            'malformed If-Match',
            app.request('PATCH', `${base}/${rec.id}`, {
              token,
              body: fx.patch,
              headers: { 'if-match': 'garbage' },
            }),
            400,
            'invalid_if_match',
          ],
          [
            'weak If-Match',
            app.request('PATCH', `${base}/${rec.id}`, {
              token,
              body: fx.patch,
              headers: { 'if-match': 'W/"1"' },
            }),
            412,
            'version_mismatch',
          ],
          [
            'bad history cursor',
            app.request('GET', `${base}/${rec.id}/history?cursor=bad`, { token }),
            400,
            'invalid_cursor',
          ],
        ];
        for (const [name, pending, status, code] of cases) {
          const res = await pending;
          assert.equal(res.status, status, `${name}: ${res.text}`);
          assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, name);
          assert.equal(res.body.code, code, name);
          assert.equal(res.body.status, status, name);
          assert.ok(res.body.correlationId, name);
          assert.ok(!/at .*\.ts:\d+/.test(res.text), `${name}: no stack trace`);
        }
        const unknown = await app.request('POST', base, { token, body: { ...fx.create, colour: 'red' } });
        assert.deepEqual(unknown.body.errors, [
          {
            pointer: '/colour',
            in: 'body',
            code: 'unknown_field',
            detail: 'is not a field of this resource',
          },
        ]);
        const after = await app.request('GET', `${base}/${rec.id}`, { token });
        assert.equal(after.body.version, 1, 'the record is unchanged');
        assert.deepEqual(after.body, rec);
        assert.equal(
          (await app.request('GET', `${base}?limit=100`, { token })).body.items.length,
          countBefore,
        );
      });

      it('needs a valid token for every operation', async () => {
        const { body: rec } = await app.request('POST', base, { token: org.admin.token, body: fx.create });
        for (const [method, path] of [
          ['GET', base],
          ['POST', base],
          ['GET', `${base}/${rec.id}`],
          ['PATCH', `${base}/${rec.id}`],
          ['DELETE', `${base}/${rec.id}`],
          ['GET', `${base}/${rec.id}/history`],
        ] as const) {
          const res = await app.request(method, path, {
            body: method === 'POST' || method === 'PATCH' ? { x: 1 } : undefined,
          });
          assert.equal(res.status, 401, `${method} ${path}`);
          assert.equal(res.body.code, 'missing_token');
        }
      });
    });
  }
});
