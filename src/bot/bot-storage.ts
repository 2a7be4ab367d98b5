import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { Database, Tx } from '../platform/db/database.js';
import { ConflictError } from '../platform/errors/app-error.js';
import { botState } from './bot.table.js';

/**
 * botbuilder `Storage` over `bot_state` (teams-ai turn state), with eTag optimistic concurrency:
 * a write carrying an eTag other than `*` succeeds only if the stored item still has that eTag.
 */
export class PostgresStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys.length) return {};
    const rows = await this.db.system((tx) => tx.select().from(botState).where(inArray(botState.key, keys)));
    return Object.fromEntries(
      rows.map((r) => [r.key, { ...(r.value as Record<string, unknown>), eTag: r.etag }]),
    );
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (!entries.length) return;
    await this.db.system(async (tx) => {
      for (const [key, item] of entries) await writeOne(tx, key, item as StoreItem);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.db.system((tx) => tx.delete(botState).where(inArray(botState.key, keys)));
  }
}

async function writeOne(tx: Tx, key: string, item: StoreItem): Promise<void> {
  const { eTag, ...value } = item;
  const etag = randomUUID();
  const updatedAt = new Date();
  if (!eTag || eTag === '*') {
    await tx
      .insert(botState)
      .values({ key, value, etag })
      .onConflictDoUpdate({ target: botState.key, set: { value, etag, updatedAt } });
    return;
  }
  const updated = await tx
    .update(botState)
    .set({ value, etag, updatedAt })
    .where(and(eq(botState.key, key), eq(botState.etag, String(eTag))))
    .returning({ key: botState.key });
  if (updated.length) return;
  const inserted = await tx
    .insert(botState)
    .values({ key, value, etag })
    .onConflictDoNothing()
    .returning({ key: botState.key });
  if (!inserted.length) {
    throw new ConflictError('bot_state_conflict', 'Someone else changed this at the same time. Try again.', {
      key,
    });
  }
}
