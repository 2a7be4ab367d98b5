import { z } from 'zod';
import { ForbiddenError } from '../../platform/errors/app-error.js';
import { SYNC_MODULES } from '../../sync/module-settings.table.js';
import { MODULE_LABELS } from '../cards/module-labels.js';
import { TOGGLE_MODULE_VERB, statusCard, type StatusCardInput } from '../cards/status.card.js';
import type { CardAction } from './action.js';

/** The button carries the state to reach, so a repeated press (or a re-delivered invoke) changes nothing more. */
const toggleData = z.object({ module: z.enum(SYNC_MODULES), enabled: z.boolean() });

/** A module's switch on the status card: sets it, then answers with the refreshed card. */
export const toggleModuleAction: CardAction = {
  verb: TOGGLE_MODULE_VERB,
  run: async ({ principal, moduleSettings }, data) => {
    const parsed = toggleData.safeParse(data);
    let notice: StatusCardInput['notice'];
    if (!parsed.success) {
      notice = { text: 'That button is out of date. Here is your current status.', tone: 'attention' };
    } else {
      notice = await apply(
        () => moduleSettings.setEnabled(principal, parsed.data.module, parsed.data.enabled),
        parsed.data,
      );
    }
    return statusCard({ modules: await moduleSettings.statusOf(principal), notice });
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
    if (err instanceof ForbiddenError && err.code === 'module_permission_missing') {
      return { text: err.userMessage, tone: 'attention' };
    }
    throw err;
  }
  return { text: `${name} sync is ${target.enabled ? 'on' : 'off'}.`, tone: 'good' };
}
