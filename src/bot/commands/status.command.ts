import { statusCard } from '../cards/status.card.js';
import type { BotCommand } from './command.js';
import { sendCard } from './reply.js';

export const statusCommand: BotCommand = {
  name: 'status',
  example: 'status',
  description:
    'Your modules (meetings, contacts, tasks): whether each syncs, last sync, counts, pending and errors, with a switch for each.',
  run: async ({ turn, principal, sync }) => {
    await sendCard(turn, statusCard({ modules: await sync.list(principal), userId: principal.userId }));
  },
};
