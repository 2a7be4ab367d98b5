import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { GraphSubscriptionRepository } from './graph-subscription.repo.js';
import type { SubscriptionManager } from './subscription.manager.js';
import type { SubscriptionPolicy } from './subscription.policy.js';

export interface MaintenanceDeps {
  db: Database;
  repo: GraphSubscriptionRepository;
  manager: SubscriptionManager;
  policy: SubscriptionPolicy;
  logger: Logger;
  /** How often due subscriptions are looked for (lifecycle events also wake the worker at once). */
  intervalMs: number;
  now?: () => Date;
}

const BATCH = 20;

/**
 * The background side of subscriptions: on a timer (and when a lifecycle event wakes it) it claims
 * subscriptions whose `renew_at` has passed and lets the manager renew, reauthorize, recreate or
 * rotate them. State lives in the database, so a restart resumes where it stopped; claims are
 * leases, so several instances never work on the same subscription at once.
 */
export class SubscriptionMaintenance {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly deps: MaintenanceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.wake(), this.deps.intervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Runs a pass soon; a pass already running is followed by one more. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** One pass over everything due now; resolves when done (tests, and `wake` uses it). */
  async runOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const claimed = await this.deps.db.system((tx) =>
        this.deps.repo.claimDue(tx, this.now(), this.deps.policy.leaseMs, BATCH),
      );
      for (const row of claimed) await this.deps.manager.maintain(row);
      handled += claimed.length;
      if (claimed.length < BATCH || this.stopped) return handled;
    }
  }

  /** Stops the timer and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.runOnce();
      } catch (err) {
        this.deps.logger.error({ err }, 'Graph subscription maintenance pass failed');
      }
    } while (this.again && !this.stopped);
  }
}
