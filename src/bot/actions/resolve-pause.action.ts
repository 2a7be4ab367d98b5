import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { SYNC_MODULES } from '../../sync/module-settings.table.js';
import { pauseResolvedCard, RESOLVE_PAUSE_VERB } from '../cards/mass-delete.card.js';
import { statusCard } from '../cards/status.card.js';
import type { CardAction } from './action.js';

const pauseData = z.object({
  module: z.enum(SYNC_MODULES),
  userId: z.string(),
  applyDeletions: z.boolean(),
});

/**
 * "Apply deletions" / "Keep the items" on a mass-deletion card. Only the member the card was sent
 * to may answer, for their own module: anyone else (or a malformed press) changes nothing and gets
 * their own status.
 */
export const resolvePauseAction: CardAction = {
  verb: RESOLVE_PAUSE_VERB,
  run: async ({ principal, sync }, data) => {
    const parsed = pauseData.safeParse(data);
    const refresh = async (text: string) =>
      statusCard({
        modules: await sync.list(principal),
        userId: principal.userId,
        notice: { text, tone: 'attention' },
      });
    if (!parsed.success) return refresh('That button is out of date. Here is your current status.');
    if (parsed.data.userId !== principal.userId) {
      return refresh('That question was for someone else: only they can answer it. Here is your own status.');
    }
    try {
      await sync.resolvePause(principal, parsed.data.module, parsed.data.applyDeletions);
    } catch (err) {
      if (err instanceof AppError) return refresh(err.userMessage);
      throw err;
    }
    return pauseResolvedCard(parsed.data.module, parsed.data.applyDeletions);
  },
};
