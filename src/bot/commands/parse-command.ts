import { SYNC_MODULES, type SyncModule } from '../../sync/module-settings.table.js';
import type { ParsedCommand } from './command.js';
import { COMMAND_PHRASES, MODULE_WORDS } from './keywords.js';

/** Lower case, accents and punctuation removed, "to do" folded into "todo", single spaces. */
export function normalise(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/<at>.*?<\/at>/g, ' ')
    .replace(/\bto[\s-]+do\b/g, 'todo')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

function has(normalised: string, phrase: string): boolean {
  return normalised.includes(` ${phrase} `);
}

function moduleOf(normalised: string): SyncModule | undefined {
  return SYNC_MODULES.find((m) => MODULE_WORDS[m].some((w) => has(normalised, w)));
}

/**
 * Reads a chat message as a command, or `undefined` when nothing matches (the registry then falls
 * back to help). A module named alone ("calendar") asks for the status.
 */
export function parseCommand(text: string): ParsedCommand | undefined {
  const normalised = normalise(text);
  const module = moduleOf(normalised);
  const match = COMMAND_PHRASES.find(([, phrases]) => phrases.some((p) => has(normalised, p)));
  if (match) return { name: match[0], ...(module ? { module } : {}) };
  return module ? { name: 'status', module } : undefined;
}
