import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PostgresStorage } from '../../../src/bot/bot-storage.js';
import { testContext } from '../../support/context.js';

describe('Bot state storage (bot_state, eTag concurrency)', () => {
  let storage: PostgresStorage;
  before(async () => {
    storage = new PostgresStorage((await testContext()).database.db);
  });

  it('reads back what was written, with a new eTag on every write', async () => {
    const key = `msteams/bot/conversations/${randomUUID()}`;
    await storage.write({ [key]: { count: 1 } });
    const first = (await storage.read([key, 'missing']))[key];
    assert.equal(first.count, 1);
    assert.ok(first.eTag);
    await storage.write({ [key]: { ...first, count: 2 } });
    const second = (await storage.read([key]))[key];
    assert.equal(second.count, 2);
    assert.notEqual(second.eTag, first.eTag);
    assert.deepEqual(Object.keys(await storage.read(['missing'])), []);
  });

  it('refuses a write carrying a stale eTag, keeps the newer value; "*" always wins', async () => {
    const key = `msteams/bot/users/${randomUUID()}`;
    await storage.write({ [key]: { v: 'a' } });
    const stale = (await storage.read([key]))[key];
    await storage.write({ [key]: { ...stale, v: 'b' } });
    await assert.rejects(storage.write({ [key]: { ...stale, v: 'c' } }), { code: 'bot_state_conflict' });
    assert.equal((await storage.read([key]))[key].v, 'b');
    await storage.write({ [key]: { v: 'd', eTag: '*' } });
    assert.equal((await storage.read([key]))[key].v, 'd');
  });

  it('deletes', async () => {
    const key = `msteams/bot/conversations/${randomUUID()}`;
    await storage.write({ [key]: { v: 1 } });
    await storage.delete([key]);
    assert.deepEqual(await storage.read([key]), {});
  });
});
