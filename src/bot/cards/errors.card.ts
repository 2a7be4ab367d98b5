import type { ModuleSyncView } from '../../sync/engine/sync-contract.js';
import { adaptiveCard, execute, heading, paragraph, type AdaptiveCard } from './card.js';
import { MODULE_LABELS } from './module-labels.js';
import { SHOW_STATUS_VERB } from './status.card.js';
import { cardTime } from './card-time.js';
import { stateText } from './sync-format.js';

const SHOWN = 10;

/**
 * Each module's recorded errors (most recent first) with their reason, and why a module is stopped
 * or waiting; undefined when there is nothing to report.
 */
export function errorsCard(modules: ModuleSyncView[]): AdaptiveCard | undefined {
  const body: Record<string, unknown>[] = [];
  for (const m of modules) {
    const blocked = ['paused', 'needs_consent', 'failed', 'backoff'].includes(m.state);
    if (!m.errors.length && !blocked) continue;
    body.push({
      type: 'TextBlock',
      text: MODULE_LABELS[m.module].name,
      weight: 'Bolder',
      wrap: true,
      separator: true,
    });
    if (blocked) body.push(paragraph(stateText(m), { color: 'attention', spacing: 'None' }));
    if (m.errors.length) {
      body.push({
        type: 'FactSet',
        facts: m.errors.slice(0, SHOWN).map((e) => ({
          title: cardTime(e.at),
          value: e.message,
        })),
      });
    }
    if (m.errors.length > SHOWN) {
      body.push(paragraph(`And ${m.errors.length - SHOWN} more on the Sync tab.`, { isSubtle: true }));
    }
  }
  if (!body.length) return undefined;
  return adaptiveCard([heading('Sync errors'), ...body], [execute('Show my sync status', SHOW_STATUS_VERB)]);
}
