import type { Request } from 'express';
import { UnauthorizedError } from '../platform/errors/app-error.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import type { Principal } from '../tenancy/principal.js';
import type { AuthenticatedIdentity } from '../platform/http/route.js';
import type { Identity } from '../tenancy/onboarding/onboarding.contract.js';
import type { EntraTokenValidator } from './token-validator.js';

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i;

/** Turns a request's bearer token into the member it belongs to, or fails closed (401/403). */
export class Authenticator {
  constructor(
    private readonly validator: EntraTokenValidator,
    private readonly tenancy: TenancyService,
  ) {}

  async authenticate(req: Request): Promise<Principal> {
    const token = await this.validator.validate(bearerToken(req));
    return this.tenancy.resolvePrincipal(token.tenantId, token.objectId);
  }

  /**
   * The identity of any validated Tandem token, member or not (onboarding routes). The UPN and
   * name come from the token's claims, never from the request.
   */
  async identify(req: Request): Promise<AuthenticatedIdentity> {
    const ssoToken = bearerToken(req);
    return { identity: await this.identityOf(ssoToken), ssoToken };
  }

  /** Validates a raw Tandem token (same checks as a bearer token) into its identity. */
  async identityOf(rawToken: string): Promise<Identity> {
    const token = await this.validator.validate(rawToken);
    return {
      tenantId: token.tenantId,
      objectId: token.objectId,
      userPrincipalName: token.userPrincipalName,
      displayName: token.name,
    };
  }
}

/** The bearer token of the request, or 401. */
function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  if (!header) throw new UnauthorizedError('missing_token', 'Sign in to use Tandem.');
  const match = BEARER.exec(header.trim());
  if (!match)
    throw new UnauthorizedError('invalid_token', 'The Authorization header must be "Bearer <token>".');
  return match[1]!;
}
