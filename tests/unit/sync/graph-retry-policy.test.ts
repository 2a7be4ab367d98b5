import assert from 'node:assert/strict';
import { RetryPolicy, retryAfterMs, DEFAULT_RETRY_LIMITS } from '../../../src/sync/graph/retry-policy.js';

/** A policy on a fake clock whose jitter draws `random` (1 s base, 60 s cap). */
function policyAt(clock: { t: number }, random = 0.999999, limits = {}) {
  return new RetryPolicy(
    { ...DEFAULT_RETRY_LIMITS, ...limits },
    () => random,
    () => clock.t,
  );
}

describe('Graph retry policy', () => {
  it('waits exactly Retry-After on a 429 (seconds, fractional, or an HTTP date), never less', () => {
    const clock = { t: Date.parse('2026-11-21T10:00:00Z') };
    const policy = policyAt(clock, 0);
    for (const [header, ms] of [
      ['7', 7000],
      ['2.128', 2128],
      ['0', 0],
      ['Sat, 21 Nov 2026 10:00:30 GMT', 30_000],
    ] as const) {
      const decision = policy.decide(
        { kind: 'response', status: 429, retryAfter: header },
        1,
        clock.t,
        false,
      );
      assert.deepEqual(
        decision,
        { retry: true, delayMs: ms, serverDelay: true, freshConnection: false },
        header,
      );
    }
    assert.equal(retryAfterMs('soon', clock.t), undefined);
  });

  it('backs off with full jitter, base 1 s doubling to a 60 s cap, when no Retry-After is given', () => {
    const clock = { t: 0 };
    const highest = policyAt(clock, 0.999999, { maxAttempts: 20, maxElapsedMs: 10_000_000 });
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => {
      const d = highest.decide({ kind: 'response', status: 429 }, attempt, 0, true);
      assert.ok(d.retry && !d.serverDelay);
      return Math.round(d.delayMs / 1000);
    });
    assert.deepEqual(ceilings, [1, 2, 4, 8, 16, 32, 60, 60]);
    const lowest = policyAt(clock, 0);
    const d = lowest.decide({ kind: 'response', status: 429 }, 3, 0, true);
    assert.ok(d.retry && d.delayMs === 0, 'full jitter reaches down to 0');
  });

  it('repeats a 503 on a new connection, for writes too (the service did not process it)', () => {
    const d = policyAt({ t: 0 }).decide({ kind: 'response', status: 503, retryAfter: '3' }, 1, 0, false);
    assert.deepEqual(d, { retry: true, delayMs: 3000, serverDelay: true, freshConnection: true });
  });

  it('repeats 5xx and lost responses only for idempotent requests; a request that never left always', () => {
    const p = policyAt({ t: 0 }, 0.5);
    assert.equal(p.decide({ kind: 'response', status: 504 }, 1, 0, true).retry, true);
    assert.equal(p.decide({ kind: 'response', status: 504 }, 1, 0, false).retry, false);
    assert.equal(p.decide({ kind: 'response', status: 500 }, 1, 0, false).retry, false);
    assert.equal(p.decide({ kind: 'lost', sent: true, retryable: true }, 1, 0, true).retry, true);
    assert.equal(p.decide({ kind: 'lost', sent: true, retryable: true }, 1, 0, false).retry, false);
    assert.equal(p.decide({ kind: 'lost', sent: false, retryable: true }, 1, 0, false).retry, true);
    assert.equal(p.decide({ kind: 'lost', sent: false, retryable: false }, 1, 0, true).retry, false);
    assert.equal(p.decide({ kind: 'response', status: 424 }, 1, 0, false).retry, true, 'never ran');
  });

  it('never repeats client errors', () => {
    const p = policyAt({ t: 0 });
    for (const status of [400, 401, 403, 404, 409, 410, 412])
      assert.equal(p.decide({ kind: 'response', status }, 1, 0, true).retry, false, String(status));
  });

  it('stops at the attempt budget and when a wait would end past the elapsed budget', () => {
    const clock = { t: 0 };
    const p = policyAt(clock, 0, { maxAttempts: 3, maxElapsedMs: 10_000 });
    const throttled = (retryAfter: string) => ({ kind: 'response' as const, status: 429, retryAfter });
    assert.equal(p.decide(throttled('1'), 2, 0, true).retry, true);
    assert.equal(p.decide(throttled('1'), 3, 0, true).retry, false, 'third attempt was the last');
    clock.t = 8_000;
    assert.equal(p.decide(throttled('2'), 1, 0, true).retry, true, 'ends at exactly 10 s');
    assert.equal(p.decide(throttled('3'), 1, 0, true).retry, false, 'would end at 11 s');
  });
});
