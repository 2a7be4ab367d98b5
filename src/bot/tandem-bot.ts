import { Application, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, TurnContext, type Storage } from 'botbuilder';
import type { Logger } from '../platform/logging/logger.js';
import type { ModuleSettingsService } from '../sync/module-settings.service.js';
import type { Principal } from '../tenancy/principal.js';
import type { CardAction } from './actions/action.js';
import { CARD_ACTIONS } from './actions/registry.js';
import { ActivityDedupe } from './activity-dedupe.js';
import { adaptiveCard, paragraph, type AdaptiveCard } from './cards/card.js';
import { runCommand } from './commands/registry.js';
import { sendCard } from './commands/reply.js';
import type { ConversationReferenceStore } from './conversation-references.js';
import type { MemberResolver, Resolution } from './member-resolver.js';

export interface TandemBotDeps {
  storage: Storage;
  resolver: MemberResolver;
  moduleSettings: ModuleSettingsService;
  references: ConversationReferenceStore;
  dedupe: ActivityDedupe;
  logger: Logger;
}

/** The teams-ai application: chat commands, card actions, and who may use them. */
export class TandemBot {
  private readonly app: Application<TurnState>;

  constructor(private readonly deps: TandemBotDeps) {
    this.app = new Application<TurnState>({
      storage: deps.storage,
      startTypingTimer: false,
      removeRecipientMention: true,
    });
    this.app.activity(ActivityTypes.Message, (turn) => this.onMessage(turn));
    for (const action of CARD_ACTIONS) {
      this.app.adaptiveCards.actionExecute(action.verb, (turn, _state, data) =>
        this.onAction(turn, action, data),
      );
    }
  }

  /** One inbound activity; a re-delivered one (same conversation and id) does nothing. */
  async run(turn: TurnContext): Promise<void> {
    const key = turn.activity.type === ActivityTypes.Invoke ? undefined : ActivityDedupe.keyOf(turn.activity);
    if (key && !(await this.deps.dedupe.claim(key))) {
      this.deps.logger.info({ activityType: turn.activity.type }, 'duplicate activity ignored');
      return;
    }
    try {
      await this.app.run(turn);
    } catch (err) {
      if (key) await this.deps.dedupe.release(key);
      throw err;
    }
  }

  private async onMessage(turn: TurnContext): Promise<void> {
    const who = await this.deps.resolver.resolve(turn.activity);
    if (!who.ok) {
      await (who.card ? sendCard(turn, who.card) : turn.sendActivity(who.text));
      return;
    }
    await this.remember(turn, who.principal);
    await runCommand(
      { turn, principal: who.principal, moduleSettings: this.deps.moduleSettings },
      turn.activity.text ?? '',
    );
  }

  private async onAction(
    turn: TurnContext,
    action: CardAction,
    data: Record<string, unknown>,
  ): Promise<AdaptiveCard> {
    const who: Resolution = await this.deps.resolver.resolve(turn.activity);
    if (!who.ok) return who.card ?? adaptiveCard([paragraph(who.text)]);
    return action.run(
      { turn, principal: who.principal, moduleSettings: this.deps.moduleSettings },
      data ?? {},
    );
  }

  /** Keeps where the member's chat is, for proactive messages. */
  private async remember(turn: TurnContext, principal: Principal): Promise<void> {
    await this.deps.references.save(principal, TurnContext.getConversationReference(turn.activity));
  }
}
