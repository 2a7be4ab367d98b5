import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { Principal } from '../../tenancy/principal.js';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

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
  log: Logger;
}

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
  handler: (ctx: RouteContext<P, Q, B>) => Promise<ApiResult>;
}

/** Keeps the handler's parameter types tied to the schemas. */
export function defineRoute<P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}
