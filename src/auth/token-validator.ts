import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../config/load-config.js';
import { AppError, ForbiddenError, UnauthorizedError } from '../platform/errors/app-error.js';
import type { JwksStore } from './jwks-store.js';

export const REQUIRED_SCOPE = 'access_as_user';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What Tandem takes from a validated token. The identity is (tenantId, objectId), never an email. */
export interface ValidatedToken {
  tenantId: string;
  objectId: string;
  userPrincipalName?: string;
  name?: string;
  scopes: string[];
  version: '1.0' | '2.0';
}

/**
 * Validates bearer tokens that Entra ID issues for Tandem's app registration (tab SSO, API calls):
 * RS256 signature by a published key; exp/nbf with skew; `aud` = client id or App ID URI; `iss`
 * matching the token's own `tid` in v1 or v2 form; delegated scope `access_as_user` (split on
 * spaces). Everything fails closed.
 */
export class EntraTokenValidator {
  constructor(
    private readonly auth: Config['auth'],
    private readonly keys: JwksStore,
  ) {}

  async validate(token: string): Promise<ValidatedToken> {
    const clientId = this.auth.clientId;
    if (!clientId)
      throw new UnauthorizedError('auth_not_configured', 'Sign-in is not configured on this server.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys.resolve, {
        algorithms: ['RS256'],
        audience: [clientId, ...(this.auth.appIdUri ? [this.auth.appIdUri] : [])],
        clockTolerance: this.auth.clockSkewSeconds,
        requiredClaims: ['exp', 'iat', 'iss', 'tid', 'oid'],
      }));
    } catch (err) {
      throw this.mapError(err);
    }
    const tid = typeof payload.tid === 'string' ? payload.tid : '';
    const oid = typeof payload.oid === 'string' ? payload.oid : '';
    if (!GUID.test(tid) || !GUID.test(oid)) throw invalid('The token has no valid tenant or object id.');
    const v2Issuer = `${this.auth.authorityHost}/${tid}/v2.0`;
    const v1Issuer = `${this.auth.v1IssuerHost}/${tid}/`;
    if (payload.iss !== v2Issuer && payload.iss !== v1Issuer)
      throw invalid('The token issuer does not match its tenant.');

    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
    if (!scopes.includes(REQUIRED_SCOPE)) {
      throw new ForbiddenError('insufficient_scope', `The token does not grant the ${REQUIRED_SCOPE} scope.`);
    }
    return {
      tenantId: tid,
      objectId: oid,
      userPrincipalName: str(payload.preferred_username) ?? str(payload.upn),
      name: str(payload.name),
      scopes,
      version: payload.iss === v2Issuer ? '2.0' : '1.0',
    };
  }

  private mapError(err: unknown): AppError {
    if (err instanceof errors.JWTExpired) {
      return new UnauthorizedError('token_expired', 'Your session has expired. Sign in again.', err);
    }
    if (err instanceof errors.JOSEError) return invalid('The access token is not valid.', err);
    return new AppError({
      code: 'auth_unavailable',
      httpStatus: 503,
      userMessage: 'Sign-in cannot be checked right now. Try again in a moment.',
      retryable: true,
      cause: err,
      headers: { 'Retry-After': '5' },
    });
  }
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const invalid = (message: string, cause?: unknown) => new UnauthorizedError('invalid_token', message, cause);
