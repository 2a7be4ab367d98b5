import { AppError } from '../../platform/errors/app-error.js';
import type { ModuleSyncView } from '../../sync/engine/sync-contract.js';
import type { SyncModule } from '../../sync/module-settings.table.js';
import { MODULE_LABELS } from '../cards/module-labels.js';
import type { CommandContext } from './command.js';

/** How long the switch may take before the member is told it is under way (commands answer within a second). */
const ACK_AFTER_MS = 400;

/**
 * Switches a module for the member and says what happened. Enabling answers at once and the first
 * sync's result comes later (the engine's notifier). A refusal the service explains (missing
 * permission, consent…) is told in its user-safe words; any other error goes to onTurnError.
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
  const switching = ctx.sync.update(ctx.principal, module, { enabled });
  const early = await Promise.race([
    switching.then(
      () => false,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), ACK_AFTER_MS).unref()),
  ]);
  if (early) {
    await ctx.turn.sendActivity(
      `${enabled ? 'Turning on' : 'Turning off'} ${label.name.toLowerCase()} sync, one moment…`,
    );
  }
  let view: ModuleSyncView;
  try {
    view = await switching;
  } catch (err) {
    if (err instanceof AppError) {
      await ctx.turn.sendActivity(`I can't ${verb} ${label.name.toLowerCase()} sync. ${err.userMessage}`);
      return;
    }
    throw err;
  }
  await ctx.turn.sendActivity(enabled ? enabledText(view) : disabledText(module));
}

function enabledText(view: ModuleSyncView): string {
  const label = MODULE_LABELS[view.module];
  if (view.state === 'needs_consent') {
    return `${label.name} sync is on, but Tandem needs your permission to reach your ${label.office}. Open the Sync tab and choose "Grant access".`;
  }
  return `${label.name} sync is on. It keeps your CRM ${view.module} and the ${label.office} in step. The first sync is under way: I'll tell you here when it is done.`;
}

function disabledText(module: SyncModule): string {
  const label = MODULE_LABELS[module];
  return `${label.name} sync is off. The ${label.office} is removed from Office 365; your CRM ${module} stay as they are.`;
}
