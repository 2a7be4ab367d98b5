import {
  ConfidentialClientApplication,
  type AuthenticationResult,
  type ICachePlugin,
  type INetworkModule,
} from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { AppError, UnauthorizedError } from '../platform/errors/app-error.js';
import type { Logger } from '../platform/logging/logger.js';
import { ConsentPrompts } from './token-broker.consent.js';
import { classifyTokenFailure, tokenFailureError } from './token-broker.errors.js';
import { partitionKeys, type TokenCacheStore } from './token-cache.store.js';

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
/** What a 503 tells the caller to wait, in seconds. */
const RETRY_AFTER_SECONDS = 5;

export interface TokenBrokerOptions {
  clientId: string;
  clientSecret: string;
  /** `https://login.microsoftonline.com`, or the sandbox's URL; tenants are `<host>/<tenantId>`. */
  authorityHost: string;
  /** Hosts msal trusts without instance discovery (the sandbox's host). */
  knownAuthorities?: string[];
  networkClient: INetworkModule;
  store: TokenCacheStore;
  logger: Logger;
  retry?: {
    /** Waits after `consent_required` right after a consent prompt (default 1 s, 2 s, 4 s). */
    consentDelaysMs?: number[];
    /** Waits after a transient failure (default 300 ms, 900 ms, with jitter). */
    transientDelaysMs?: number[];
    sleep?: (ms: number) => Promise<void>;
  };
}

/** Who the delegated token is for: from the validated SSO token, never from the request. */
export interface TokenSubject {
  tenantId: string;
  objectId: string;
}

export interface BrokeredToken {
  accessToken: string;
  expiresOn: Date | null;
  scopes: string[];
  fromCache: boolean;
}

export interface ForUserOptions {
  /** The tab has just shown a consent prompt: ride out Entra's propagation delay. */
  afterConsent?: boolean;
}

/**
 * Microsoft Graph tokens for Tandem, through msal-node with the encrypted persistent cache.
 * - App-only: one ConfidentialClientApplication per tenant authority (`<host>/<tid>`), cached,
 *   its cache partition `app|<tid>`.
 * - On-behalf-of: msal-node's OBO read path consults only the application's in-memory cache (the
 *   cache plugin runs on writes), and a write serializes that whole in-memory cache. Sharing one
 *   application between users would therefore mix users in one blob; so each OBO call gets a
 *   light application bound to the user's partition `obo|<tid>|<oid>`, built from the tenant's
 *   cached authority metadata (no discovery request), as msal-node advises for web APIs.
 */
export class TokenBroker {
  private readonly appClients = new Map<string, ConfidentialClientApplication>();
  private readonly metadata = new Map<string, Promise<string>>();
  private readonly consent = new ConsentPrompts();
  private readonly consentDelays: number[];
  private readonly transientDelays: number[];
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: TokenBrokerOptions) {
    this.consentDelays = options.retry?.consentDelaysMs ?? [1000, 2000, 4000];
    this.transientDelays = options.retry?.transientDelaysMs ?? [300, 900];
    this.sleep = options.retry?.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** A Graph token for the signed-in user, on behalf of their tab SSO token. */
  async forUser(
    subject: TokenSubject,
    ssoToken: string,
    scopes: string[],
    options: ForUserOptions = {},
  ): Promise<BrokeredToken> {
    assertSameUser(subject, ssoToken);
    const partition = partitionKeys.user(subject.tenantId, subject.objectId);
    const afterConsent = options.afterConsent || this.consent.wasPrompted(partition);
    const consentDelays = afterConsent ? this.consentDelays : [];
    const result = await this.withRetries(scopes, consentDelays, async () => {
      const client = await this.client(subject.tenantId, this.options.store.plugin(partition));
      await client.getTokenCache().getAllAccounts(); // loads the partition for msal's OBO cache lookup
      return client.acquireTokenOnBehalfOf({ oboAssertion: ssoToken, scopes: graphScopes(scopes) });
    }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'consent_required') this.consent.prompted(partition);
      throw err;
    });
    this.consent.resolved(partition);
    return brokered(result, scopes);
  }

  /** An app-only (client credentials) token in a tenant that consented to Tandem. */
  async forApp(tenantId: string, scopes: string[] = [GRAPH_DEFAULT_SCOPE]): Promise<BrokeredToken> {
    const result = await this.withRetries(scopes, [], async () => {
      const client = await this.appClient(tenantId);
      return client.acquireTokenByClientCredential({ scopes });
    });
    return brokered(result, scopes);
  }

  private async appClient(tenantId: string): Promise<ConfidentialClientApplication> {
    const key = tenantId.toLowerCase();
    let client = this.appClients.get(key);
    if (!client) {
      client = await this.client(key, this.options.store.plugin(partitionKeys.app(key)));
      this.appClients.set(key, client);
    }
    return client;
  }

  private async client(tenantId: string, cachePlugin: ICachePlugin) {
    const authority = this.authority(tenantId);
    return new ConfidentialClientApplication({
      auth: {
        clientId: this.options.clientId,
        clientSecret: this.options.clientSecret,
        authority,
        authorityMetadata: await this.authorityMetadata(authority),
        ...(this.options.knownAuthorities ? { knownAuthorities: this.options.knownAuthorities } : {}),
      },
      cache: { cachePlugin },
      system: { networkClient: this.options.networkClient },
    });
  }

  private authority(tenantId: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenantId)) {
      throw new UnauthorizedError('sso_token_invalid', 'The tenant of this sign-in is not valid.');
    }
    return `${this.options.authorityHost.replace(/\/+$/, '')}/${tenantId.toLowerCase()}`;
  }

  /** The tenant's OpenID configuration, fetched once per process (kept only when it succeeded). */
  private authorityMetadata(authority: string): Promise<string> {
    let pending = this.metadata.get(authority);
    if (!pending) {
      pending = this.fetchMetadata(authority);
      this.metadata.set(authority, pending);
      pending.catch(() => this.metadata.delete(authority));
    }
    return pending;
  }

  private async fetchMetadata(authority: string): Promise<string> {
    const url = `${authority}/v2.0/.well-known/openid-configuration`;
    const res = await this.options.networkClient.sendGetRequestAsync<Record<string, unknown>>(url);
    if (res.status !== 200 || typeof res.body !== 'object' || !res.body.token_endpoint) {
      throw new MetadataError(res.status);
    }
    return JSON.stringify(res.body);
  }

  /** Runs `acquire`, waiting out consent propagation and transient failures, then maps errors. */
  private async withRetries(
    scopes: string[],
    consentDelays: number[],
    acquire: () => Promise<AuthenticationResult | null>,
  ): Promise<AuthenticationResult> {
    let consentTry = 0;
    let transientTry = 0;
    for (;;) {
      try {
        const result = await acquire();
        if (!result) throw new MetadataError(0);
        return result;
      } catch (err) {
        const kind = err instanceof MetadataError ? err.kind : classifyTokenFailure(err);
        const wait =
          kind === 'consent_required'
            ? consentDelays[consentTry++]
            : kind === 'transient'
              ? jitter(this.transientDelays[transientTry++])
              : undefined;
        if (wait === undefined) {
          this.options.logger.warn({ kind, err: describe(err) }, 'Graph token request failed');
          throw tokenFailureError(kind, err, { scopes, retryAfterSeconds: RETRY_AFTER_SECONDS });
        }
        await this.sleep(wait);
      }
    }
  }
}

class MetadataError extends Error {
  readonly kind: 'transient' | 'misconfigured';
  constructor(status: number) {
    super(`authority metadata answered ${status}`);
    this.kind = status === 0 || status >= 500 || status === 429 ? 'transient' : 'misconfigured';
  }
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/**
 * Graph scopes fully qualified (`User.Read` → `https://graph.microsoft.com/User.Read`): Entra
 * echoes them that way and msal matches its cache on the echoed form.
 */
export function graphScopes(scopes: string[]): string[] {
  return scopes.map((s) => (s.includes('/') || OIDC_SCOPES.has(s) ? s : `https://graph.microsoft.com/${s}`));
}

function brokered(result: AuthenticationResult, requested: string[]): BrokeredToken {
  return {
    accessToken: result.accessToken,
    expiresOn: result.expiresOn,
    scopes: result.scopes.length ? result.scopes : requested,
    fromCache: result.fromCache,
  };
}

/** The SSO token must belong to the subject whose partition is used (defence in depth). */
function assertSameUser(subject: TokenSubject, ssoToken: string): void {
  let claims: { tid?: unknown; oid?: unknown };
  try {
    claims = decodeJwt(ssoToken);
  } catch (err) {
    throw new UnauthorizedError('sso_token_invalid', 'Your sign-in is not valid; sign in again.', err);
  }
  const same = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
  if (!same(claims.tid, subject.tenantId) || !same(claims.oid, subject.objectId)) {
    throw new UnauthorizedError('sso_token_invalid', 'Your sign-in does not match this session.');
  }
}

function jitter(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.round(ms * (0.75 + Math.random() * 0.5));
}

/** An error for the log: msal's code and class, never the request or a token. */
function describe(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const { errorCode, subError } = err as { errorCode?: string; subError?: string };
  return { type: err.name, errorCode, subError, message: err.message.slice(0, 300) };
}
