import { AppError } from '../../platform/errors/app-error.js';
import { MODULE_LABELS } from '../cards/module-labels.js';
import type { BotCommand } from './command.js';
import { moduleList } from './enabled-modules.js';

/**
 * Queues a run of the named module, or of every enabled one, and answers at once; the engine's
 * notifier reports each result here when the run is done.
 */
export const syncNowCommand: BotCommand = {
  name: 'sync',
  example: 'sync now',
  description: 'Sync your enabled modules now (or one: "sync contacts"); I tell you the result.',
  run: async ({ turn, principal, sync }, parsed) => {
    const modules = await sync.list(principal);
    const targets = modules.filter((m) => m.enabled && (!parsed.module || m.module === parsed.module));
    if (!targets.length) {
      const name = parsed.module ? MODULE_LABELS[parsed.module].name.toLowerCase() : undefined;
      await turn.sendActivity(
        name
          ? `${MODULE_LABELS[parsed.module!].name} sync is off. Say "turn on ${name}" first.`
          : 'Nothing to sync: every module is off. Say "turn on contacts" (or meetings, tasks) first.',
      );
      return;
    }
    const queued: typeof targets = [];
    const refused: string[] = [];
    for (const m of targets) {
      try {
        await sync.runNow(principal, m.module);
        queued.push(m);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refused.push(
          `I couldn't start ${MODULE_LABELS[m.module].name.toLowerCase()} sync. ${err.userMessage}`,
        );
      }
    }
    const lines = [
      ...(queued.length
        ? [`Syncing ${moduleList(queued)!.toLowerCase()} now. I'll tell you here when it is done.`]
        : []),
      ...refused,
    ];
    await turn.sendActivity(lines.join('\n\n'));
  },
};
