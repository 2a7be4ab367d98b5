import type { Request } from 'express';
import { UnauthorizedError } from '../platform/errors/app-error.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import type { Principal } from '../tenancy/principal.js';
import type { EntraTokenValidator } from './token-validator.js';

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i;

/** Turns a request's bearer token into the member it belongs to, or fails closed (401/403). */
export class Authenticator {
  constructor(
    private readonly validator: EntraTokenValidator,
    private readonly tenancy: TenancyService,
  ) {}

  async authenticate(req: Request): Promise<Principal> {
    const header = req.headers.authorization;
    if (!header) throw new UnauthorizedError('missing_token', 'Sign in to use Tandem.');
    const match = BEARER.exec(header.trim());
    if (!match)
      throw new UnauthorizedError('invalid_token', 'The Authorization header must be "Bearer <token>".');
    const token = await this.validator.validate(match[1]!);
    return this.tenancy.resolvePrincipal(token.tenantId, token.objectId);
  }
}
