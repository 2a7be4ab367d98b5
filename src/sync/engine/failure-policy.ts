import { GraphCallError } from '../graph/graph-port.js';

/** What the engine does after a run failed. */
export type FailureDecision =
  | { kind: 'backoff'; delayMs: number; code: string }
  | { kind: 'resync'; code: string }
  | { kind: 'needs_consent'; code: string }
  | { kind: 'container_gone'; code: string }
  | { kind: 'failed'; code: string };

/** What the engine does when one item failed inside a run. */
export type ItemDecision = { kind: 'skip_item'; code: string } | { kind: 'abort_run' };

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 60 * 60_000;

/**
 * The delay before retry `failures` (1 = first failure): 30 s × 2^(n-1), capped at 1 h, with
 * "equal jitter" (half fixed, half random) so retries of many targets spread out.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * The one failure policy of the sync (CONVENTIONS rule 5), decided on classified codes only.
 * `onContainer`: the error came from the container itself (folder/list), not from an item in it.
 */
export function decideRunFailure(
  err: unknown,
  failures: number,
  options: { onContainer?: boolean; random?: () => number } = {},
): FailureDecision {
  if (!(err instanceof GraphCallError)) {
    return { kind: 'backoff', delayMs: backoffDelay(failures, options.random), code: 'INTERNAL' };
  }
  switch (err.code) {
    case 'CURSOR_EXPIRED':
      return { kind: 'resync', code: err.code };
    case 'CONSENT_REQUIRED':
    case 'UNAUTHORIZED':
      return { kind: 'needs_consent', code: err.code };
    case 'NOT_FOUND':
      return options.onContainer
        ? { kind: 'container_gone', code: err.code }
        : { kind: 'backoff', delayMs: backoffDelay(failures, options.random), code: err.code };
    case 'FORBIDDEN':
      return { kind: 'failed', code: err.code };
    default:
      return { kind: 'backoff', delayMs: backoffDelay(failures, options.random), code: err.code };
  }
}

/**
 * Inside a run: an item Graph refuses (400, 404 on the item, 412 after the retries) is recorded as
 * an item error and the run goes on; anything about the mailbox, token or service aborts the run
 * and goes to {@link decideRunFailure}.
 */
export function decideItemFailure(err: unknown): ItemDecision {
  if (!(err instanceof GraphCallError)) return { kind: 'abort_run' };
  if (['BAD_REQUEST', 'NOT_FOUND', 'PRECONDITION_FAILED', 'CONFLICT'].includes(err.code)) {
    return { kind: 'skip_item', code: err.code };
  }
  return { kind: 'abort_run' };
}
