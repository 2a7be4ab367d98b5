import type { DirectionCounts, ModuleSyncView } from '../../sync/engine/sync-contract.js';
import { cardTime } from './card-time.js';

/** "3 created, 1 updated", or "nothing" when every count is zero. */
export function countsText(c: DirectionCounts): string {
  const parts = [
    c.created ? `${c.created} created` : '',
    c.updated ? `${c.updated} updated` : '',
    c.deleted ? `${c.deleted} deleted` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing';
}

/** The module's state in a few words. */
export function stateText(m: ModuleSyncView): string {
  switch (m.state) {
    case 'disabled':
      return 'Off';
    case 'idle':
      return 'On, up to date';
    case 'queued':
      return 'On, a sync is about to start';
    case 'running':
      return 'On, syncing now';
    case 'backoff':
      return m.nextRunAt
        ? `On, retrying after an error (next try ${cardTime(m.nextRunAt)})`
        : 'On, retrying after an error';
    case 'paused':
      return m.paused?.code === 'mass_delete' && 'count' in m.paused
        ? `Paused: the last sync would delete ${m.paused.count} items. Tell me what to do.`
        : 'Paused: waiting for you';
    case 'needs_consent':
      return 'Needs you to sign in again';
    case 'failed':
      return m.paused && 'message' in m.paused ? `Stopped: ${m.paused.message}` : 'Stopped after an error';
  }
}
