import assert from 'node:assert/strict';
import { compareContacts, describeDiff, isEqual, sleep } from '../../support/sync-fixtures.js';
import { SoakWorld } from './fault-soak.scenario.js';

/**
 * Recovery (issue 6 "Fault tests", RELIABILITY D 23 and the reaper of engine point 1): a worker
 * killed in the middle of a run, and a delta round lost in the middle of paging, both end with
 * every contact once on each side, nothing deleted that was not deleted. (An expired link on an
 * incremental round's first page: `engine-faults.test.ts`.)
 */

/** Items per page Tandem asks Graph for in the 410 case (`SYNC_PAGE_SIZE`, sent as `Prefer: odata.maxpagesize`). */
const PAGE = 100;

async function expectConverged(world: SoakWorld, expected: number): Promise<void> {
  const snap = await world.snapshot();
  const diff = compareContacts(snap.crm, snap.outlook);
  assert.ok(isEqual(diff), describeDiff(diff));
  assert.equal(snap.crm.length, expected, 'CRM contacts');
  assert.equal(snap.outlook.length, expected, 'Outlook contacts');
}

async function deletionsInJournal(world: SoakWorld): Promise<unknown[]> {
  const res = await world.api('GET', '/sync/contacts/journal?action=delete&limit=100');
  assert.equal(res.status, 200, res.text);
  return res.body.entries;
}

describe('Sync recovery: a worker stopped mid-run, a delta round lost mid-paging', function () {
  this.timeout(15 * 60_000);

  it('a worker killed mid-run (SIGKILL) is taken over on the same database: nothing lost, nothing doubled', async () => {
    // The shortest lease: the new worker may take the killed run over after 30 s.
    const world = await SoakWorld.start(7301, { database: 'files', env: { SYNC_LEASE_SECONDS: '30' } });
    try {
      await world.seedBothSides(500, 500);
      // Graph slowed down a little so that the kill lands inside the run.
      await world.limits({ seed: 7301, latency: { baseMs: 15, jitterMs: 10 }, rules: [] });
      const worker = await world.killableWorker();
      const enabledAt = Date.now();
      assert.equal((await world.api('PUT', '/sync/contacts', { enabled: true })).status, 200);
      // CRM contacts arriving in Outlook show the run is under way (the CRM is the worker's own).
      let inOutlook = 0;
      for (let i = 0; i < 2400 && inOutlook <= 520; i++) {
        const folderId = world.folderId || ((await world.outlook.folderId('Tandem Contacts')) ?? '');
        inOutlook = folderId ? await world.outlook.count(folderId) : 0;
        await sleep(25);
      }
      await worker.kill();
      assert.ok(inOutlook > 500 && inOutlook < 1000, `the kill missed the run: ${inOutlook} in Outlook`);
      await world.startTandem();
      await world.converge(1000, enabledAt, 8 * 60_000);
      await world.faultsOff();
      await expectConverged(world, 1000);
      assert.deepEqual(await deletionsInJournal(world), []);
    } finally {
      await world.stop();
    }
  });

  it('410 SyncStateNotFound on page 7 of 12 of the first round: the partial round is dropped, a full resync reconciles', async () => {
    const world = await SoakWorld.start(7302, {
      database: 'memory',
      env: { SYNC_PAGE_SIZE: String(PAGE) },
    });
    const outlookCount = 11 * PAGE + PAGE / 2; // twelve pages; the 410 answers the seventh
    try {
      await world.seedBothSides(200, outlookCount);
      const skipPage = { pathRegex: '/contacts/delta\\?.*\\$skiptoken=' };
      await world.limits({
        seed: 7302,
        latency: { baseMs: 0, jitterMs: 0 },
        rules: [
          // Pages 2 to 6 pass (a no-op fault only counts them), page 7 answers 410 once.
          { match: skipPage, fault: 'slow', delayMs: 0, times: 5 },
          { match: skipPage, fault: '410', times: 1 },
        ],
      });
      const enabledAt = Date.now();
      await world.enable();
      await world.converge(200 + outlookCount, enabledAt, 8 * 60_000);
      const log = await world.faultLog();
      assert.deepEqual(
        log.map((e) => e.fault),
        ['slow', 'slow', 'slow', 'slow', 'slow', '410'],
        'the 410 answers the seventh page: ' + JSON.stringify(log),
      );
      await world.faultsOff();
      await expectConverged(world, 200 + outlookCount);
      assert.deepEqual(await deletionsInJournal(world), []);
    } finally {
      await world.stop();
    }
  });
});
