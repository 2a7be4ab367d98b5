import { customType, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * msal-node's token cache, one encrypted blob per partition (AES-256-GCM; the partition key is the
 * additional authenticated data, so a blob copied to another partition does not decrypt).
 */
export const tokenCache = pgTable('token_cache', {
  partitionKey: text('partition_key').primaryKey(),
  /** iv (12 bytes) | auth tag (16 bytes) | ciphertext */
  blob: bytea('blob').notNull(),
  keyId: text('key_id').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
