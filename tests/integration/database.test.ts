import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/platform/db/database.js';
import { TestApp, type TestOrg } from '../support/test-app.js';

/** Row-level security: a forgotten WHERE cannot leak another organisation's rows (RELIABILITY 11). */
describe('Database isolation', () => {
  let app: TestApp;
  let a: TestOrg;
  let b: TestOrg;

  before(async () => {
    app = await TestApp.start();
    a = await app.createOrg();
    b = await app.createOrg();
    for (const org of [a, b]) {
      await app.request('POST', '/api/v1/contacts', { token: org.admin.token, body: { lastName: org.name } });
      await app.request('POST', '/api/v1/accounts', { token: org.admin.token, body: { name: org.name } });
    }
  });
  after(() => app.stop());

  const db = () => app.tandem.db;

  it('every table with an org_id column has row-level security and a policy', async () => {
    const tables = await db().system(async (tx) =>
      rowsOf<{ table_name: string; rls: boolean; policies: number }>(
        await tx.execute(sql`
          select c.relname as table_name, c.relrowsecurity as rls,
                 (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'
            and (exists (select 1 from information_schema.columns col
                         where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'org_id')
                 or c.relname = 'organisations')`),
      ),
    );
    assert.ok(tables.length >= 10, `found ${tables.length} tables`);
    for (const t of tables) {
      assert.ok(t.rls, `${t.table_name} has RLS enabled`);
      assert.ok(t.policies > 0, `${t.table_name} has a policy`);
    }
  });

  it('a query without any WHERE sees only its own organisation', async () => {
    for (const table of ['contacts', 'accounts', 'users', 'profiles', 'organisations', 'field_history']) {
      const rows = await db().scoped(a.orgId, async (tx) =>
        rowsOf<{ org: string }>(
          await tx.execute(
            sql.raw(`select ${table === 'organisations' ? 'id' : 'org_id'}::text as org from ${table}`),
          ),
        ),
      );
      assert.ok(rows.length > 0, `${table} shows A's rows`);
      assert.ok(
        rows.every((r) => r.org === a.orgId),
        `${table} shows only A's rows`,
      );
    }
  });

  it('without an organisation set, the application role sees nothing (fails closed)', async () => {
    const rows = await db().system(async (tx) => {
      await tx.execute(sql`set local role tandem_app`);
      return rowsOf(await tx.execute(sql`select id from contacts`));
    });
    assert.equal(rows.length, 0);
  });

  it('cannot write rows into another organisation', async () => {
    await assert.rejects(
      db().scoped(a.orgId, (tx) =>
        tx.execute(sql`update contacts set last_name = 'pwned' where org_id = ${b.orgId}`).then(async () => {
          const r = rowsOf<{ n: number }>(
            await tx.execute(sql`select count(*)::int as n from contacts where last_name = 'pwned'`),
          );
          if (r[0]!.n === 0) throw new Error('no rows changed');
        }),
      ),
      /no rows changed/,
    );
    await assert.rejects(
      db().scoped(a.orgId, (tx) =>
        tx.execute(sql`insert into accounts (id, org_id, owner_id, name) values
          (gen_random_uuid(), ${b.orgId}, ${b.admin.userId}, 'planted')`),
      ),
      (err: any) => /row-level security/.test(String(err?.cause?.message ?? err?.message)),
    );
  });

  it('the application role cannot hard-delete records nor rewrite history', async () => {
    for (const statement of [
      sql`delete from contacts`,
      sql`update field_history set new_value = '"x"'`,
      sql`delete from field_history`,
      sql`delete from organisations`,
    ]) {
      await assert.rejects(
        db().scoped(a.orgId, (tx) => tx.execute(statement)),
        (err: any) => /permission denied/.test(String(err?.cause?.message ?? err?.message)),
      );
    }
  });

  it('the application role is not privileged', async () => {
    const [role] = await db().system(async (tx) =>
      rowsOf<{ rolsuper: boolean; rolbypassrls: boolean }>(
        await tx.execute(sql`select rolsuper, rolbypassrls from pg_roles where rolname = 'tandem_app'`),
      ),
    );
    assert.deepEqual(role, { rolsuper: false, rolbypassrls: false });
  });

  it('migrations are idempotent and readiness reports them applied', async () => {
    await db().migrate();
    assert.equal(await db().migrationsApplied(), true);
    const res = await app.request('GET', '/readyz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      status: 'ready',
      checks: { accepting: 'ok', database: 'ok', migrations: 'ok' },
    });
    assert.equal((await app.request('GET', '/healthz')).status, 200);
  });
});
