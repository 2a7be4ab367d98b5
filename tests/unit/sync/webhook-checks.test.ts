import assert from 'node:assert/strict';
import { createLogger } from '../../../src/platform/logging/logger.js';
import {
  clientStateMatches,
  hashClientState,
  newClientState,
} from '../../../src/sync/webhooks/client-state.js';
import { resourceBelongs } from '../../../src/sync/webhooks/notified-resource.js';
import { RunCoalescer } from '../../../src/sync/webhooks/run-coalescer.js';

const OID = '3f2a5c1e-0000-4000-8000-000000000001';

describe('Graph notification checks', () => {
  it('generates 256-bit clientStates that fit Graph’s 128 characters and never repeat', () => {
    const states = new Set(Array.from({ length: 1000 }, newClientState));
    assert.equal(states.size, 1000);
    for (const s of states) {
      assert.match(s, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(s, 'base64url').length, 32);
    }
  });

  it('matches a clientState only against its own hash', () => {
    const state = newClientState();
    const hash = hashClientState(state);
    assert.equal(clientStateMatches(state, hash), true);
    assert.equal(clientStateMatches(`${state}x`, hash), false);
    assert.equal(clientStateMatches(state.slice(0, -1), hash), false);
    assert.equal(clientStateMatches('', hash), false);
    assert.equal(clientStateMatches(state, Buffer.alloc(0)), false);
  });

  it('compares in time independent of how much of the clientState an attacker guessed', () => {
    const state = 'a'.repeat(43);
    const hash = hashClientState(state);
    const time = (guess: string) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 20_000; i++) clientStateMatches(guess, hash);
      return Number(process.hrtime.bigint() - start);
    };
    time('warm-up');
    const noPrefix = Math.min(time('b'.repeat(43)), time('b'.repeat(43)), time('b'.repeat(43)));
    const longPrefix = Math.min(
      time(`${'a'.repeat(42)}b`),
      time(`${'a'.repeat(42)}b`),
      time(`${'a'.repeat(42)}b`),
    );
    const ratio = longPrefix / noPrefix;
    assert.ok(
      ratio > 0.5 && ratio < 2,
      `matched prefix changed the comparison time (ratio ${ratio.toFixed(2)})`,
    );
  });

  it('accepts only resources in the subscribed mailbox and the module’s collection', () => {
    assert.equal(resourceBelongs(`Users/${OID}/Contacts/AAMk=`, OID, 'contacts'), true);
    assert.equal(resourceBelongs(`users('${OID.toUpperCase()}')/contacts('AAMk')`, OID, 'contacts'), true);
    assert.equal(resourceBelongs(`Users/${OID}/Events/AAMk=`, OID, 'meetings'), true);
    assert.equal(resourceBelongs(`Users/${OID}/todo/lists/L/tasks/T`, OID, 'tasks'), true);
    assert.equal(resourceBelongs(`Users/someone-else/Contacts/AAMk=`, OID, 'contacts'), false);
    assert.equal(resourceBelongs(`Users/${OID}/Messages/AAMk=`, OID, 'contacts'), false);
    assert.equal(resourceBelongs(`Users/${OID}/Events/AAMk=`, OID, 'contacts'), false);
    assert.equal(resourceBelongs(`Groups/${OID}/Contacts/AAMk=`, OID, 'contacts'), false);
    assert.equal(resourceBelongs('', OID, 'contacts'), false);
  });

  describe('run coalescing', () => {
    const logger = createLogger({ level: 'silent' });
    let clock = 0;
    const fired: string[] = [];
    const fire = async (reason: string) => {
      fired.push(reason);
    };
    beforeEach(() => {
      clock = 0;
      fired.length = 0;
    });

    it('fires at once, then folds a window’s offers into one trailing fire that keeps a resync', async () => {
      const coalescer = new RunCoalescer(50, logger, () => clock);
      await coalescer.offer('s1', 'notification', fire);
      assert.deepEqual(fired, ['notification']);
      for (let i = 0; i < 1000; i++) await coalescer.offer('s1', i === 500 ? 'resync' : 'notification', fire);
      assert.deepEqual(fired, ['notification']);
      await new Promise((r) => setTimeout(r, 80));
      assert.deepEqual(fired, ['notification', 'resync']);
      await coalescer.stop();
    });

    it('keeps keys apart and flushes what is pending on stop', async () => {
      const coalescer = new RunCoalescer(60_000, logger, () => clock);
      await coalescer.offer('a', 'notification', fire);
      await coalescer.offer('b', 'notification', fire);
      await coalescer.offer('a', 'notification', fire);
      assert.deepEqual(fired, ['notification', 'notification']);
      await coalescer.stop();
      assert.deepEqual(fired, ['notification', 'notification', 'notification']);
    });

    it('reopens the window when the immediate fire fails, so the sender’s retry gets through', async () => {
      const coalescer = new RunCoalescer(60_000, logger, () => clock);
      await assert.rejects(coalescer.offer('a', 'notification', () => Promise.reject(new Error('db down'))));
      await coalescer.offer('a', 'notification', fire);
      assert.deepEqual(fired, ['notification']);
      await coalescer.stop();
    });
  });
});
