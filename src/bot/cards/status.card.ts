import type { ModuleSyncView } from '../../sync/engine/sync-contract.js';
import { adaptiveCard, execute, heading, paragraph, type AdaptiveCard } from './card.js';
import { MODULE_LABELS } from './module-labels.js';
import { pauseActions } from './mass-delete.card.js';
import { cardTime } from './card-time.js';
import { countsText, stateText } from './sync-format.js';

export const TOGGLE_MODULE_VERB = 'toggleModule';
export const SHOW_STATUS_VERB = 'showStatus';

export interface StatusCardInput {
  modules: ModuleSyncView[];
  /** The member the card is for (the pause buttons carry it). */
  userId: string;
  /** A line shown above the modules (e.g. the outcome of the last press). */
  notice?: { text: string; tone: 'good' | 'attention' };
}

/**
 * The member's sync modules: state, last sync, counts each way, pending and errors, each with a
 * switch that refreshes this card in place (and the pause answers when a module waits for them).
 */
export function statusCard(input: StatusCardInput): AdaptiveCard {
  const body: Record<string, unknown>[] = [heading('Your Office 365 sync')];
  if (input.notice) body.push(paragraph(input.notice.text, { color: input.notice.tone }));
  for (const m of input.modules) body.push(moduleRow(m, input.userId));
  return adaptiveCard(body, [execute('Refresh', SHOW_STATUS_VERB)]);
}

function facts(m: ModuleSyncView): { title: string; value: string }[] {
  if (!m.enabled) return [];
  return [
    { title: 'Last sync', value: m.lastSuccessAt ? cardTime(m.lastSuccessAt) : 'not yet' },
    { title: 'To the CRM', value: countsText(m.counts.toCrm) },
    { title: 'To Outlook', value: countsText(m.counts.toOffice) },
    { title: 'Pending', value: String(m.pending) },
    { title: 'Errors', value: m.errors.length ? `${m.errors.length} (say "errors")` : 'none' },
  ];
}

function moduleRow(m: ModuleSyncView, userId: string): Record<string, unknown> {
  const label = MODULE_LABELS[m.module];
  const state = m.enabled ? `${stateText(m)}. Syncs with the ${label.office}.` : stateText(m);
  const details = facts(m);
  const actions = [
    execute(m.enabled ? 'Turn off' : 'Turn on', TOGGLE_MODULE_VERB, {
      module: m.module,
      enabled: !m.enabled,
    }),
    ...(m.state === 'paused' && m.paused?.code === 'mass_delete' ? pauseActions(m.module, userId) : []),
  ];
  return {
    type: 'Container',
    separator: true,
    items: [
      { type: 'TextBlock', text: label.name, weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: state, wrap: true, spacing: 'None', isSubtle: !m.enabled },
      ...(details.length ? [{ type: 'FactSet', facts: details }] : []),
      { type: 'ActionSet', actions },
    ],
  };
}
