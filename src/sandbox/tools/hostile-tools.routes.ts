import express, { Router, type Response } from 'express';
import type { z } from 'zod';
import { faultsConfigSchema, throttleConfigSchema } from '../hostile/hostile-config.js';
import type { HostileMode } from '../hostile/hostile-mode.js';

function invalid(res: Response, error: z.ZodError): void {
  res.status(400).json({ error: 'invalid_request', issues: error.issues });
}

/**
 * Hostile-mode tools (a public contract: extend, don't rename), mounted under `/_sandbox`:
 * - `GET|PUT /throttling` `{enabled, concurrency, requestsPer10Minutes, timeScale}` (fields left out
 *   take their defaults: off, 4, 10,000, 1);
 * - `GET|PUT /faults` `{seed, latency: {baseMs, jitterMs}, rules: [{match: {method?, path?, pathRegex?,
 *   user?}, fault, probability?, times?, delayMs?, retryAfterSeconds?, commit?}]}`; a PUT restarts
 *   the random streams and the log; `DELETE /faults` turns faults and latency off;
 * - `GET /faults/log`: the faults injected since the last PUT, in order.
 * `/_sandbox/reset` puts everything back to off.
 */
export function hostileToolsRouter(hostile: HostileMode): Router {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/throttling', (_req, res) => {
    res.json(hostile.throttle.config());
  });
  router.put('/throttling', (req, res) => {
    const parsed = throttleConfigSchema.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(res, parsed.error);
    hostile.throttle.configure(parsed.data);
    res.json(hostile.throttle.config());
  });

  router.get('/faults', (_req, res) => {
    res.json(hostile.faults.config());
  });
  router.put('/faults', (req, res) => {
    const parsed = faultsConfigSchema.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(res, parsed.error);
    hostile.faults.configure(parsed.data);
    res.json(hostile.faults.config());
  });
  router.delete('/faults', (_req, res) => {
    hostile.faults.disable();
    res.status(204).end();
  });
  router.get('/faults/log', (_req, res) => {
    res.json({ entries: hostile.faults.log() });
  });

  return router;
}
