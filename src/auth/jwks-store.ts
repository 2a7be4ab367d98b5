import {
  createLocalJWKSet,
  errors,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  type FlattenedJWSInput,
} from 'jose';
import { fetchJson, type FetchJsonOptions } from '../platform/http/fetch-json.js';

type KeyResolver = ReturnType<typeof createLocalJWKSet>;
type ResolvedKey = Awaited<ReturnType<KeyResolver>>;

export interface JwksStoreOptions extends FetchJsonOptions {
  /** Keys are refreshed after this long even when they still resolve (Entra rotates keys). */
  maxAgeMs?: number;
  /** An unknown `kid` triggers a refresh at most this often (no refetch storm from forged tokens). */
  cooldownMs?: number;
  now?: () => number;
}

/**
 * Signing keys from a JWKS URL, cached. Refreshes when stale, and on an unknown key id at most
 * once per cooldown; concurrent refreshes share one fetch. Keys are never pinned.
 */
export class JwksStore {
  private keys?: KeyResolver;
  private fetchedAt = 0;
  private inFlight?: Promise<KeyResolver>;
  /** How many times the key set was fetched (tests and metrics). */
  fetchCount = 0;

  constructor(
    private readonly url: string,
    private readonly options: JwksStoreOptions = {},
  ) {}

  /** A jose key resolver. */
  readonly resolve = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<ResolvedKey> => {
    const now = this.now();
    if (!this.keys || now - this.fetchedAt > (this.options.maxAgeMs ?? 24 * 3600_000)) await this.refresh();
    try {
      return await this.keys!(header, token);
    } catch (err) {
      const cooledDown = now - this.fetchedAt > (this.options.cooldownMs ?? 5 * 60_000);
      if (err instanceof errors.JWKSNoMatchingKey && cooledDown) {
        await this.refresh();
        return this.keys!(header, token);
      }
      throw err;
    }
  };

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async refresh(): Promise<KeyResolver> {
    this.inFlight ??= (async () => {
      try {
        const jwks = (await fetchJson(this.url, this.options)) as JSONWebKeySet;
        if (!jwks || !Array.isArray(jwks.keys)) throw new Error(`${this.url} is not a JWKS document`);
        this.fetchCount++;
        this.keys = createLocalJWKSet(jwks);
        this.fetchedAt = this.now();
        return this.keys;
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }
}
