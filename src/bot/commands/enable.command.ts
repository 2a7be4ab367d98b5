import type { BotCommand } from './command.js';
import { switchModule } from './module-switch.js';

export const enableCommand: BotCommand = {
  name: 'enable',
  example: 'enable <module>',
  description: 'Turn on the sync of meetings, contacts or tasks ("turn on contacts").',
  run: (ctx, parsed) => switchModule(ctx, parsed.module, true),
};
