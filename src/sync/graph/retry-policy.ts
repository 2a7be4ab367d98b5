/**
 * When to repeat a Graph request and how long to wait first (RELIABILITY §4.1, FACTS §9):
 * - 429: wait `Retry-After` exactly (seconds, fractional allowed, or an HTTP date), never less;
 *   without the header, exponential backoff with full jitter (base 1 s, cap 60 s);
 * - 503: the same, and the repeat goes out on a new connection;
 * - other 5xx, 424 and lost responses: backoff, for idempotent requests only (a write whose
 *   response was lost is ambiguous: the caller looks its item up instead);
 * - within a budget of attempts and elapsed time, after which the classified error is thrown.
 */

export interface RetryLimits {
  /** Attempts in all, the first included (default 6). */
  maxAttempts: number;
  /** No wait may end later than this after the first attempt (default 120 s). */
  maxElapsedMs: number;
  /** Backoff base and cap without Retry-After (defaults 1 s and 60 s). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_LIMITS: RetryLimits = {
  maxAttempts: 6,
  maxElapsedMs: 120_000,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

/** What happened to one attempt, as the policy needs it. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter?: string }
  | { kind: 'lost'; sent: boolean; retryable: boolean };

export type RetryDecision =
  | { retry: false }
  | {
      retry: true;
      delayMs: number;
      /** The wait came from the server's Retry-After (honour it exactly). */
      serverDelay: boolean;
      /** Open a new connection for the repeat (after a 503). */
      freshConnection: boolean;
    };

/** Parses `Retry-After` (delta-seconds, possibly fractional, or an HTTP date) into milliseconds. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export class RetryPolicy {
  constructor(
    readonly limits: RetryLimits = DEFAULT_RETRY_LIMITS,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  /** Full jitter: uniform in [0, min(cap, base · 2^(attempt-1))] for the `attempt`-th repeat (1-based). */
  backoffMs(attempt: number): number {
    const ceiling = Math.min(this.limits.maxDelayMs, this.limits.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.floor(this.random() * ceiling);
  }

  /**
   * Whether to repeat after `attempt` attempts (1-based) started at `startedAt`, and after how
   * long. `idempotent` requests may be repeated after any transient failure; others only when the
   * server says it did not process them (429, 503) or the request never left.
   */
  decide(outcome: AttemptOutcome, attempt: number, startedAt: number, idempotent: boolean): RetryDecision {
    if (attempt >= this.limits.maxAttempts) return { retry: false };
    const plan = this.plan(outcome, attempt, idempotent);
    if (!plan) return { retry: false };
    if (this.now() + plan.delayMs - startedAt > this.limits.maxElapsedMs) return { retry: false };
    return { retry: true, ...plan };
  }

  private plan(
    outcome: AttemptOutcome,
    attempt: number,
    idempotent: boolean,
  ): Omit<Extract<RetryDecision, { retry: true }>, 'retry'> | undefined {
    if (outcome.kind === 'lost') {
      if (!outcome.retryable || (outcome.sent && !idempotent)) return undefined;
      return { delayMs: this.backoffMs(attempt), serverDelay: false, freshConnection: true };
    }
    const { status } = outcome;
    if (status === 429 || status === 503) {
      const server = retryAfterMs(outcome.retryAfter, this.now());
      return {
        delayMs: server ?? this.backoffMs(attempt),
        serverDelay: server !== undefined,
        freshConnection: status === 503,
      };
    }
    // 424: a dependency failed, so this item was never run — safe to send again, writes included.
    if (status >= 500 || status === 424) {
      if (!idempotent && status !== 424) return undefined;
      return { delayMs: this.backoffMs(attempt), serverDelay: false, freshConnection: false };
    }
    return undefined;
  }
}
