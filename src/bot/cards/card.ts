/** The Adaptive Card JSON Tandem sends: schema 1.5, plain data (no SDK types), checked by the parser in tests. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
}

export function adaptiveCard(
  body: Record<string, unknown>[],
  actions?: Record<string, unknown>[],
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions?.length ? { actions } : {}),
  };
}

export function heading(text: string): Record<string, unknown> {
  return { type: 'TextBlock', text, size: 'Medium', weight: 'Bolder', wrap: true };
}

export function paragraph(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** An `Action.Execute` (Universal Actions): Teams sends an `adaptiveCard/action` invoke with this verb. */
export function execute(title: string, verb: string, data: Record<string, unknown> = {}) {
  return { type: 'Action.Execute', title, verb, data };
}
