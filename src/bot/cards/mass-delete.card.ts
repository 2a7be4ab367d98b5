import type { SyncModule } from '../../sync/module-settings.table.js';
import { adaptiveCard, execute, heading, paragraph, type AdaptiveCard } from './card.js';
import { MODULE_LABELS } from './module-labels.js';

export const RESOLVE_PAUSE_VERB = 'resolvePause';

/**
 * "Apply deletions" / "Keep the items". The buttons name the member they were sent to: pressed by
 * anyone else, they change nothing.
 */
export function pauseActions(module: SyncModule, userId: string): Record<string, unknown>[] {
  return [
    execute('Apply deletions', RESOLVE_PAUSE_VERB, { module, userId, applyDeletions: true }),
    execute('Keep the items', RESOLVE_PAUSE_VERB, { module, userId, applyDeletions: false }),
  ];
}

/** A run would delete more items than the threshold: the module waits for the member's answer. */
export function massDeleteCard(input: {
  module: SyncModule;
  userId: string;
  count: number;
  threshold: number;
}): AdaptiveCard {
  const label = MODULE_LABELS[input.module];
  return adaptiveCard(
    [
      heading(`${label.name} sync is paused`),
      paragraph(
        `The last sync would delete ${input.count} items, more than the ${input.threshold} I delete without asking. Nothing has been deleted yet.`,
      ),
      paragraph(
        `"Apply deletions" deletes them as the sync found. "Keep the items" keeps them on both sides and puts them back in the ${label.office}.`,
      ),
    ],
    pauseActions(input.module, input.userId),
  );
}

/** What replaces the mass-deletion card once answered. */
export function pauseResolvedCard(module: SyncModule, applied: boolean): AdaptiveCard {
  const label = MODULE_LABELS[module];
  return adaptiveCard([
    heading(`${label.name} sync resumed`),
    paragraph(
      applied
        ? 'The deletions are being applied. I will tell you when the sync is done.'
        : `The items are kept and go back to the ${label.office}. I will tell you when the sync is done.`,
      { color: 'good' },
    ),
  ]);
}
