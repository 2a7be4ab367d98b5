import type { TurnContext } from 'botbuilder';
import type { ModuleSettingsService } from '../../sync/module-settings.service.js';
import type { Principal } from '../../tenancy/principal.js';
import type { AdaptiveCard } from '../cards/card.js';

export interface ActionContext {
  turn: TurnContext;
  principal: Principal;
  moduleSettings: ModuleSettingsService;
}

/** One Adaptive Card `Action.Execute` verb: its answer is the card that replaces the pressed one. */
export interface CardAction {
  verb: string;
  run(ctx: ActionContext, data: Record<string, unknown>): Promise<AdaptiveCard>;
}
