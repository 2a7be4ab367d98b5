import type { Logger } from '../../platform/logging/logger.js';
import type { SyncRunner } from '../engine/sync-runner.js';
import type { JobSyncTrigger, SyncRunJob } from './sync-trigger.js';

/** A busy target (another worker holds its lease) is asked again after this delay. */
export const BUSY_RETRY_SECONDS = 3;

/** The run job: reads everything from the database by id, runs under the lease. */
export function syncRunHandler(runner: SyncRunner, trigger: JobSyncTrigger, logger: Logger) {
  return async (job: SyncRunJob): Promise<void> => {
    const target = { orgId: job.orgId, userId: job.userId, module: job.module };
    const result = await runner.run(target, job.reason);
    if (result === 'busy') await trigger.later(target, BUSY_RETRY_SECONDS, job.reason);
    logger.debug({ target, reason: job.reason, result }, 'sync run job');
  };
}
