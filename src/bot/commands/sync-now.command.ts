import type { BotCommand } from './command.js';
import { enabledList } from './enabled-modules.js';

/** Honest until the sync engine lands: says what is switched on and that no run has happened. */
export const syncNowCommand: BotCommand = {
  name: 'sync',
  example: 'sync now',
  description: 'Ask for a sync of your enabled modules now.',
  run: async ({ turn, principal, moduleSettings }) => {
    const on = enabledList(await moduleSettings.statusOf(principal));
    await turn.sendActivity(
      on
        ? `${on} ${on.includes(' and ') ? 'are' : 'is'} switched on. No sync has run yet: the sync engine is not running in this deployment, so there is nothing to report. I'll tell you here when it can sync.`
        : 'Nothing to sync: every module is off. Say "turn on contacts" (or meetings, tasks) first.',
    );
  },
};
