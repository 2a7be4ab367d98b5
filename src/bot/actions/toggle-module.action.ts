import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { SYNC_MODULES } from '../../sync/module-settings.table.js';
import { MODULE_LABELS } from '../cards/module-labels.js';
import { TOGGLE_MODULE_VERB, statusCard, type StatusCardInput } from '../cards/status.card.js';
import type { CardAction } from './action.js';

/** The button carries the state to reach, so a repeated press (or a re-delivered invoke) changes nothing more. */
const toggleData = z.object({ module: z.enum(SYNC_MODULES), enabled: z.boolean() });

/** A module's switch on the status card: sets it, then answers with the refreshed card. */
export const toggleModuleAction: CardAction = {
  verb: TOGGLE_MODULE_VERB,
  run: async ({ principal, sync }, data) => {
    const parsed = toggleData.safeParse(data);
    let notice: StatusCardInput['notice'];
    if (!parsed.success) {
      notice = { text: 'That button is out of date. Here is your current status.', tone: 'attention' };
    } else {
      notice = await apply(
        () => sync.update(principal, parsed.data.module, { enabled: parsed.data.enabled }),
        parsed.data,
      );
    }
    return statusCard({ modules: await sync.list(principal), userId: principal.userId, notice });
  },
};

async function apply(
  set: () => Promise<unknown>,
  target: z.infer<typeof toggleData>,
): Promise<StatusCardInput['notice']> {
  const name = MODULE_LABELS[target.module].name;
  try {
    await set();
  } catch (err) {
    if (err instanceof AppError) return { text: err.userMessage, tone: 'attention' };
    throw err;
  }
  return {
    text: target.enabled
      ? `${name} sync is on. The first sync is under way: I'll tell you in this chat when it is done.`
      : `${name} sync is off.`,
    tone: 'good',
  };
}
