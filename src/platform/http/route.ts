import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { Principal } from '../../tenancy/principal.js';
import type { Identity } from '../../tenancy/onboarding/onboarding.contract.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  /** The caller's validated identity (tid, oid, UPN from the token). */
  identity: Identity;
  /** The caller's validated bearer token, for on-behalf-of Graph calls. Never log it. */
  ssoToken: string;
  log: Logger;
}

/** What an `auth: 'identity'` handler receives: a signed-in identity that may be no member. */
export type IdentityRouteContext<P, Q, B> = Omit<RouteContext<P, Q, B>, 'principal'>;

/** A validated bearer token's identity and the token itself (for identity routes). */
export interface AuthenticatedIdentity {
  identity: Identity;
  ssoToken: string;
}

/** Who may call an operation: a member of an organisation (default), or any signed-in identity. */
export type RouteAuth = 'member' | 'identity';

export interface ResponseDoc {
  description: string;
  /** A zod schema (documented with io=output) or nothing for an empty body. */
  schema?: z.ZodType;
  headers?: Record<string, string>;
}

/**
 * One API operation: the single source for the Express route and its OpenAPI operation, so the
 * document cannot drift from what the server validates.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  /** Express-style path relative to /api/v1, e.g. `/contacts/:id`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Documented request headers (If-Match…). */
  headers?: { name: string; description: string; required?: boolean }[];
  responses: Record<number, ResponseDoc>;
  /** `member` unless set; `identity` routes go through {@link defineIdentityRoute}. */
  auth?: RouteAuth;
  handler: (ctx: RouteContext<P, Q, B>) => Promise<ApiResult>;
}

/** Keeps the handler's parameter types tied to the schemas. */
export function defineRoute<P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

/**
 * An operation open to any validated Tandem token (any user of any tenant, member or not): the
 * handler gets the token's {@link Identity}, never a principal. Used by onboarding only.
 */
export function defineIdentityRoute<P, Q, B>(
  spec: Omit<RouteSpec<P, Q, B>, 'handler' | 'auth'> & {
    handler: (ctx: IdentityRouteContext<P, Q, B>) => Promise<ApiResult>;
  },
): RouteSpec {
  return { ...spec, auth: 'identity' } as unknown as RouteSpec;
}
