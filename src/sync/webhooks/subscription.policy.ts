/**
 * When subscriptions are created, renewed, rotated and retried (RELIABILITY §3, FACTS §0.9).
 * Pure: every function takes the time it works from.
 */
export interface SubscriptionPolicy {
  /** Requested lifetime. Outlook contacts/events and To Do allow 4,230 min; 30 min spare for clock skew. */
  lifetimeMs: number;
  /** Renew once this share of the lifetime Graph granted has passed (≤ 0.75). */
  renewAt: number;
  /** A clientState older than this is rotated (the subscription is recreated with a new one). */
  rotateAfterMs: number;
  /** How long the previous subscription id and clientState stay accepted after a rotation (Graph retries for 4 h). */
  overlapMs: number;
  /** How long a claimed subscription is hidden from other workers while one works on it. */
  leaseMs: number;
  /** First retry delay after a failure; doubles per consecutive failure up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_SUBSCRIPTION_POLICY: SubscriptionPolicy = {
  lifetimeMs: 4_200 * MINUTE,
  renewAt: 0.75,
  rotateAfterMs: 7 * 24 * HOUR,
  overlapMs: 4 * HOUR,
  leaseMs: 5 * MINUTE,
  retryBaseMs: MINUTE,
  retryMaxMs: HOUR,
};

/** The expiry to ask Graph for. */
export function requestedExpiry(policy: SubscriptionPolicy, now: Date): Date {
  return new Date(now.getTime() + policy.lifetimeMs);
}

/** When to renew a subscription Graph granted until `expiresAt` (from `now`, the grant time). */
export function renewalTime(policy: SubscriptionPolicy, now: Date, expiresAt: Date): Date {
  const lifetime = Math.max(expiresAt.getTime() - now.getTime(), 0);
  return new Date(now.getTime() + Math.floor(lifetime * policy.renewAt));
}

/**
 * When to try again after `failures` consecutive failures: exponential, capped, and never later
 * than the renewal point of what is left before `expiresAt` (null: nothing granted yet).
 */
export function retryTime(
  policy: SubscriptionPolicy,
  now: Date,
  failures: number,
  expiresAt: Date | null,
): Date {
  const delay = Math.min(policy.retryBaseMs * 2 ** Math.max(failures - 1, 0), policy.retryMaxMs);
  const at = now.getTime() + delay;
  if (!expiresAt) return new Date(at);
  const beforeExpiry = renewalTime(policy, now, expiresAt).getTime();
  return new Date(beforeExpiry > now.getTime() ? Math.min(at, beforeExpiry) : at);
}

export function rotationDue(policy: SubscriptionPolicy, now: Date, clientStateAt: Date): boolean {
  return now.getTime() - clientStateAt.getTime() >= policy.rotateAfterMs;
}
