import type { CardAction } from './action.js';
import { showStatusAction } from './show-status.action.js';
import { toggleModuleAction } from './toggle-module.action.js';

/** Every Action.Execute verb the bot answers: the one place a verb is added. */
export const CARD_ACTIONS: readonly CardAction[] = [toggleModuleAction, showStatusAction];
