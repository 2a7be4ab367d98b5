import type { ModuleStatus } from '../../sync/module-settings.service.js';
import { adaptiveCard, execute, heading, paragraph, type AdaptiveCard } from './card.js';
import { MODULE_LABELS } from './module-labels.js';

export const TOGGLE_MODULE_VERB = 'toggleModule';
export const SHOW_STATUS_VERB = 'showStatus';

export interface StatusCardInput {
  modules: ModuleStatus[];
  /** A line shown above the modules (e.g. the outcome of the last press). */
  notice?: { text: string; tone: 'good' | 'attention' };
}

/** The member's sync modules, each with a button that switches it and refreshes this card in place. */
export function statusCard(input: StatusCardInput): AdaptiveCard {
  const body: Record<string, unknown>[] = [heading('Your Office 365 sync')];
  if (input.notice) body.push(paragraph(input.notice.text, { color: input.notice.tone }));
  for (const m of input.modules) body.push(moduleRow(m));
  body.push(
    paragraph('No sync has run yet: results and errors will show here once it does.', {
      isSubtle: true,
      size: 'Small',
    }),
  );
  return adaptiveCard(body, [execute('Refresh', SHOW_STATUS_VERB)]);
}

function moduleRow(m: ModuleStatus): Record<string, unknown> {
  const label = MODULE_LABELS[m.module];
  const state = m.enabled ? `On: syncs with the ${label.office}` : 'Off';
  return {
    type: 'ColumnSet',
    separator: true,
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        items: [
          { type: 'TextBlock', text: label.name, weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: state, wrap: true, spacing: 'None', isSubtle: !m.enabled },
        ],
      },
      {
        type: 'Column',
        width: 'auto',
        verticalContentAlignment: 'Center',
        items: [
          {
            type: 'ActionSet',
            actions: [
              execute(m.enabled ? 'Turn off' : 'Turn on', TOGGLE_MODULE_VERB, {
                module: m.module,
                enabled: !m.enabled,
              }),
            ],
          },
        ],
      },
    ],
  };
}
