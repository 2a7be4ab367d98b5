import { helpCard } from '../cards/help.card.js';
import type { BotCommand } from './command.js';
import { sendCard } from './reply.js';

/** The help lines, in registry order (filled by the registry so help never drifts from the commands). */
export function helpCommand(lines: () => { example: string; description: string }[]): BotCommand {
  return {
    name: 'help',
    example: 'help',
    description: 'This list.',
    run: async ({ turn }) => sendCard(turn, helpCard(lines())),
  };
}
