import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../platform/db/database.js';
import type { Logger } from '../platform/logging/logger.js';
import { TokenCacheDecryptError, type TokenCacheKeyRing } from './token-cache-keys.js';
import { tokenCache } from './token-cache.table.js';

/**
 * msal-node's serialized cache, persisted one encrypted blob per partition in `token_cache`.
 * Partitions: `obo|<tid>|<oid>` (a user's delegated tokens), `app|<tid>` (app-only tokens).
 * Nothing here logs a token, a blob or a plaintext cache.
 */
export class TokenCacheStore {
  constructor(
    private readonly db: Database,
    private readonly keys: TokenCacheKeyRing,
    private readonly logger: Logger,
  ) {}

  /** The partition's serialized cache; undefined when absent or when it does not decrypt. */
  async load(partitionKey: string): Promise<LoadedCache | undefined> {
    const rows = await this.db.system((tx) =>
      tx
        .select({ blob: tokenCache.blob, keyId: tokenCache.keyId })
        .from(tokenCache)
        .where(eq(tokenCache.partitionKey, partitionKey)),
    );
    const row = rows[0];
    if (!row) return undefined;
    try {
      const serialized = this.keys.open({ blob: Buffer.from(row.blob), keyId: row.keyId }, partitionKey);
      return { serialized, staleKey: row.keyId !== this.keys.currentKeyId };
    } catch (err) {
      if (!(err instanceof TokenCacheDecryptError)) throw err;
      // The user signs in again (a fresh OBO); the next write replaces the blob.
      this.logger.warn(
        { partition: partitionLabel(partitionKey), keyId: row.keyId, reason: err.reason },
        'token cache blob rejected; treating the partition as empty',
      );
      return undefined;
    }
  }

  /** Seals the serialized cache under the current key (rewrites blobs of rotated-out keys). */
  async save(partitionKey: string, serialized: string): Promise<void> {
    const sealed = this.keys.seal(serialized, partitionKey);
    await this.db.system((tx) =>
      tx
        .insert(tokenCache)
        .values({ partitionKey, blob: sealed.blob, keyId: sealed.keyId })
        .onConflictDoUpdate({
          target: tokenCache.partitionKey,
          set: { blob: sealed.blob, keyId: sealed.keyId, updatedAt: sql`now()` },
        }),
    );
  }

  /** msal-node's cache plugin bound to one partition. */
  plugin(partitionKey: string): ICachePlugin {
    return new PartitionCachePlugin(this, partitionKey);
  }
}

export interface LoadedCache {
  serialized: string;
  /** Sealed under a rotated-out key: rewrite it under the current one. */
  staleKey: boolean;
}

/**
 * Loads the partition before msal reads or writes; persists it after msal wrote to it (msal's
 * `cacheHasChanged` is true for the write access only), or after reading a blob sealed under a
 * rotated-out key, so rotation re-seals blobs as they are used.
 */
class PartitionCachePlugin implements ICachePlugin {
  private readonly staleKey = new WeakSet<TokenCacheContext>();

  constructor(
    private readonly store: TokenCacheStore,
    private readonly partitionKey: string,
  ) {}

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    const loaded = await this.store.load(this.partitionKey);
    if (!loaded) return;
    context.tokenCache.deserialize(loaded.serialized);
    if (loaded.staleKey) this.staleKey.add(context);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    const stale = this.staleKey.delete(context);
    if (context.cacheHasChanged || stale) {
      await this.store.save(this.partitionKey, context.tokenCache.serialize());
    }
  }
}

export const partitionKeys = {
  user: (tenantId: string, objectId: string) => `obo|${tenantId.toLowerCase()}|${objectId.toLowerCase()}`,
  app: (tenantId: string) => `app|${tenantId.toLowerCase()}`,
};

/** A partition for logs: its kind and tenant, not the user's object id. */
function partitionLabel(partitionKey: string): string {
  return partitionKey.split('|').slice(0, 2).join('|');
}
