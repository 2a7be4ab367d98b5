import type { BotCommand } from './command.js';
import { switchModule } from './module-switch.js';

export const disableCommand: BotCommand = {
  name: 'disable',
  example: 'disable <module>',
  description: 'Turn off the sync of a module; your CRM records stay.',
  run: (ctx, parsed) => switchModule(ctx, parsed.module, false),
};
