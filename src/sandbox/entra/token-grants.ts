import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppRegistration, DirectoryUser, TenantState } from '../store/model.js';
import type { SandboxStore } from '../store/sandbox-store.js';
import { aadsts, AadstsError } from './aadsts.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE, type TokenIssuer } from './token-issuer.js';

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const CODE_LIFETIME_MS = 10 * 60_000;

export interface TokenResponse {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

interface Grant {
  tenantId: string;
  userId: string;
  clientId: string;
  scopes: string[];
  redirectUri?: string;
  codeChallenge?: string;
  nonce?: string;
  expiresAt: number;
}

/** What a scope list asks for: Tandem's own API, or Graph (the default resource for short names). */
export function parseScopes(
  raw: string,
  app: AppRegistration,
): { resource: 'graph' | 'api'; scopes: string[] } {
  const requested = raw.split(' ').filter((s) => s && !OIDC_SCOPES.has(s));
  if (requested.length === 0) return { resource: 'graph', scopes: ['User.Read'] };
  const apiPrefixes = [...app.identifierUris, app.clientId, `api://${app.clientId}`].map((p) => `${p}/`);
  const api = requested.filter((s) => apiPrefixes.some((p) => s.startsWith(p)));
  if (api.length && api.length !== requested.length) throw aadsts.badScope(raw);
  if (api.length) return { resource: 'api', scopes: api.map((s) => s.slice(s.lastIndexOf('/') + 1)) };
  const graph = requested.map((s) => s.replace(`${GRAPH_RESOURCE}/`, '').replace(`${GRAPH_APP_ID}/`, ''));
  if (graph.some((s) => s.includes('/'))) throw aadsts.badScope(raw);
  return { resource: 'graph', scopes: graph };
}

/**
 * The sandbox authority's grants: client credentials, on-behalf-of, authorization code with
 * PKCE, refresh token. Consent is per tenant and client (`TenantState.consents`).
 */
export class TokenGrants {
  private readonly codes = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, Grant>();

  constructor(
    private readonly store: SandboxStore,
    private readonly issuer: TokenIssuer,
    private readonly apps: Map<string, AppRegistration>,
  ) {}

  app(clientId: string | undefined): AppRegistration {
    const app = clientId ? this.apps.get(clientId.toLowerCase()) : undefined;
    if (!app) throw aadsts.unknownClient(clientId ?? '');
    return app;
  }

  /** Client authentication: the secret when one is sent or required; public clients use PKCE instead. */
  authenticate(app: AppRegistration, secret: string | undefined, allowPublic: boolean): void {
    if (secret === undefined) {
      if (allowPublic) return;
      throw aadsts.missingSecret();
    }
    const ok = app.secrets.some(
      (s) => s.length === secret.length && timingSafeEqual(Buffer.from(s), Buffer.from(secret)),
    );
    if (!ok) throw aadsts.badSecret(app.clientId);
  }

  tenant(tenantId: string): TenantState {
    const tenant = this.store.tenant(tenantId);
    if (!tenant) throw aadsts.unknownTenant(tenantId);
    return tenant;
  }

  async clientCredentials(tenant: TenantState, app: AppRegistration, scope: string): Promise<TokenResponse> {
    if (!scope.endsWith('/.default')) throw aadsts.badScope(scope);
    const consent = tenant.consents[app.clientId];
    if (!consent) throw aadsts.notProvisioned(app.clientId);
    const issued = await this.issuer.graphApp(tenant, app.clientId, consent.application);
    return bearer(issued.token, issued.expiresIn, scope);
  }

  async onBehalfOf(
    tenant: TenantState,
    app: AppRegistration,
    assertion: string,
    scope: string,
  ): Promise<TokenResponse> {
    let claims;
    try {
      claims = await this.issuer.verify(assertion);
    } catch (err) {
      throw aadsts.badAssertion(err instanceof Error ? err.message : 'invalid token');
    }
    const audiences = [app.clientId, ...app.identifierUris];
    if (typeof claims.aud !== 'string' || !audiences.includes(claims.aud))
      throw aadsts.badAssertion('Invalid audience.');
    if (claims.tid !== tenant.id) throw aadsts.badAssertion('The assertion was issued for another tenant.');
    const user = this.store.user(tenant.id, String(claims.oid));
    if (!user || !user.accountEnabled) throw aadsts.badAssertion('The user does not exist or is disabled.');
    const response = await this.graphFor(tenant, user, app, scope, false);
    // Entra answers msal's `client_info=1` with the user's home account, and `openid` with an id token.
    const idToken = scope.split(' ').includes('openid')
      ? (await this.issuer.idToken(tenant, user, app.clientId)).token
      : undefined;
    return {
      ...response,
      client_info: clientInfo(user.id, tenant.id),
      ...(idToken ? { id_token: idToken } : {}),
    };
  }

  /** Issues an authorization code after the sign-in page; returns it for the redirect. */
  issueCode(grant: Omit<Grant, 'expiresAt'>): string {
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { ...grant, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** `tenantId` is undefined when redeemed at a meta authority (common, organizations). */
  async redeemCode(
    tenantId: string | undefined,
    app: AppRegistration,
    code: string,
    redirectUri: string,
    verifier?: string,
  ) {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (
      !grant ||
      grant.expiresAt < Date.now() ||
      grant.clientId !== app.clientId ||
      (tenantId && grant.tenantId !== tenantId)
    ) {
      throw aadsts.expiredCode();
    }
    const tenant = this.tenant(grant.tenantId);
    if (grant.redirectUri !== redirectUri) throw aadsts.badRedirect(redirectUri, app.clientId);
    if (grant.codeChallenge) {
      const computed = verifier ? createHash('sha256').update(verifier).digest('base64url') : '';
      if (computed !== grant.codeChallenge) throw aadsts.pkce();
    }
    return this.userTokens(tenant, grant, app);
  }

  async redeemRefresh(
    tenantId: string | undefined,
    app: AppRegistration,
    refreshToken: string,
    scope?: string,
  ) {
    const grant = this.refreshTokens.get(refreshToken);
    this.refreshTokens.delete(refreshToken);
    if (!grant || grant.clientId !== app.clientId || (tenantId && grant.tenantId !== tenantId)) {
      throw aadsts.badGrant('The refresh token is invalid or was already used.');
    }
    const tenant = this.tenant(grant.tenantId);
    return this.userTokens(tenant, { ...grant, scopes: scope ? scope.split(' ') : grant.scopes }, app);
  }

  /** A user's tokens for a resource, as the token tool or a code redemption hands them out. */
  async userTokens(
    tenant: TenantState,
    grant: Omit<Grant, 'expiresAt'>,
    app: AppRegistration,
  ): Promise<TokenResponse> {
    const user = this.store.user(tenant.id, grant.userId);
    if (!user) throw aadsts.badGrant('The user no longer exists.');
    const response = await this.accessToken(tenant, user, app, grant.scopes.join(' '), true);
    const refresh = randomBytes(48).toString('base64url');
    this.refreshTokens.set(refresh, { ...grant, expiresAt: Number.MAX_SAFE_INTEGER });
    const id = await this.issuer.idToken(tenant, user, app.clientId, grant.nonce);
    return {
      ...response,
      refresh_token: refresh,
      id_token: id.token,
      client_info: clientInfo(user.id, tenant.id),
    };
  }

  private async accessToken(
    tenant: TenantState,
    user: DirectoryUser,
    app: AppRegistration,
    scope: string,
    interactive: boolean,
  ) {
    const parsed = parseScopes(scope, app);
    if (parsed.resource === 'api') {
      const issued = await this.issuer.apiToken(tenant, user, app.clientId, app.clientId, parsed.scopes);
      return bearer(
        issued.token,
        issued.expiresIn,
        parsed.scopes.map((s) => `${app.identifierUris[0] ?? app.clientId}/${s}`).join(' '),
      );
    }
    return this.graphFor(tenant, user, app, scope, interactive);
  }

  private async graphFor(
    tenant: TenantState,
    user: DirectoryUser,
    app: AppRegistration,
    scope: string,
    interactive: boolean,
  ) {
    const { scopes } = parseScopes(scope, app);
    const consent = tenant.consents[app.clientId];
    const granted = consent?.delegated ?? [];
    const wanted = scopes.includes('.default') ? granted : scopes;
    const missing = wanted.filter((s) => !granted.some((g) => g.toLowerCase() === s.toLowerCase()));
    if (!consent || (missing.length && !interactive))
      throw aadsts.consentRequired(app.clientId, app.displayName);
    const issued = await this.issuer.graphDelegated(tenant, user, app.clientId, wanted);
    return bearer(issued.token, issued.expiresIn, wanted.map((s) => `${GRAPH_RESOURCE}/${s}`).join(' '));
  }
}

function clientInfo(uid: string, utid: string): string {
  return Buffer.from(JSON.stringify({ uid, utid })).toString('base64url');
}

function bearer(token: string, expiresIn: number, scope: string): TokenResponse {
  return {
    token_type: 'Bearer',
    scope,
    expires_in: expiresIn,
    ext_expires_in: expiresIn,
    access_token: token,
  };
}

export { AadstsError };
