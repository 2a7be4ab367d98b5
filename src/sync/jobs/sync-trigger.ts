import type { JobQueue } from '../../platform/jobs/job-queue.js';
import type { RunReason, SyncTarget, SyncTrigger } from '../engine/sync-contract.js';

export const SYNC_RUN_QUEUE = 'sync-run';

/** The job: ids and why, nothing else. */
export interface SyncRunJob extends SyncTarget {
  reason: RunReason;
}

const keyOf = (t: SyncTarget) => `${t.orgId}:${t.userId}:${t.module}`;

/**
 * Queues sync runs on the job queue, coalesced per target: one immediate run queued at a time
 * ("now" lane: a request while one is queued joins it; a request while one runs queues the next,
 * so a change made during a run is never missed) and one delayed retry ("later").
 * Change notifications take the "now" lane: the webhook receiver already allows at most one run
 * per subscription per 5 s (leading edge plus one trailing run), and a second delay here would add
 * seconds to every Outlook → CRM change.
 */
export class JobSyncTrigger implements SyncTrigger {
  constructor(private readonly jobs: JobQueue) {}

  async requestRun(target: SyncTarget, reason: RunReason): Promise<void> {
    const job: SyncRunJob = { orgId: target.orgId, userId: target.userId, module: target.module, reason };
    await this.jobs.send(SYNC_RUN_QUEUE, job, { singletonKey: `${keyOf(target)}:now` });
  }

  /**
   * A run for a target whose lease the reaper freed: its own lane, because the dead worker's job can
   * stay active (blocking the "now" lane of the same key) until pg-boss expires it.
   */
  async afterReap(target: SyncTarget): Promise<void> {
    const job: SyncRunJob = {
      orgId: target.orgId,
      userId: target.userId,
      module: target.module,
      reason: 'retry',
    };
    await this.jobs.send(SYNC_RUN_QUEUE, job, { singletonKey: `${keyOf(target)}:reaped` });
  }

  /** A run after `seconds` (backoff, a busy target); immediate when 0. */
  async later(target: SyncTarget, seconds: number, reason: RunReason): Promise<void> {
    if (seconds <= 0) return this.requestRun(target, reason);
    const job: SyncRunJob = { orgId: target.orgId, userId: target.userId, module: target.module, reason };
    await this.jobs.send(SYNC_RUN_QUEUE, job, {
      singletonKey: `${keyOf(target)}:later`,
      startAfterSeconds: seconds,
    });
  }
}
