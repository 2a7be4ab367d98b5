import type { BotCommand } from './command.js';
import { enabledList } from './enabled-modules.js';

/** Honest until the sync engine records errors: none can exist before a run. */
export const errorsCommand: BotCommand = {
  name: 'errors',
  example: 'errors',
  description: 'Sync errors of your modules, with their reason.',
  run: async ({ turn, principal, moduleSettings }) => {
    const on = enabledList(await moduleSettings.statusOf(principal));
    await turn.sendActivity(
      `No errors recorded. ${on ? `${on}: no sync has run yet.` : 'Every module is off.'}`,
    );
  },
};
