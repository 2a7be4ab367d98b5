import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config/load-config.js';
import type { Database } from '../platform/db/database.js';
import { newId } from '../platform/db/ids.js';
import { errorMiddleware, notFoundMiddleware } from '../platform/http/error.middleware.js';
import { mountRoutes } from '../platform/http/mount-routes.js';
import type { AuthenticatedIdentity, RouteSpec } from '../platform/http/route.js';
import type { Logger } from '../platform/logging/logger.js';
import type { Principal } from '../tenancy/principal.js';
import { healthRouter, type Readiness } from './health.routes.js';
import { tabsRouter } from './tabs.routes.js';

export interface ServerDeps {
  config: Config;
  logger: Logger;
  db: Database;
  readiness: Readiness;
  authenticate: (req: express.Request) => Promise<Principal>;
  /** The identity of any validated token, for onboarding routes open to non-members. */
  identify?: (req: express.Request) => Promise<AuthenticatedIdentity>;
  apiRoutes: RouteSpec[];
  openapi: Record<string, unknown>;
  /** `POST /api/messages`: the Bot Framework endpoint (src/bot). */
  botMessages: (req: express.Request, res: express.Response) => Promise<void>;
  /** `POST /api/webhooks/graph[/lifecycle]`: Graph change notifications (src/sync/webhooks), when Graph is configured. */
  graphWebhooks?: express.Router;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP application without listening (tests start it on port 0). */
export function createServer(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : newId();
        res.setHeader('x-request-id', id);
        return id;
      },
      // Only what is needed to follow a request: no headers (tokens), no query (search terms).
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );
  app.use(helmet());
  // The accept page carries the invitation secret in its URL fragment: never leak the URL onwards.
  app.use('/tabs/accept', (_req, res, next) => {
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(healthRouter(deps.db, deps.readiness, deps.logger));
  app.use(tabsRouter(deps.config));

  const api = express.Router();
  api.use(
    express.json({
      limit: deps.config.http.bodyLimitBytes,
      type: ['application/json', 'application/*+json'],
      strict: true,
    }),
  );
  api.get('/openapi.json', (_req, res) => {
    res.json(deps.openapi);
  });
  mountRoutes(api, deps.apiRoutes, { authenticate: deps.authenticate, identify: deps.identify });
  app.use('/api/v1', api);
  app.post('/api/messages', express.json({ limit: deps.config.http.bodyLimitBytes }), (req, res, next) => {
    deps.botMessages(req, res).catch(next);
  });
  if (deps.graphWebhooks) app.use(deps.graphWebhooks);

  app.use(notFoundMiddleware());
  app.use(errorMiddleware(deps.logger));
  return app;
}
