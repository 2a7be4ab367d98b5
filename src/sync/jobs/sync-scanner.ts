import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { RunReason } from '../engine/sync-contract.js';
import type { SyncStateRepository } from '../engine/sync-state.repo.js';
import type { JobSyncTrigger } from './sync-trigger.js';

/**
 * The periodic side of the sync, every few seconds in each process (idempotent, so several
 * processes may run it): the reaper frees leases whose run died and queues the target again; due
 * targets (backoff over, CRM changes in the outbox since the last run, backstop interval elapsed)
 * get a run. Runs coalesce per target in the job queue.
 */
export class SyncScanner {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      db: Database;
      states: SyncStateRepository;
      trigger: JobSyncTrigger;
      logger: Logger;
      scanSeconds: number;
      backstopSeconds: number;
    },
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.ticking ??= this.tick().finally(() => (this.ticking = undefined));
    }, this.deps.scanSeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** One pass: reap, then queue due targets. */
  async tick(): Promise<void> {
    try {
      const { db, states, trigger } = this.deps;
      const reaped = await db.system((tx) => states.reapExpiredLeases(tx));
      for (const t of reaped) await trigger.afterReap(t);
      const due = await db.system((tx) => states.dueTargets(tx, this.deps.backstopSeconds));
      for (const t of due) {
        await trigger.requestRun({ orgId: t.orgId, userId: t.userId, module: t.module }, t.why as RunReason);
      }
    } catch (err) {
      this.deps.logger.error({ err }, 'sync scan failed');
    }
  }
}
