import { setTimeout as sleep } from 'node:timers/promises';
import { GraphError, graphErrors } from '../graph/graph-error.js';
import type { GraphResult } from '../graph/graph-route.js';
import type { MailboxMetrics } from '../graph/mailbox-metrics.js';
import { FaultInjector, type FaultDecision, type FaultTarget } from './faults.js';
import { MailboxThrottle, applicationThrottled } from './throttle.js';

/** What the HTTP layer must do to the connection instead of (reset) or after (drop) answering. */
export type ConnectionFault = 'reset' | 'drop';
export type HostileResult = GraphResult & { connection?: ConnectionFault };

export interface HostileSlot {
  /** `<appId>|<mailbox or tenant id>`: delayed by the latency model when given (not the `$batch` envelope). */
  key?: string;
  /** Whether Outlook's per app × mailbox limits apply (the request addresses a mailbox). */
  mailbox?: boolean;
  target: FaultTarget;
  decision?: FaultDecision;
}

const ERROR_FAULTS = new Set(['429', '503', '504', '410']);

/**
 * Hostile mode: the throttling model and the seeded faults, applied around a Graph handler the way
 * Microsoft's service misbehaves (RELIABILITY §4, test plan D). Off by default.
 */
export class HostileMode {
  readonly throttle = new MailboxThrottle();
  readonly faults = new FaultInjector();

  constructor(private readonly metrics: MailboxMetrics) {}

  decide(target: FaultTarget): FaultDecision | undefined {
    return this.faults.decide(target);
  }

  /**
   * Runs `handler` under the decided fault: `reset` answers nothing (the handler does not run);
   * 429/503/504/410 answer the error (after running the handler with `commit`); otherwise the
   * request takes a mailbox slot (or gets the throttling 429), waits its latency (+ `slow` delay),
   * runs, and with `drop` its answer is lost after the change is stored.
   */
  async run(slot: HostileSlot, handler: () => GraphResult | Promise<GraphResult>): Promise<HostileResult> {
    const { key, decision } = slot;
    if (decision?.kind === 'reset') return { status: 0, connection: 'reset' };
    const failure = decision && ERROR_FAULTS.has(decision.kind) ? decision : undefined;
    if (failure && !failure.commit) throw this.error(failure, slot);
    const release = key && slot.mailbox ? this.admit(key) : () => {};
    try {
      const wait = (key ? this.faults.latencyMs() : 0) + (decision?.delayMs ?? 0);
      if (wait > 0) await sleep(wait, undefined, { ref: false });
      const result = await handler();
      if (failure) throw this.error(failure, slot);
      return decision?.kind === 'drop' ? { ...result, connection: 'drop' } : result;
    } finally {
      release();
    }
  }

  reset(): void {
    this.throttle.reset();
    this.faults.reset();
  }

  private admit(key: string): () => void {
    try {
      return this.throttle.admit(key);
    } catch (err) {
      this.metrics.countThrottled(key);
      throw err;
    }
  }

  private error(d: FaultDecision, { key, target }: HostileSlot): GraphError {
    const retryAfter: Record<string, string> =
      d.retryAfterSeconds === null ? {} : { 'Retry-After': String(d.retryAfterSeconds) };
    switch (d.kind) {
      case '429':
        if (key) this.metrics.countThrottled(key);
        // Outlook's limit when a mailbox is addressed, Graph's generic answer otherwise (FACTS §9).
        return target.user
          ? applicationThrottled('RequestRate', d.retryAfterSeconds)
          : new GraphError(429, 'TooManyRequests', 'Please retry again later.', retryAfter);
      case '503':
        return new GraphError(
          503,
          'ErrorServerBusy',
          'The server cannot service this request right now. Try again later.',
          retryAfter,
        );
      case '504':
        // Observed body of Graph's gateway timeouts (microsoft-graph-docs#2240, #5288).
        return new GraphError(504, 'UnknownError', '');
      default: {
        const gone = graphErrors.syncStateNotFound();
        return new GraphError(gone.status, gone.code, gone.message, { Location: target.deltaRestart ?? '' });
      }
    }
  }
}
