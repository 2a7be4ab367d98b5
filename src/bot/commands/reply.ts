import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/card.js';

/** Sends one Adaptive Card as a message. */
export async function sendCard(turn: TurnContext, card: AdaptiveCard, text?: string): Promise<void> {
  await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card), text));
}
