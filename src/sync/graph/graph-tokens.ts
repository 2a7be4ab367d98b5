import type { TokenBroker } from '../../auth/token-broker.js';
import { errorFromTokenFailure } from './graph-errors.js';
import type { GraphAuth } from './graph-port.js';

/** Where the Graph client gets a bearer token for a call. */
export interface GraphTokenSource {
  /**
   * An access token for `auth`. `afterUnauthorized` is set when Graph has just answered 401 to the
   * previous token: do not hand the same one back from a cache of your own. Failures are thrown as
   * classified `GraphCallError`s (CONSENT_REQUIRED…).
   */
  token(auth: GraphAuth, afterUnauthorized: boolean): Promise<string>;
}

/** App tokens are reused until this long before they expire. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * Tokens from the process's broker: app-only for background sync, on-behalf-of for tab actions.
 * The broker's msal cache is persisted (a database read per lookup), so app-only tokens are also
 * kept here in memory until five minutes before they expire, and dropped after a 401. Delegated
 * tokens always go through the broker, which checks the SSO token belongs to the subject. The
 * broker has no cache bypass: after a 401 it hands out a new token only when msal's has lapsed.
 */
export class BrokerTokenSource implements GraphTokenSource {
  private readonly appTokens = new Map<string, { accessToken: string; reuseUntil: number }>();

  constructor(
    private readonly broker: Pick<TokenBroker, 'forApp' | 'forUser'>,
    private readonly now: () => number = Date.now,
  ) {}

  async token(auth: GraphAuth, afterUnauthorized: boolean): Promise<string> {
    try {
      if (auth.kind === 'user') {
        const { tenantId, objectId, ssoToken, scopes } = auth;
        return (await this.broker.forUser({ tenantId, objectId }, ssoToken, scopes)).accessToken;
      }
      const key = auth.tenantId.toLowerCase();
      const kept = this.appTokens.get(key);
      if (kept && !afterUnauthorized && kept.reuseUntil > this.now()) return kept.accessToken;
      this.appTokens.delete(key);
      const issued = await this.broker.forApp(auth.tenantId);
      if (issued.expiresOn) {
        const reuseUntil = issued.expiresOn.getTime() - EXPIRY_MARGIN_MS;
        this.appTokens.set(key, { accessToken: issued.accessToken, reuseUntil });
      }
      return issued.accessToken;
    } catch (err) {
      throw errorFromTokenFailure(err);
    }
  }
}
