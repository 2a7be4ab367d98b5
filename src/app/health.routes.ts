import { Router } from 'express';
import type { Database } from '../platform/db/database.js';
import type { Logger } from '../platform/logging/logger.js';

export interface Readiness {
  /** False once shutdown has begun, so load balancers stop sending traffic. */
  accepting(): boolean;
}

/** `/healthz`: the process is up. `/readyz`: the database answers and every migration is applied. */
export function healthRouter(db: Database, readiness: Readiness, logger: Logger): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks: Record<string, 'ok' | 'failing'> = { accepting: readiness.accepting() ? 'ok' : 'failing' };
    try {
      await db.ping();
      checks.database = 'ok';
      checks.migrations = (await db.migrationsApplied()) ? 'ok' : 'failing';
    } catch (err) {
      logger.warn({ err }, 'readiness: database unreachable');
      checks.database = 'failing';
      checks.migrations = 'failing';
    }
    const ready = Object.values(checks).every((c) => c === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  return router;
}
