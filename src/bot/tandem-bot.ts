import { Application, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, TurnContext, type Storage } from 'botbuilder';
import type { Logger } from '../platform/logging/logger.js';
import type { SyncService } from '../sync/engine/sync-contract.js';
import type { Principal } from '../tenancy/principal.js';
import type { CardAction } from './actions/action.js';
import type { OnboardingCardAction, OnboardingPort } from './actions/onboarding-action.js';
import { CARD_ACTIONS, ONBOARDING_ACTIONS } from './actions/registry.js';
import { ActivityDedupe } from './activity-dedupe.js';
import { adaptiveCard, paragraph, type AdaptiveCard } from './cards/card.js';
import { runCommand } from './commands/registry.js';
import { sendCard } from './commands/reply.js';
import type { ConversationReferenceStore } from './conversation-references.js';
import { identityOf, type MemberResolver, type Resolution } from './member-resolver.js';
import type { OnboardingChats } from './onboarding-chats.js';

export interface TandemBotDeps {
  storage: Storage;
  resolver: MemberResolver;
  /** The sync engine's façade, for the sync commands and card actions. */
  sync: SyncService;
  references: ConversationReferenceStore;
  dedupe: ActivityDedupe;
  logger: Logger;
  /** Onboarding in Teams (join requests, invitations): its service and the bot's chat memory. */
  onboarding?: { service: OnboardingPort; chats: OnboardingChats };
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
    this.app.activity(ActivityTypes.InstallationUpdate, (turn) => this.onInstalled(turn));
    for (const action of deps.onboarding ? ONBOARDING_ACTIONS : []) {
      this.app.adaptiveCards.actionExecute(action.verb, (turn, _state, data) =>
        this.onOnboardingAction(turn, action, data),
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
      if (who.identity) await this.rememberIdentity(turn, who.identity);
      await (who.card ? sendCard(turn, who.card) : turn.sendActivity(who.text));
      return;
    }
    await this.remember(turn, who.principal);
    await runCommand({ turn, principal: who.principal, sync: this.deps.sync }, turn.activity.text ?? '');
  }

  private async onAction(
    turn: TurnContext,
    action: CardAction,
    data: Record<string, unknown>,
  ): Promise<AdaptiveCard> {
    const who: Resolution = await this.deps.resolver.resolve(turn.activity);
    if (!who.ok) return who.card ?? adaptiveCard([paragraph(who.text)]);
    return action.run({ turn, principal: who.principal, sync: this.deps.sync }, data ?? {});
  }

  /**
   * Tandem added to someone's personal scope (by them, or installed for an invitee through Graph):
   * their chat is remembered, and someone who is not a member yet gets their onboarding card
   * (the invitation to accept, their request, or Request to join).
   */
  private async onInstalled(turn: TurnContext): Promise<void> {
    if (turn.activity.action !== 'add' || !isPersonal(turn)) return;
    const who = await this.deps.resolver.resolve(turn.activity);
    if (who.ok) return this.remember(turn, who.principal);
    if (!who.identity) return;
    await this.rememberIdentity(turn, who.identity);
    if (who.card) await sendCard(turn, who.card);
  }

  /**
   * An onboarding verb, member or not: the pressing Teams identity, and its chat remembered so a
   * requester or invitee hears back there.
   */
  private async onOnboardingAction(
    turn: TurnContext,
    action: OnboardingCardAction,
    data: Record<string, unknown>,
  ): Promise<AdaptiveCard> {
    const identity = identityOf(turn.activity);
    const onboarding = this.deps.onboarding;
    if (!identity || !onboarding) {
      const who = await this.deps.resolver.resolve(turn.activity);
      return adaptiveCard([paragraph(who.ok ? 'That button is out of date.' : who.text)]);
    }
    await this.rememberIdentity(turn, identity);
    return action.run(
      {
        turn,
        identity,
        onboarding: onboarding.service,
        principal: () => this.deps.resolver.member(identity),
        approverTeamsIds: (requestId) => onboarding.chats.approverTeamsIds(requestId),
      },
      data ?? {},
    );
  }

  /** Keeps where a (not yet member) Teams user's chat is: outcomes and invitations reach them there. */
  private async rememberIdentity(turn: TurnContext, identity: { tenantId: string; objectId: string }) {
    if (!isPersonal(turn) || !this.deps.onboarding) return;
    await this.deps.onboarding.chats.saveIdentityChat(
      identity.tenantId,
      identity.objectId,
      TurnContext.getConversationReference(turn.activity),
    );
  }

  /** Keeps where the member's chat is, for proactive messages. */
  private async remember(turn: TurnContext, principal: Principal): Promise<void> {
    await this.deps.references.save(principal, TurnContext.getConversationReference(turn.activity));
  }
}

/** A 1:1 chat with the bot (the Agents Playground leaves `conversationType` out there). */
function isPersonal(turn: TurnContext): boolean {
  const conversation = turn.activity.conversation;
  return !conversation?.isGroup && (conversation?.conversationType ?? 'personal') === 'personal';
}
