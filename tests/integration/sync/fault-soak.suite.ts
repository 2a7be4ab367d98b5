import assert from 'node:assert/strict';
import { describeDiff, isEqual } from '../../support/sync-fixtures.js';
import type { SoakModule } from './fault-soak.modules.js';
import { GRAPH_FAULTS, runWorld, type RunResult } from './fault-soak.run.js';

/**
 * The headline fault soak of one module (RELIABILITY test plan D 20), seeded and reproducible:
 * items created on both sides sync under Graph's misbehaviour ({@link GRAPH_FAULTS}), then edits on
 * both sides sync again; the end state must equal a fault-free run with the same seed, field by
 * field, with never more than 4 requests in flight on the mailbox.
 */
export function describeFaultSoak(module: SoakModule, items: number, sandboxSeed: number): void {
  const edits = Math.max(1, Math.round(items / 20));
  describe(`Sync fault soak: ${items} ${module.noun} both ways under Graph faults`, function () {
    this.timeout(30 * 60_000);
    let clean: RunResult;
    let faulty: RunResult;

    before(async () => {
      clean = await runWorld(module, sandboxSeed, { items, edits });
      faulty = await runWorld(module, sandboxSeed, { items, edits }, GRAPH_FAULTS);
      // RELIABILITY D 20's wall-time target (≤ 3× the fault-free run) is a figure, not an assertion.
      process.stdout.write(
        `      fault soak (${module.noun}): ${faulty.seconds} s under faults, ${clean.seconds} s fault-free (${(faulty.seconds / clean.seconds).toFixed(1)}×); faults ${JSON.stringify(faulty.faultsInjected)}; requests ${faulty.counters.requests} vs ${clean.counters.requests}\n`,
      );
    });

    it(`the fault-free run converges: both sides hold every item once, field by field`, () => {
      for (const snap of [clean.afterInitial, clean.final]) {
        const diff = module.compare(snap.crm, snap.outlook);
        assert.ok(isEqual(diff), describeDiff(diff));
        assert.equal(snap.crm.length, items);
      }
      assert.deepEqual(module.edited(clean.final.crm), [edits, edits]);
      assert.deepEqual(module.edited(clean.final.outlook), [edits, edits]);
    });

    it('the faults were injected: 429, 503, 504, connection resets and lost responses', () => {
      assert.deepEqual(Object.keys(faulty.faultsInjected).sort(), [
        '429',
        '503',
        '504',
        'lost response',
        'reset',
      ]);
    });

    it('under faults, both sides end equal to the fault-free run: no duplicate, no lost field value', () => {
      for (const [side, a, b] of [
        ['CRM', faulty.final.crm, clean.final.crm],
        [module.remoteName, faulty.final.outlook, clean.final.outlook],
      ] as const) {
        const diff = module.compare(a, b);
        assert.ok(isEqual(diff), `${side} differs from the fault-free run: ${describeDiff(diff)}`);
      }
      const sides = module.compare(faulty.final.crm, faulty.final.outlook);
      assert.ok(isEqual(sides), `CRM and ${module.remoteName} differ: ${describeDiff(sides)}`);
    });

    it('never more than 4 requests in flight on the mailbox, even while retrying', () => {
      assert.ok(faulty.counters.maxInFlight <= 4, JSON.stringify(faulty.counters));
      assert.ok(clean.counters.maxInFlight <= 4, JSON.stringify(clean.counters));
    });
  });
}
