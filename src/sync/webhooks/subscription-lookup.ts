import type { Database } from '../../platform/db/database.js';
import type { GraphSubscriptionRepository } from './graph-subscription.repo.js';
import type { GraphSubscriptionRow } from './graph-subscription.table.js';

/**
 * Finds the subscriptions notifications name (as the schema owner: no organisation is known yet),
 * remembering found rows for a short time so a burst or a replay flood of one subscription costs
 * one query per `ttlMs` instead of one per POST. Unknown ids are not remembered: a subscription
 * created a moment ago must be found at once.
 */
export class SubscriptionLookup {
  private readonly found = new Map<string, { rows: GraphSubscriptionRow[]; until: number }>();

  constructor(
    private readonly db: Database,
    private readonly repo: GraphSubscriptionRepository,
    private readonly ttlMs = 1_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async rows(subscriptionIds: string[]): Promise<GraphSubscriptionRow[]> {
    const now = this.now();
    const hits: GraphSubscriptionRow[] = [];
    const misses: string[] = [];
    for (const id of subscriptionIds) {
      const cached = this.found.get(id);
      if (cached && cached.until > now) hits.push(...cached.rows);
      else misses.push(id);
    }
    if (misses.length === 0) return hits;
    const loaded = await this.db.system((tx) => this.repo.findByGraphId(tx, misses));
    if (this.found.size + misses.length > this.maxEntries) this.found.clear();
    for (const id of misses) {
      const rows = loaded.filter((r) => r.subscriptionId === id || r.previousSubscriptionId === id);
      if (rows.length) this.found.set(id, { rows, until: now + this.ttlMs });
    }
    return [...hits, ...loaded];
  }

  /** Forgets everything (after this process changed a subscription). */
  clear(): void {
    this.found.clear();
  }
}
