import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { startSandbox } from '../../../src/sandbox/sandbox.js';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';
import { TEST_CLIENT_ID } from '../../support/test-identity.js';

describe('Sandbox: seeded mailboxes', () => {
  let sbx: TestSandbox;

  before(async () => {
    sbx = await startTestSandbox();
  });
  after(() => sbx.stop());

  it('the first series of each mailbox has an exception and a cancelled occurrence, made through Graph', async () => {
    const user = sbx.tenants[0]!.users[2]!;
    const graph = sbx.graph(await sbx.token(user.userPrincipalName, 'graph'));
    const masters = (await graph.api('/me/events').filter("type eq 'seriesMaster'").get()).value as any[];
    assert.ok(masters.length >= 1);
    const master = masters[0];
    const withCancelled = await graph
      .api(`/me/events/${master.id}`)
      .select('cancelledOccurrences,subject')
      .get();
    assert.equal(withCancelled.cancelledOccurrences.length, 1);
    const from = new Date(
      new Date(`${master.start.dateTime.slice(0, 19)}Z`).getTime() - 86_400_000,
    ).toISOString();
    const to = new Date(Date.parse(from) + 120 * 86_400_000).toISOString();
    const instances = (
      await graph
        .api(`/me/events/${master.id}/instances`)
        .query({ startDateTime: from, endDateTime: to })
        .top(50)
        .get()
    ).value as any[];
    const exceptions = instances.filter((i) => i.type === 'exception');
    assert.equal(exceptions.length, 1);
    assert.match(exceptions[0].subject, /\(moved\)$/);
  });

  it('a mailbox loaded from disk is not changed again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sbx-seed-'));
    const options = {
      port: 0,
      host: '127.0.0.1' as const,
      dataDir: dir,
      tandemApp: { clientId: TEST_CLIENT_ID },
      logger: createLogger({ level: 'silent' }),
    };
    try {
      const first = await startSandbox(options);
      const seq = first.store.state.seq;
      await first.stop();
      const second = await startSandbox(options);
      assert.equal(second.store.state.seq, seq, 'no new changes on restart');
      const tenant = Object.values(second.store.state.tenants)[0]!;
      const mailbox = Object.values(tenant.mailboxes)[0]!;
      assert.equal(Object.values(mailbox.events).filter((e) => e.type === 'exception').length, 1);
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
