import express, { Router, type ErrorRequestHandler, type Request } from 'express';
import { GraphBatch } from './batch.js';
import { GraphError, sendGraphError } from './graph-error.js';
import type { GraphDispatcher } from './graph-dispatcher.js';

const isBatch = (req: Request) =>
  req.method === 'POST' && req.path.replace(/%24/gi, '$').toLowerCase() === '/$batch';

/**
 * `/v1.0/…` over HTTP: hands each request to the dispatcher (`/$batch` to the batch runner) and
 * writes its answer, or, in hostile mode, closes the connection without one (`reset` before the
 * request runs, `drop` after it ran and its change is stored).
 */
export function graphHttpRouter(dispatcher: GraphDispatcher): Router {
  const router = Router();
  const batch = new GraphBatch(dispatcher);
  router.use(express.json({ limit: '4mb', type: ['application/json', 'application/*+json'] }));
  router.use(async (req, res) => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]),
    );
    const request = { method: req.method, url: req.url, headers, body: req.body };
    const response = isBatch(req) ? await batch.handle(request) : await dispatcher.dispatch(request);
    if (response.connection) {
      req.socket.destroy();
      return;
    }
    for (const [k, v] of Object.entries(response.headers)) res.setHeader(k, v);
    if (response.body === undefined) res.status(response.status).end();
    else res.status(response.status).json(response.body);
  });
  const onError: ErrorRequestHandler = (err: { type?: string }, req, res, next) => {
    if (res.headersSent) return next(err);
    const tooLarge = err?.type === 'entity.too.large';
    sendGraphError(
      res,
      new GraphError(
        tooLarge ? 413 : 400,
        tooLarge ? 'RequestEntityTooLarge' : 'BadRequest',
        tooLarge
          ? 'The request is too large.'
          : 'Invalid JSON. A token was not recognized in the JSON content.',
      ),
      req.headers['client-request-id'] as string | undefined,
    );
  };
  router.use(onError);
  return router;
}
