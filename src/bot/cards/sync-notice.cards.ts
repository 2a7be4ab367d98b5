import type { DirectionCounts } from '../../sync/engine/sync-contract.js';
import type { SyncModule } from '../../sync/module-settings.table.js';
import { adaptiveCard, execute, heading, paragraph, type AdaptiveCard } from './card.js';
import { MODULE_LABELS } from './module-labels.js';
import { SHOW_STATUS_VERB } from './status.card.js';
import { countsText } from './sync-format.js';

/** A sync the member asked for ("sync now", enable) has finished: what went each way, and errors. */
export function runFinishedCard(input: {
  module: SyncModule;
  toCrm: DirectionCounts;
  toOffice: DirectionCounts;
  errors: number;
}): AdaptiveCard {
  const label = MODULE_LABELS[input.module];
  return adaptiveCard(
    [
      heading(`${label.name} sync is done`),
      {
        type: 'FactSet',
        facts: [
          { title: 'To the CRM', value: countsText(input.toCrm) },
          { title: 'To Outlook', value: countsText(input.toOffice) },
          { title: 'Errors', value: input.errors ? String(input.errors) : 'none' },
        ],
      },
      ...(input.errors
        ? [paragraph('Say "errors" to see what went wrong and why.', { color: 'attention' })]
        : []),
    ],
    [execute('Show my sync status', SHOW_STATUS_VERB)],
  );
}

/**
 * Token health: Tandem can no longer reach the member's mailbox (consent revoked, sign-in expired).
 * The button opens the Sync tab, whose "Grant access" signs the member in with Microsoft and asks
 * for the permission again; the sync resumes by itself once it is given.
 */
export function signInCard(input: { module: SyncModule; reason: string; syncTabUrl?: string }): AdaptiveCard {
  const label = MODULE_LABELS[input.module];
  return adaptiveCard(
    [
      heading(`${label.name} sync needs you to sign in`),
      paragraph(`${label.name} sync is waiting: ${input.reason}`),
      paragraph(
        'Signing in opens a Microsoft window where you confirm your work account and allow Tandem again. Your data stays as it is; the sync picks up where it stopped.',
      ),
      ...(input.syncTabUrl ? [] : [paragraph('Open the Sync tab of Tandem and choose "Grant access".')]),
    ],
    input.syncTabUrl ? [{ type: 'Action.OpenUrl', title: 'Sign in', url: input.syncTabUrl }] : [],
  );
}

/** The container was deleted in Outlook / To Do: the module is off now. */
export function containerDeletedText(module: SyncModule, containerName: string): string {
  const label = MODULE_LABELS[module];
  return `The "${containerName}" ${module === 'meetings' ? 'calendar' : module === 'tasks' ? 'list' : 'folder'} was deleted in Office 365, so I turned ${label.name.toLowerCase()} sync off. Your CRM ${module} are untouched. Say "turn on ${module}" to start again with a new one.`;
}
