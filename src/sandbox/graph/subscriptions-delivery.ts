import type { Logger } from '../../platform/logging/logger.js';
import type { DeliveryStats } from './subscriptions-registry.js';

/** How the sandbox's notification publisher behaves; scaled down in tests. */
export interface DeliveryTimings {
  /** Graph waits 10 s for the validation echo [FACTS §0.8]. */
  validationTimeoutMs: number;
  /** Graph's publishing client times out after 3 s [L: /graph/change-notifications-delivery-webhooks §Throttling]. */
  deliveryTimeoutMs: number;
  /** "If the publishing time is greater than 2900 ms, the response is considered slow" (same page). */
  slowThresholdMs: number;
  /** Changes arriving within this window go out in one POST (Graph batches notifications). */
  coalesceMs: number;
  /** Wait before each retry of a failed POST (Graph's schedule is not published). */
  retryDelaysMs: number[];
  /** Graph retries "for up to 4 hours", then discards the notification (same page). */
  retryWindowMs: number;
}

const MINUTE = 60_000;
export const DEFAULT_TIMINGS: DeliveryTimings = {
  validationTimeoutMs: 10_000,
  deliveryTimeoutMs: 3_000,
  slowThresholdMs: 2_900,
  coalesceMs: 200,
  retryDelaysMs: [10_000, 30_000, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE].concat(
    Array.from({ length: 7 }, () => 30 * MINUTE),
  ),
  retryWindowMs: 240 * MINUTE,
};

/** One entry of a `changeNotificationCollection` (change or lifecycle notification). */
export type Notification = { subscriptionId: string } & Record<string, unknown>;

interface Batch {
  url: string;
  value: Notification[];
  /** Lifecycle notifications outlive their subscription (subscriptionRemoved). */
  lifecycle: boolean;
  attempt: number;
  firstAttemptAt: number;
}

export interface DeliveryHooks {
  stats(subscriptionId: string): DeliveryStats | undefined;
  /** Whether change notifications of this subscription are still wanted (retries of removed ones stop). */
  alive(subscriptionId: string): boolean;
}

/**
 * Publishes notification collections to webhook endpoints: coalesces per URL, POSTs JSON, counts
 * the endpoint's answer as acknowledged only if it is 2xx within the delivery timeout, retries
 * with backoff inside the retry window, and records per-subscription statistics.
 */
export class NotificationDelivery {
  private readonly pending = new Map<string, { value: Notification[]; timer: NodeJS.Timeout }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Map<Promise<void>, AbortController>();
  private stopped = false;

  constructor(
    private readonly timings: DeliveryTimings,
    private readonly hooks: DeliveryHooks,
    private readonly logger: Logger,
  ) {}

  /** Queues a change notification; everything queued for the URL within the window goes in one POST. */
  enqueue(url: string, notification: Notification): void {
    if (this.stopped) return;
    const queued = this.pending.get(url);
    if (queued) {
      queued.value.push(notification);
      return;
    }
    const timer = setTimeout(() => {
      const batch = this.pending.get(url);
      this.pending.delete(url);
      if (batch)
        this.send({ url, value: batch.value, lifecycle: false, attempt: 1, firstAttemptAt: Date.now() });
    }, this.timings.coalesceMs);
    this.pending.set(url, { value: [notification], timer });
  }

  /** Sends lifecycle notifications at once (with the same retries). */
  sendLifecycle(url: string, value: Notification[]): void {
    if (this.stopped) return;
    this.send({ url, value, lifecycle: true, attempt: 1, firstAttemptAt: Date.now() });
  }

  /** Drops queued notifications, cancels retries and aborts POSTs in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight.values()) controller.abort();
    await Promise.all(this.inFlight.keys());
  }

  private send(batch: Batch): void {
    const value = batch.lifecycle
      ? batch.value
      : batch.value.filter((n) => this.hooks.alive(n.subscriptionId));
    if (this.stopped || value.length === 0) return;
    const controller = new AbortController();
    const attempt = this.attempt({ ...batch, value }, controller);
    this.inFlight.set(attempt, controller);
    void attempt.finally(() => this.inFlight.delete(attempt));
  }

  private async attempt(batch: Batch, controller: AbortController): Promise<void> {
    const started = Date.now();
    const timeout = setTimeout(() => controller.abort(), this.timings.deliveryTimeoutMs);
    let outcome: DeliveryStats['lastStatus'];
    try {
      const res = await fetch(batch.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ value: batch.value }),
        signal: controller.signal,
      });
      await res.arrayBuffer();
      outcome = res.status;
    } catch (err) {
      outcome = controller.signal.aborted ? 'timeout' : 'connection-error';
      this.logger.debug({ err, url: batch.url, attempt: batch.attempt }, 'notification POST failed');
    } finally {
      clearTimeout(timeout);
    }
    if (this.stopped) return;
    const ok = typeof outcome === 'number' && outcome >= 200 && outcome < 300;
    this.record(batch, outcome, ok, Date.now() - started);
    if (!ok) this.retryOrDrop(batch);
  }

  private record(batch: Batch, outcome: DeliveryStats['lastStatus'], ok: boolean, elapsed: number): void {
    const counts = new Map<string, number>();
    for (const n of batch.value) counts.set(n.subscriptionId, (counts.get(n.subscriptionId) ?? 0) + 1);
    for (const [id, count] of counts) {
      const stats = this.hooks.stats(id);
      if (!stats) continue;
      stats.lastStatus = outcome;
      stats.lastAttemptAt = new Date().toISOString();
      if (batch.attempt > 1) stats.retried++;
      if (elapsed > this.timings.slowThresholdMs) stats.slow++;
      if (ok) {
        stats.sent++;
        stats.notifications += count;
      } else stats.failed++;
    }
  }

  private retryOrDrop(batch: Batch): void {
    const delay = this.timings.retryDelaysMs[batch.attempt - 1];
    if (delay !== undefined && Date.now() + delay - batch.firstAttemptAt <= this.timings.retryWindowMs) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.send({ ...batch, attempt: batch.attempt + 1 });
      }, delay);
      this.timers.add(timer);
      return;
    }
    for (const n of batch.value) {
      const stats = this.hooks.stats(n.subscriptionId);
      if (stats) stats.dropped++;
    }
    this.logger.info({ url: batch.url, attempts: batch.attempt }, 'notifications dropped after retries');
  }
}
