import type { TurnContext } from 'botbuilder';
import type { Logger } from '../platform/logging/logger.js';

export const FRIENDLY_ERROR =
  'Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.';

/** What the user sees when a turn fails: a plain apology, never the error. */
export async function sendFriendlyError(context: TurnContext, logger: Logger): Promise<void> {
  if (context.activity.type === 'invoke') return; // the invoke answers with a 500 status; a message would be out of place
  try {
    await context.sendActivity(FRIENDLY_ERROR);
  } catch (sendErr) {
    logger.error({ err: sendErr }, 'could not tell the user about a failed turn');
  }
}
