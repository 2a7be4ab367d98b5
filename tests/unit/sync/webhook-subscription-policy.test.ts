import assert from 'node:assert/strict';
import {
  DEFAULT_SUBSCRIPTION_POLICY as policy,
  renewalTime,
  requestedExpiry,
  retryTime,
  rotationDue,
} from '../../../src/sync/webhooks/subscription.policy.js';

const MINUTE = 60_000;
const GRAPH_MAX_MINUTES = 4_230;

describe('Graph subscription policy', () => {
  it('asks for less than the 4,230-minute maximum and renews at 75 % of what Graph granted', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const expiry = requestedExpiry(policy, now);
    assert.ok(expiry.getTime() - now.getTime() <= GRAPH_MAX_MINUTES * MINUTE);
    const renewAt = renewalTime(policy, now, expiry);
    assert.equal(renewAt.getTime() - now.getTime(), Math.floor((expiry.getTime() - now.getTime()) * 0.75));
    // Graph may grant less than asked: the renewal follows the grant.
    const shorter = new Date(now.getTime() + 60 * MINUTE);
    assert.equal(renewalTime(policy, now, shorter).getTime() - now.getTime(), 45 * MINUTE);
  });

  it('keeps a subscription alive through 14 simulated days, even with every other renewal failing once', () => {
    let now = new Date('2026-11-21T00:00:00Z');
    const end = now.getTime() + 14 * 24 * 60 * MINUTE;
    let expiresAt = requestedExpiry(policy, now);
    let renewAt = renewalTime(policy, now, expiresAt);
    let failures = 0;
    let renewals = 0;
    while (now.getTime() < end) {
      now = renewAt;
      assert.ok(
        now < expiresAt,
        `renewal at ${now.toISOString()} came after expiry ${expiresAt.toISOString()}`,
      );
      if (renewals % 2 === 1 && failures === 0) {
        failures = 1;
        renewAt = retryTime(policy, now, failures, expiresAt);
        continue;
      }
      failures = 0;
      renewals++;
      expiresAt = requestedExpiry(policy, now);
      renewAt = renewalTime(policy, now, expiresAt);
    }
    assert.ok(renewals >= 4);
  });

  it('backs off exponentially after failures, capped, and never past the renewal point before expiry', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const far = new Date(now.getTime() + 3_000 * MINUTE);
    const delays = [1, 2, 3, 4, 10].map(
      (f) => (retryTime(policy, now, f, far).getTime() - now.getTime()) / MINUTE,
    );
    assert.deepEqual(delays, [1, 2, 4, 8, 60]);
    const soon = new Date(now.getTime() + 20 * MINUTE);
    assert.equal(retryTime(policy, now, 10, soon).getTime() - now.getTime(), 15 * MINUTE);
  });

  it('rotates the clientState after a week', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    assert.equal(rotationDue(policy, now, new Date(now.getTime() - 6 * 24 * 60 * MINUTE)), false);
    assert.equal(rotationDue(policy, now, new Date(now.getTime() - 7 * 24 * 60 * MINUTE)), true);
  });
});
