import { Writable } from 'node:stream';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { eq } from 'drizzle-orm';
import { MsalNetworkClient } from '../../src/auth/msal-network-client.js';
import { TokenBroker } from '../../src/auth/token-broker.js';
import { TokenCacheKeyRing } from '../../src/auth/token-cache-keys.js';
import { TokenCacheStore } from '../../src/auth/token-cache.store.js';
import { tokenCache } from '../../src/auth/token-cache.table.js';
import type { Database } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { TEST_CLIENT_ID } from './test-identity.js';
import type { TestSandbox } from './test-sandbox.js';

/** A canned token-endpoint answer standing in for Entra (msal parses it as it would Entra's). */
export type TokenEndpointOverride = (body: string) => NetworkResponse<unknown> | undefined;

/**
 * msal's network module over the sandbox's CA that counts token requests and lets a test answer
 * some of them itself (5xx, interaction_required), so msal-node stays unmodified.
 */
export class CountingNetworkClient implements INetworkModule {
  tokenRequests = 0;
  override: TokenEndpointOverride | undefined;
  private readonly inner: MsalNetworkClient;

  constructor(caPem: string) {
    this.inner = new MsalNetworkClient(caPem);
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.inner.sendGetRequestAsync<T>(url, options);
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    if (url.includes('/oauth2/v2.0/token')) {
      this.tokenRequests++;
      const canned = this.override?.(options?.body ?? '');
      if (canned) return canned as NetworkResponse<T>;
    }
    return this.inner.sendPostRequestAsync<T>(url, options);
  }
}

/** Log lines written by the broker and the store, for "never logs a token" checks. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
  get text(): string {
    return this.lines.join('');
  }
}

export interface BrokerFixture {
  broker: TokenBroker;
  network: CountingNetworkClient;
  logs: LogCapture;
  sleeps: number[];
}

/** A broker against the test sandbox, as production builds it, with fast injectable waits. */
export function brokerFor(
  sbx: TestSandbox,
  db: Database,
  keys: string,
  hooks: { onSleep?: (ms: number, n: number) => void } = {},
): BrokerFixture {
  const network = new CountingNetworkClient(sbx.sandbox.caPem);
  const logs = new LogCapture();
  const logger = createLogger({ level: 'info', destination: logs });
  const sleeps: number[] = [];
  const broker = new TokenBroker({
    clientId: TEST_CLIENT_ID,
    clientSecret: sbx.sandbox.tandemClientSecret,
    authorityHost: sbx.url,
    knownAuthorities: [new URL(sbx.url).host],
    networkClient: network,
    store: new TokenCacheStore(db, TokenCacheKeyRing.parse(keys), logger),
    logger,
    retry: {
      consentDelaysMs: [10, 20, 40],
      transientDelaysMs: [5, 15],
      sleep: async (ms) => {
        sleeps.push(ms);
        hooks.onSleep?.(ms, sleeps.length);
      },
    },
  });
  return { broker, network, logs, sleeps };
}

export interface CacheRow {
  partitionKey: string;
  blob: Buffer;
  keyId: string;
}

export const cacheRows = {
  all: (db: Database): Promise<CacheRow[]> =>
    db.system((tx) =>
      tx
        .select({ partitionKey: tokenCache.partitionKey, blob: tokenCache.blob, keyId: tokenCache.keyId })
        .from(tokenCache),
    ),
  one: async (db: Database, partitionKey: string): Promise<CacheRow | undefined> =>
    (await cacheRows.all(db)).find((r) => r.partitionKey === partitionKey),
  put: (db: Database, row: CacheRow): Promise<unknown> =>
    db.system((tx) =>
      tx
        .insert(tokenCache)
        .values(row)
        .onConflictDoUpdate({ target: tokenCache.partitionKey, set: { blob: row.blob, keyId: row.keyId } }),
    ),
  clear: (db: Database): Promise<unknown> => db.system((tx) => tx.delete(tokenCache)),
  remove: (db: Database, partitionKey: string): Promise<unknown> =>
    db.system((tx) => tx.delete(tokenCache).where(eq(tokenCache.partitionKey, partitionKey))),
};
