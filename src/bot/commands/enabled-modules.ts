import type { ModuleStatus } from '../../sync/module-settings.service.js';
import { MODULE_LABELS } from '../cards/module-labels.js';

/** "Meetings and contacts", or undefined when nothing is on. */
export function enabledList(modules: ModuleStatus[]): string | undefined {
  const names = modules.filter((m) => m.enabled).map((m) => MODULE_LABELS[m.module].name.toLowerCase());
  if (!names.length) return undefined;
  const text = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
