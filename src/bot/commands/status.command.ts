import { statusCard } from '../cards/status.card.js';
import type { BotCommand } from './command.js';
import { sendCard } from './reply.js';

export const statusCommand: BotCommand = {
  name: 'status',
  example: 'status',
  description: 'Your modules (meetings, contacts, tasks), whether each syncs, with a switch for each.',
  run: async ({ turn, principal, moduleSettings }) => {
    await sendCard(turn, statusCard({ modules: await moduleSettings.statusOf(principal) }));
  },
};
