import assert from 'node:assert/strict';
import { describeDiff, isEqual, sleep } from '../../support/sync-fixtures.js';
import { crmTaskRows } from '../../support/task-fixtures.js';
import { tasksSoak } from './fault-soak.modules.js';
import { SoakWorld } from './fault-soak.scenario.js';

/**
 * Recovery for tasks, as for contacts (`fault-soak-recovery.test.ts`): a worker killed in the
 * middle of a run, and a To Do delta round lost in the middle of paging, both end with every task
 * once on each side, nothing deleted that was not deleted; and once converged, an idle run costs
 * its delta request and writes nothing on either side.
 */

/** Items per page Tandem asks Graph for in the 410 case (`SYNC_PAGE_SIZE`). */
const PAGE = 100;

async function expectConverged(world: SoakWorld, expected: number): Promise<void> {
  const snap = await world.snapshot();
  const diff = tasksSoak.compare(snap.crm, snap.outlook);
  assert.ok(isEqual(diff), describeDiff(diff));
  assert.equal(snap.crm.length, expected, 'CRM tasks');
  assert.equal(snap.outlook.length, expected, 'To Do tasks');
}

async function deletionsInJournal(world: SoakWorld): Promise<unknown[]> {
  const res = await world.api('GET', '/sync/tasks/journal?action=delete&limit=100');
  assert.equal(res.status, 200, res.text);
  return res.body.entries;
}

/** What a write on either side would change: each To Do task's etag, each CRM task's version, the journal. */
async function writeMarks(world: SoakWorld): Promise<{ todo: string[]; crm: string[]; journal: number }> {
  const journal = await world.api('GET', '/sync/tasks/journal?limit=200');
  return {
    todo: (await world.todo.list(world.folderId)).map((t) => `${t.id}:${t['@odata.etag']}`).sort(),
    crm: (await crmTaskRows(world.app.tandem.db, world.orgId, world.userId))
      .map((r) => `${r.id}:${r.version}`)
      .sort(),
    journal: journal.body.entries.length,
  };
}

/** Starts one run for `reason` and waits until it is over. */
async function oneRun(world: SoakWorld, reason: 'backstop' | 'manual'): Promise<void> {
  const since = Date.now();
  const target = { orgId: world.orgId, userId: world.userId, module: 'tasks' as const };
  await world.app.tandem.container.syncTrigger!.requestRun(target, reason);
  for (;;) {
    const view = await world.view();
    if (view.lastRunAt && Date.parse(view.lastRunAt) >= since - 5 && view.state === 'idle') return;
    if (Date.now() - since > 60_000) throw new Error(`no idle run within 60 s (${view.state})`);
    await sleep(50);
  }
}

describe('Tasks sync recovery: a worker stopped mid-run, a delta round lost mid-paging, an idle run', function () {
  this.timeout(15 * 60_000);

  it('a worker killed mid-run (SIGKILL) is taken over on the same database: nothing lost, nothing doubled', async () => {
    const world = await SoakWorld.start(7501, {
      database: 'files',
      module: tasksSoak,
      env: { SYNC_LEASE_SECONDS: '30' },
    });
    try {
      await world.seedBothSides(500, 500);
      await world.limits({ seed: 7501, latency: { baseMs: 15, jitterMs: 10 }, rules: [] });
      const worker = await world.killableWorker();
      const enabledAt = Date.now();
      assert.equal((await world.api('PUT', '/sync/tasks', { enabled: true })).status, 200);
      // CRM tasks arriving in To Do show the run is under way (the CRM is the worker's own).
      let inTodo = 0;
      for (let i = 0; i < 2400 && inTodo <= 520; i++) {
        inTodo = await world.todo.count(world.folderId);
        await sleep(25);
      }
      await worker.kill();
      assert.ok(inTodo > 500 && inTodo < 1000, `the kill missed the run: ${inTodo} in To Do`);
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
    const world = await SoakWorld.start(7502, {
      database: 'memory',
      module: tasksSoak,
      env: { SYNC_PAGE_SIZE: String(PAGE) },
    });
    const todoCount = 11 * PAGE + PAGE / 2; // twelve pages; the 410 answers the seventh
    try {
      await world.seedBothSides(200, todoCount);
      const skipPage = { pathRegex: '/tasks/delta\\?.*\\$skiptoken=' };
      await world.limits({
        seed: 7502,
        latency: { baseMs: 0, jitterMs: 0 },
        rules: [
          // Pages 2 to 6 pass (a no-op fault only counts them), page 7 answers 410 once.
          { match: skipPage, fault: 'slow', delayMs: 0, times: 5 },
          { match: skipPage, fault: '410', times: 1 },
        ],
      });
      const enabledAt = Date.now();
      await world.enable();
      await world.converge(200 + todoCount, enabledAt, 8 * 60_000);
      const log = await world.faultLog();
      assert.deepEqual(
        log.map((e) => e.fault),
        ['slow', 'slow', 'slow', 'slow', 'slow', '410'],
        'the 410 answers the seventh page: ' + JSON.stringify(log),
      );
      await world.faultsOff();
      await expectConverged(world, 200 + todoCount);
      assert.deepEqual(await deletionsInJournal(world), []);
    } finally {
      await world.stop();
    }
  });

  it('after convergence, an idle run sends its delta request only and writes nothing on either side', async () => {
    const world = await SoakWorld.start(7503, { database: 'memory', module: tasksSoak });
    try {
      await world.seedBothSides(500, 500);
      await world.limits();
      const enabledAt = Date.now();
      await world.enable();
      await world.converge(1000, enabledAt, 8 * 60_000);
      // To Do's notifications carry no etag: Tandem's own writes each wake a (coalesced, 5 s)
      // follow-up run. Let those pass, then settle with one more run.
      await sleep(6_500);
      await oneRun(world, 'manual');
      const before = await writeMarks(world);
      await world.tool('DELETE', '/metrics');
      await oneRun(world, 'backstop');
      assert.equal((await world.counters()).requests, 1, 'an idle run costs its delta request only');
      await oneRun(world, 'manual');
      assert.deepEqual(await writeMarks(world), before, 'nothing written on either side');
      await expectConverged(world, 1000);
    } finally {
      await world.stop();
    }
  });
});
