import type { TurnContext } from 'botbuilder';
import type { SyncService } from '../../sync/engine/sync-contract.js';
import type { Principal } from '../../tenancy/principal.js';
import type { AdaptiveCard } from '../cards/card.js';

export interface ActionContext {
  turn: TurnContext;
  principal: Principal;
  /** The sync engine's façade: acts for `principal` (the member who pressed) only. */
  sync: SyncService;
}

/** One Adaptive Card `Action.Execute` verb: its answer is the card that replaces the pressed one. */
export interface CardAction {
  verb: string;
  run(ctx: ActionContext, data: Record<string, unknown>): Promise<AdaptiveCard>;
}
