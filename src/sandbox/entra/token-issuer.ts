import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, createLocalJWKSet, type JWTPayload } from 'jose';
import type { DirectoryUser, TenantState } from '../store/model.js';
import type { SigningKey } from './signing-key.js';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const LIFETIME_SECONDS = 3600;

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

/**
 * Signs tokens shaped like Entra's: v2 access tokens for Tandem's own API (aud = client id,
 * `scp`), v1-shaped Graph tokens (aud https://graph.microsoft.com, as Entra issues for Graph),
 * app-only Graph tokens (`roles`), and v2 id tokens.
 */
export class TokenIssuer {
  private readonly keySet: ReturnType<typeof createLocalJWKSet>;

  /** `baseUrl` is read when needed: the port is known only once the server listens. */
  constructor(
    private readonly base: () => string,
    private readonly key: SigningKey,
  ) {
    this.keySet = createLocalJWKSet({ keys: [key.publicJwk] });
  }

  get baseUrl(): string {
    return this.base();
  }

  jwks() {
    return { keys: [this.key.publicJwk] };
  }

  v2Issuer(tenantId: string): string {
    return `${this.baseUrl}/${tenantId}/v2.0`;
  }

  v1Issuer(tenantId: string): string {
    return `${this.baseUrl}/${tenantId}/`;
  }

  /** A delegated v2 access token for an API (Tandem's `access_as_user`). */
  apiToken(tenant: TenantState, user: DirectoryUser, clientId: string, azp: string, scopes: string[]) {
    return this.sign({
      aud: clientId,
      iss: this.v2Issuer(tenant.id),
      ver: '2.0',
      azp,
      azpacr: '0',
      ...userClaims(tenant, user),
      preferred_username: user.userPrincipalName,
      scp: scopes.join(' '),
    });
  }

  /** A delegated Graph token for a user, issued to `appId`. */
  graphDelegated(tenant: TenantState, user: DirectoryUser, appId: string, scopes: string[]) {
    return this.sign({
      aud: GRAPH_RESOURCE,
      iss: this.v1Issuer(tenant.id),
      ver: '1.0',
      appid: appId,
      idtyp: 'user',
      ...userClaims(tenant, user),
      upn: user.userPrincipalName,
      unique_name: user.userPrincipalName,
      scp: scopes.join(' '),
    });
  }

  /** An app-only Graph token (client credentials). */
  graphApp(tenant: TenantState, appId: string, roles: string[]) {
    return this.sign({
      aud: GRAPH_RESOURCE,
      iss: this.v1Issuer(tenant.id),
      ver: '1.0',
      appid: appId,
      idtyp: 'app',
      tid: tenant.id,
      oid: appId,
      sub: appId,
      roles,
    });
  }

  idToken(tenant: TenantState, user: DirectoryUser, clientId: string, nonce?: string) {
    return this.sign({
      aud: clientId,
      iss: this.v2Issuer(tenant.id),
      ver: '2.0',
      ...userClaims(tenant, user),
      preferred_username: user.userPrincipalName,
      ...(nonce ? { nonce } : {}),
    });
  }

  /** Verifies a token this authority signed; throws when invalid or expired. */
  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.keySet, { algorithms: ['RS256'] });
    return payload;
  }

  private async sign(claims: Record<string, unknown>): Promise<IssuedToken> {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...claims, uti: randomUUID().replace(/-/g, '') })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.key.kid })
      .setIssuedAt(now)
      .setNotBefore(now - 300)
      .setExpirationTime(now + LIFETIME_SECONDS)
      .sign(this.key.privateKey);
    return { token, expiresIn: LIFETIME_SECONDS };
  }
}

function userClaims(tenant: TenantState, user: DirectoryUser) {
  return {
    tid: tenant.id,
    oid: user.id,
    sub: `${user.id}:${tenant.id}`,
    name: user.displayName,
    given_name: user.givenName,
    family_name: user.surname,
  };
}
