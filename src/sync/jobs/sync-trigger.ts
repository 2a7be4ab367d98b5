import type { JobQueue } from '../../platform/jobs/job-queue.js';
import type { RunReason, SyncTarget, SyncTrigger } from '../engine/sync-contract.js';

export const SYNC_RUN_QUEUE = 'sync-run';

/** The job: ids and why, nothing else. */
export interface SyncRunJob extends SyncTarget {
  reason: RunReason;
}

/** Change notifications within this window coalesce into one run. */
export const NOTIFICATION_WINDOW_SECONDS = 5;

const keyOf = (t: SyncTarget) => `${t.orgId}:${t.userId}:${t.module}`;

/**
 * Queues sync runs on the job queue, coalesced per target: one immediate run queued at a time
 * ("now" lane), one for notifications after a 5 s window ("soon"), one delayed retry ("later").
 */
export class JobSyncTrigger implements SyncTrigger {
  constructor(private readonly jobs: JobQueue) {}

  async requestRun(target: SyncTarget, reason: RunReason): Promise<void> {
    const job: SyncRunJob = { orgId: target.orgId, userId: target.userId, module: target.module, reason };
    if (reason === 'notification') {
      await this.jobs.send(SYNC_RUN_QUEUE, job, {
        singletonKey: `${keyOf(target)}:soon`,
        startAfterSeconds: NOTIFICATION_WINDOW_SECONDS,
      });
      return;
    }
    await this.jobs.send(SYNC_RUN_QUEUE, job, { singletonKey: `${keyOf(target)}:now` });
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
