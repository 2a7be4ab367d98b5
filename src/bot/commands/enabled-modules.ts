import type { ModuleSyncView } from '../../sync/engine/sync-contract.js';
import { MODULE_LABELS } from '../cards/module-labels.js';

/** "Meetings and contacts", or undefined when none is given. */
export function moduleList(modules: Pick<ModuleSyncView, 'module'>[]): string | undefined {
  const names = modules.map((m) => MODULE_LABELS[m.module].name.toLowerCase());
  if (!names.length) return undefined;
  const text = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Meetings and contacts" (the enabled ones), or undefined when nothing is on. */
export function enabledList(modules: ModuleSyncView[]): string | undefined {
  return moduleList(modules.filter((m) => m.enabled));
}
