import { helpCard, type HelpLine } from '../cards/help.card.js';
import type { BotCommand, CommandContext, CommandName } from './command.js';
import { disableCommand } from './disable.command.js';
import { enableCommand } from './enable.command.js';
import { errorsCommand } from './errors.command.js';
import { helpCommand } from './help.command.js';
import { parseCommand } from './parse-command.js';
import { sendCard } from './reply.js';
import { statusCommand } from './status.command.js';
import { syncNowCommand } from './sync-now.command.js';

const helpLines = (): HelpLine[] => ALL.map((c) => ({ example: c.example, description: c.description }));

/** Every chat command, in help order: the one place a command is added. */
const ALL: BotCommand[] = [
  statusCommand,
  enableCommand,
  disableCommand,
  syncNowCommand,
  errorsCommand,
  helpCommand(helpLines),
];

export const COMMANDS: ReadonlyMap<CommandName, BotCommand> = new Map(ALL.map((c) => [c.name, c]));

/** Runs the command a message asks for; anything else gets the help card (the fallback). */
export async function runCommand(ctx: CommandContext, text: string): Promise<void> {
  const parsed = parseCommand(text);
  const command = parsed && COMMANDS.get(parsed.name);
  if (!parsed || !command) {
    await sendCard(ctx.turn, helpCard(helpLines(), "I didn't understand that. Here is what I can do."));
    return;
  }
  await command.run(ctx, parsed);
}
