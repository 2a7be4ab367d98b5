import { adaptiveCard, execute, heading, paragraph, type AdaptiveCard } from './card.js';
import { SHOW_STATUS_VERB } from './status.card.js';

export interface HelpLine {
  example: string;
  description: string;
}

/** What the bot understands, with a button to the status card. */
export function helpCard(lines: HelpLine[], intro?: string): AdaptiveCard {
  return adaptiveCard(
    [
      heading('What I can do'),
      ...(intro ? [paragraph(intro)] : []),
      { type: 'FactSet', facts: lines.map((l) => ({ title: l.example, value: l.description })) },
      paragraph(
        'Modules: meetings (calendar), contacts, tasks (To Do). I also understand French, Spanish and German.',
        {
          isSubtle: true,
          size: 'Small',
        },
      ),
    ],
    [execute('Show my sync status', SHOW_STATUS_VERB)],
  );
}
