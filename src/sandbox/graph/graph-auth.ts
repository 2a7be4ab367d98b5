import type { TokenIssuer } from '../entra/token-issuer.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from '../entra/token-issuer.js';
import { graphErrors } from './graph-error.js';

/** Who calls Graph: a user through an app (delegated), or an app alone. */
export interface GraphPrincipal {
  kind: 'delegated' | 'app';
  tenantId: string;
  appId: string;
  /** The signed-in user (delegated only). */
  userId?: string;
  scopes: Set<string>;
  roles: Set<string>;
}

/** Validates a Graph bearer token issued by the sandbox authority. */
export async function authenticateGraph(
  header: string | undefined,
  issuer: TokenIssuer,
): Promise<GraphPrincipal> {
  const m = /^Bearer (\S+)$/i.exec(header ?? '');
  if (!m) throw graphErrors.unauthenticated('Access token is empty.');
  let claims;
  try {
    claims = await issuer.verify(m[1]!);
  } catch (err) {
    const expired = err instanceof Error && /exp/.test(err.message);
    throw graphErrors.unauthenticated(
      expired
        ? 'Lifetime validation failed, the token is expired.'
        : 'IDX14100: JWT is not well formed or its signature is invalid.',
    );
  }
  if (claims.aud !== GRAPH_RESOURCE && claims.aud !== GRAPH_APP_ID) {
    throw graphErrors.unauthenticated('Invalid audience.');
  }
  const scopes = new Set(
    typeof claims.scp === 'string' ? claims.scp.split(' ').map((s) => s.toLowerCase()) : [],
  );
  const roles = new Set(Array.isArray(claims.roles) ? claims.roles.map((r) => String(r).toLowerCase()) : []);
  const delegated = typeof claims.scp === 'string';
  return {
    kind: delegated ? 'delegated' : 'app',
    tenantId: String(claims.tid),
    appId: String(claims.appid),
    userId: delegated ? String(claims.oid) : undefined,
    scopes,
    roles,
  };
}

/**
 * Whether the principal holds one of the permissions (e.g. `Contacts.ReadWrite`). Delegated
 * calls check `scp`, app-only calls check `roles`.
 */
export function requirePermission(
  principal: GraphPrincipal,
  anyOf: { delegated: string[]; application: string[] },
): void {
  const held = principal.kind === 'delegated' ? principal.scopes : principal.roles;
  const wanted = principal.kind === 'delegated' ? anyOf.delegated : anyOf.application;
  if (!wanted.some((p) => held.has(p.toLowerCase()))) throw graphErrors.accessDenied();
}
