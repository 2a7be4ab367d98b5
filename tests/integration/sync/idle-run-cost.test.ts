import assert from 'node:assert/strict';
import type { SyncTarget } from '../../../src/sync/engine/sync-contract.js';
import { SyncHarness } from './support/sync-harness.js';

/**
 * What an idle run costs the member's mailbox once everything is in sync (issue 6: "requests for an
 * idle incremental run, goal 1"): the delta only. The master categories are checked at the first
 * run, on "sync now" and every SYNC_UPKEEP_SECONDS, not on every run.
 */
describe('Contacts sync: an idle run costs one request', function () {
  this.timeout(120_000);
  let h: SyncHarness;
  let target: SyncTarget;

  /** Tandem's requests to the member's mailbox since the metrics were cleared. */
  async function mailboxRequests(): Promise<number> {
    const mailboxes = Object.entries((await h.metrics()).mailboxes as Record<string, { requests: number }>);
    return mailboxes
      .filter(([key]) => key.endsWith(`|${h.member.id}`))
      .reduce((sum, [, c]) => sum + c.requests, 0);
  }
  const clearMetrics = () => fetch(`${h.world.sandbox.url}/_sandbox/metrics`, { method: 'DELETE' });

  before(async () => {
    h = await SyncHarness.start();
    target = { orgId: h.member.orgId, userId: h.member.userId, module: 'contacts' };
    await h.createCrmContact({ firstName: 'Ada', lastName: 'Lovelace' });
    const since = Date.now();
    await h.enable();
    await h.settled(since);
    await h.syncNow(); // Tandem's own write-backs settle (categories on the new contact)
  });
  after(() => h?.stop());

  it('a periodic (backstop) run with nothing new sends only its delta request', async () => {
    await clearMetrics();
    const since = Date.now();
    await h.container.syncTrigger!.requestRun(target, 'backstop');
    await h.settled(since);
    assert.equal(await mailboxRequests(), 1);
  });

  it('"sync now" also checks the master categories: two requests, and still writes nothing', async () => {
    const journal = async () => {
      const res = await h.api('GET', '/sync/contacts/journal?limit=50');
      assert.equal(res.status, 200, res.text);
      return res.body.entries.map((e: { id: string }) => e.id);
    };
    const before = await journal();
    await clearMetrics();
    await h.syncNow();
    assert.equal(await mailboxRequests(), 2);
    assert.deepEqual(await journal(), before, 'nothing journaled: nothing written');
  });
});
