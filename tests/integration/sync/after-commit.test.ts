import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../../src/platform/db/database.js';
import { testContext } from '../../support/context.js';

/**
 * `Database.afterCommit`, which starts a CRM change's sync run: the work runs once the change is
 * committed (a run started earlier would not see its outbox row), never for a rolled-back one.
 */
describe('Database: work after commit', () => {
  let db: Database;

  before(async () => {
    db = (await testContext()).database.db;
  });

  it('runs once the transaction has committed, before the call returns, and sees its rows', async () => {
    const seen: number[] = [];
    const table = `after_commit_${Date.now()}`;
    const count = () =>
      db.system(
        async (tx) =>
          rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n,
      );
    await db.system(async (tx) => void (await tx.execute(sql.raw(`create table ${table} (id int)`))));
    try {
      const result = await db.system(async (tx) => {
        await tx.execute(sql.raw(`insert into ${table} values (1)`));
        db.afterCommit(async () => void seen.push(await count()));
        await tx.transaction(async () => db.afterCommit(async () => void seen.push(-1)));
        assert.deepEqual(seen, [], 'nothing runs inside the transaction');
        return 'committed';
      });
      assert.equal(result, 'committed');
      assert.deepEqual(seen, [1, -1], 'in order, with the row committed, savepoints included');
    } finally {
      await db.system(async (tx) => void (await tx.execute(sql.raw(`drop table ${table}`))));
    }
  });

  it('never runs for a transaction that rolled back', async () => {
    let ran = false;
    await assert.rejects(
      db.system(async () => {
        db.afterCommit(async () => void (ran = true));
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.equal(ran, false);
  });

  it('a failure of the work does not fail the committed call', async () => {
    const result = await db.system(async () => {
      db.afterCommit(async () => {
        throw new Error('the job queue is down');
      });
      return 42;
    });
    assert.equal(result, 42);
  });

  it('is refused outside a transaction', () => {
    assert.throws(() => db.afterCommit(async () => {}), /outside a transaction/);
  });
});
