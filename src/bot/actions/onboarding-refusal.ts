import { AppError } from '../../platform/errors/app-error.js';
import { adaptiveCard, heading, paragraph, type AdaptiveCard } from '../cards/card.js';

/**
 * A refusal the user should read (a 4xx `AppError`: not allowed, expired, already used, too many
 * requests) as a card without buttons; anything else is rethrown for `onTurnError`.
 */
export function refusalCard(err: unknown, title: string): AdaptiveCard {
  if (!(err instanceof AppError) || err.httpStatus >= 500) throw err;
  return adaptiveCard([heading(title), paragraph(err.userMessage, { color: 'attention' })]);
}

/** A button from an older card whose data no longer parses. */
export function outOfDateCard(): AdaptiveCard {
  return adaptiveCard([paragraph('That button is out of date. Send me a message to get a current card.')]);
}
