import type { TurnContext } from 'botbuilder';
import type { SyncService } from '../../sync/engine/sync-contract.js';
import type { SyncModule } from '../../sync/module-settings.table.js';
import type { Principal } from '../../tenancy/principal.js';

/** What a chat command needs: the turn, who is speaking, and the services it calls. */
export interface CommandContext {
  turn: TurnContext;
  principal: Principal;
  /** The sync engine's façade: acts for `principal` only. */
  sync: SyncService;
}

/** A parsed request: which command, and the module it names (if any). */
export interface ParsedCommand {
  name: CommandName;
  module?: SyncModule;
}

export type CommandName = 'help' | 'status' | 'enable' | 'disable' | 'sync' | 'errors';

/** One chat command: its help line and what it does. */
export interface BotCommand {
  name: CommandName;
  example: string;
  description: string;
  run(ctx: CommandContext, parsed: ParsedCommand): Promise<void>;
}
