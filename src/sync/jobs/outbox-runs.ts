import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { OutboxListener } from '../engine/outbox-hook.js';
import type { SyncTarget, SyncTrigger } from '../engine/sync-contract.js';
import type { RunCoalescer } from '../webhooks/run-coalescer.js';

/**
 * How often a target's outbox may ask for a run: the first CRM change at once, later ones within
 * the window folded into one request at its end (a bulk import of thousands of records costs a
 * handful of requests, and the job queue coalesces those into the runs it needs).
 */
export const OUTBOX_RUN_WINDOW_MS = 250;

const keyOf = (t: SyncTarget) => `outbox:${t.orgId}:${t.userId}:${t.module}`;

/**
 * Starts a run for each target that got outbox rows, as soon as the CRM change that queued them has
 * committed (never before: the run must see the rows), coalesced per target. A crash between the
 * commit and the request is covered by the scanner, which finds the rows.
 */
export class OutboxRuns implements OutboxListener {
  private stopped = false;

  constructor(
    private readonly deps: { db: Database; trigger: SyncTrigger; coalescer: RunCoalescer; logger: Logger },
  ) {}

  /** Called inside the transaction that queued rows for `targets`. */
  queued(targets: SyncTarget[]): void {
    if (!targets.length) return;
    this.deps.db.afterCommit(() => this.request(targets));
  }

  /** Hands the trailing requests still waiting to the job queue (shutdown); later ones are left to the scanner. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.deps.coalescer.stop();
  }

  private async request(targets: SyncTarget[]): Promise<void> {
    const { trigger, coalescer, logger } = this.deps;
    if (this.stopped) return;
    for (const target of targets) {
      try {
        await coalescer.offer(keyOf(target), 'outbox', (reason) => trigger.requestRun(target, reason));
      } catch (err) {
        logger.warn({ err, target }, 'outbox run not requested; the scanner will start it');
      }
    }
  }
}
