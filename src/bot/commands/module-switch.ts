import { ForbiddenError } from '../../platform/errors/app-error.js';
import type { SyncModule } from '../../sync/module-settings.table.js';
import { MODULE_LABELS } from '../cards/module-labels.js';
import type { CommandContext } from './command.js';

/**
 * Switches a module for the member and says what happened. A refusal (missing permission) is told
 * in the service's user-safe words; any other error goes to onTurnError.
 */
export async function switchModule(ctx: CommandContext, module: SyncModule | undefined, enabled: boolean) {
  const verb = enabled ? 'turn on' : 'turn off';
  if (!module) {
    await ctx.turn.sendActivity(
      `Which module should I ${verb}? Say "${verb} meetings", "${verb} contacts" or "${verb} tasks".`,
    );
    return;
  }
  const label = MODULE_LABELS[module];
  try {
    await ctx.moduleSettings.setEnabled(ctx.principal, module, enabled);
  } catch (err) {
    if (err instanceof ForbiddenError && err.code === 'module_permission_missing') {
      await ctx.turn.sendActivity(`I can't turn on ${label.name.toLowerCase()} sync. ${err.userMessage}`);
      return;
    }
    throw err;
  }
  await ctx.turn.sendActivity(
    enabled
      ? `${label.name} sync is on. It will keep your CRM ${module} and the ${label.office} in step.`
      : `${label.name} sync is off. Your CRM ${module} stay as they are.`,
  );
}
