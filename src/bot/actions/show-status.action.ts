import { SHOW_STATUS_VERB, statusCard } from '../cards/status.card.js';
import type { CardAction } from './action.js';

/** "Refresh" / "Show my sync status": the status card, current. */
export const showStatusAction: CardAction = {
  verb: SHOW_STATUS_VERB,
  run: async ({ principal, sync }) =>
    statusCard({ modules: await sync.list(principal), userId: principal.userId }),
};
