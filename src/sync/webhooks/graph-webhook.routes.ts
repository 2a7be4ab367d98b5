import express, { Router, type Request, type Response } from 'express';
import { BadRequestError, AppError } from '../../platform/errors/app-error.js';
import type { NotificationReceiver } from './notification.receiver.js';
import { notificationCollection } from './notification.schema.js';

/** The receiver's paths, outside the bearer-authenticated `/api/v1`: Graph authenticates nothing. */
export const WEBHOOK_PATHS = {
  notifications: '/api/webhooks/graph',
  lifecycle: '/api/webhooks/graph/lifecycle',
} as const;

/** Basic notifications are small (~0.5 KB each); this bounds a batch of the largest size Graph sends. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super({
      code: 'unsupported_media_type',
      httpStatus: 415,
      userMessage: 'Change notifications must be sent as application/json.',
    });
  }
}

/**
 * The endpoint validation [FACTS §0.8; RELIABILITY §3]: echo the URL-decoded `validationToken`
 * byte for byte as `text/plain`, with `nosniff` so no browser ever renders it as HTML.
 */
function answerValidation(req: Request, res: Response): boolean {
  const token = req.query.validationToken;
  if (token === undefined) return false;
  if (typeof token !== 'string')
    throw new BadRequestError('invalid_validation_token', 'Send exactly one validationToken.');
  res
    .status(200)
    .set('Content-Type', 'text/plain; charset=utf-8')
    .set('X-Content-Type-Options', 'nosniff')
    .send(Buffer.from(token, 'utf8'));
  return true;
}

/**
 * `POST /api/webhooks/graph` and `POST /api/webhooks/graph/lifecycle`: the handshake on both, then
 * JSON notifications, answered 202 once the receiver has persisted what they ask for (forged ones
 * are dropped and answered 202 too, so a prober learns nothing).
 */
export function graphWebhookRouter(receiver: NotificationReceiver): Router {
  const router = Router();
  const json = express.json({ limit: WEBHOOK_BODY_LIMIT_BYTES, type: 'application/json', strict: true });
  const handshake = (req: Request, res: Response, next: () => void) => {
    if (!answerValidation(req, res)) next();
  };
  const handle = async (req: Request, res: Response) => {
    if (!req.is('application/json')) throw new UnsupportedMediaTypeError();
    const parsed = notificationCollection.safeParse(req.body);
    if (!parsed.success)
      throw new BadRequestError('invalid_notification', 'The body is not a change notification collection.');
    await receiver.receive(parsed.data.value);
    res.status(202).end();
  };
  for (const path of Object.values(WEBHOOK_PATHS)) router.post(path, handshake, json, handle);
  return router;
}
