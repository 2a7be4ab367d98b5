import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The package's lib/ is extensionless ESM that Node cannot load; the UMD bundle works without a DOM.
const AC = require('adaptivecards/dist/adaptivecards.js') as any;

/** Parses a card as Teams' renderer would and fails on any parse or validation event. */
export function assertValidCard(card: unknown): void {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) events.push(e.message);
  assert.deepEqual(events, [], `card has parse/validation events: ${events.join('; ')}`);
}

/** Every Action.Execute on a card (nested ActionSets included), with its verb, title and data. */
export function executeActions(card: any): { title: string; verb: string; data: any }[] {
  const found: { title: string; verb: string; data: any }[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Action.Execute') found.push({ title: node.title, verb: node.verb, data: node.data });
    Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}

/** All text of a card (TextBlocks and facts), for assertions on what the user reads. */
export function cardText(card: any): string {
  const parts: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'TextBlock') parts.push(node.text);
    if (typeof node.title === 'string' && typeof node.value === 'string')
      parts.push(`${node.title}: ${node.value}`);
    Object.values(node).forEach(walk);
  };
  walk(card);
  return parts.join('\n');
}
