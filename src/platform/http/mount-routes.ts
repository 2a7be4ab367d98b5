import type { Request, Router } from 'express';
import type { z } from 'zod';
import type { Principal } from '../../tenancy/principal.js';
import { BadRequestError, UnauthorizedError, UnsupportedMediaTypeError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { sendProblem } from './error.middleware.js';
import type { AuthenticatedIdentity, RouteSpec } from './route.js';
import { parseOrThrow } from './validate.js';

export interface MountOptions {
  authenticate: (req: Request) => Promise<Principal>;
  /** For `auth: 'identity'` routes; without it they answer 401 (fail closed). */
  identify?: (req: Request) => Promise<AuthenticatedIdentity>;
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Registers each spec on the router: authenticate first (an anonymous caller learns nothing about
 * validation), then content type, path, query and body validation, then the handler.
 */
export function mountRoutes(router: Router, specs: RouteSpec[], options: MountOptions): void {
  const allowed = new Map<string, string[]>();
  for (const spec of specs) {
    allowed.set(spec.path, [...(allowed.get(spec.path) ?? []), spec.method.toUpperCase()]);
    router[spec.method](spec.path, async (req, res) => {
      const caller = await callerOf(spec, req, options);
      const log = (req.log as Logger).child({
        tenantId: caller.identity.tenantId,
        ...(caller.principal ? { userId: caller.principal.userId } : { objectId: caller.identity.objectId }),
      });
      req.log = log;
      const params = spec.params ? parsePath(spec.params, req.params) : {};
      const query = spec.query ? parseOrThrow(spec.query, { ...req.query }, 'query') : {};
      let body: unknown;
      if (spec.body) {
        if (req.headers['content-type'] !== undefined && !req.is(JSON_TYPES)) {
          throw new UnsupportedMediaTypeError('Send the body as application/json.');
        }
        if (req.body === undefined)
          throw new BadRequestError('body_required', 'This request needs a JSON body.');
        body = parseOrThrow(spec.body, req.body, 'body');
      }
      const result = await spec.handler({
        req,
        res,
        params,
        query,
        body,
        principal: caller.principal as Principal,
        identity: caller.identity,
        ssoToken: caller.ssoToken,
        log,
      });
      for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
      if (result.body === undefined) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    });
  }
  for (const [path, methods] of allowed) {
    router.all(path, (req, res) => {
      res.setHeader('Allow', methods.join(', '));
      sendProblem(res, req, 405, 'method_not_allowed', `Use ${methods.join(' or ')} on this endpoint.`);
    });
  }
}

/**
 * Member routes: the principal (which validated the bearer token), its identity and the token.
 * Identity routes: the validated token's identity only, no principal.
 */
async function callerOf(
  spec: RouteSpec,
  req: Request,
  options: MountOptions,
): Promise<AuthenticatedIdentity & { principal?: Principal }> {
  if (spec.auth === 'identity') {
    if (!options.identify) throw new UnauthorizedError('auth_not_configured', 'Sign-in is not configured.');
    return options.identify(req);
  }
  const principal = await options.authenticate(req);
  return {
    principal,
    identity: {
      tenantId: principal.tenantId,
      objectId: principal.objectId,
      userPrincipalName: principal.userPrincipalName,
      displayName: principal.displayName,
    },
    ssoToken: bearerOf(req) ?? '',
  };
}

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i;

/** The bearer token of a request's Authorization header, if well-formed. */
function bearerOf(req: Request): string | undefined {
  return BEARER.exec(req.headers.authorization?.trim() ?? '')?.[1];
}

function parsePath(schema: z.ZodType, params: unknown): unknown {
  const result = schema.safeParse(params);
  if (!result.success) throw new BadRequestError('invalid_id', 'The id in the URL is not a valid id.');
  return result.data;
}
