import type { Request, Router } from 'express';
import type { z } from 'zod';
import type { Principal } from '../../tenancy/principal.js';
import { BadRequestError, UnsupportedMediaTypeError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { sendProblem } from './error.middleware.js';
import type { RouteSpec } from './route.js';
import { parseOrThrow } from './validate.js';

export interface MountOptions {
  authenticate: (req: Request) => Promise<Principal>;
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
      const principal = await options.authenticate(req);
      const log = (req.log as Logger).child({ tenantId: principal.tenantId, userId: principal.userId });
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
      const result = await spec.handler({ req, res, params, query, body, principal, log });
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

function parsePath(schema: z.ZodType, params: unknown): unknown {
  const result = schema.safeParse(params);
  if (!result.success) throw new BadRequestError('invalid_id', 'The id in the URL is not a valid id.');
  return result.data;
}
