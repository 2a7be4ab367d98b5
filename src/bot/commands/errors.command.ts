import { errorsCard } from '../cards/errors.card.js';
import type { BotCommand } from './command.js';
import { sendCard } from './reply.js';

/** The recorded sync errors of the member's modules (or of the one named), each with its reason. */
export const errorsCommand: BotCommand = {
  name: 'errors',
  example: 'errors',
  description: 'Sync errors of your modules, with their reason.',
  run: async ({ turn, principal, sync }, parsed) => {
    const modules = (await sync.list(principal)).filter((m) => !parsed.module || m.module === parsed.module);
    const card = errorsCard(modules);
    if (card) await sendCard(turn, card);
    else
      await turn.sendActivity(
        modules.some((m) => m.enabled)
          ? 'No sync errors: everything went through.'
          : 'No sync errors: no module is on.',
      );
  },
};
