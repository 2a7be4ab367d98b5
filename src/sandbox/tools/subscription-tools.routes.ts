import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { SubscriptionService } from '../graph/subscriptions-service.js';
import type { Subscription } from '../graph/subscriptions-registry.js';
import { supportsLifecycleEvent } from '../graph/subscriptions-resource.js';

const lifecycleRequest = z.strictObject({
  event: z.enum(['reauthorizationRequired', 'missed', 'subscriptionRemoved']),
});

function describe(service: SubscriptionService, s: Subscription) {
  return {
    id: s.id,
    tenantId: s.tenantId,
    userId: s.userId,
    applicationId: s.applicationId,
    resource: s.resource,
    kind: s.kind,
    changeType: s.changeType,
    notificationUrl: s.notificationUrl,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: s.expirationDateTime,
    reauthorizationRequired: s.reauthorizationRequired,
    delivery: service.registry.stats(s.id),
  };
}

function unknown(res: Response, id: string) {
  res.status(404).json({ error: 'unknown_subscription', message: `No live subscription ${id}.` });
}

/**
 * `/_sandbox/subscriptions` (loopback only; a public contract): every live subscription with its
 * delivery statistics, lifecycle events on demand, and forced expiry.
 */
export function subscriptionToolsRouter(service: SubscriptionService): Router {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  router.get('/', (_req, res) => {
    res.json({ subscriptions: service.registry.list().map((s) => describe(service, s)) });
  });

  /** Sends `reauthorizationRequired`, `missed` or `subscriptionRemoved` as Graph would (FACTS §0.10). */
  router.post('/:id/lifecycle', (req, res) => {
    const parsed = lifecycleRequest.safeParse(req.body ?? {});
    if (!parsed.success)
      return res.status(400).json({ error: 'invalid_request', issues: parsed.error.issues });
    const subscription = service.registry.find(req.params.id);
    if (!subscription) return unknown(res, req.params.id);
    const { event } = parsed.data;
    if (!supportsLifecycleEvent(subscription.kind, event))
      return res.status(400).json({
        error: 'unsupported_lifecycle_event',
        message: `Graph sends no '${event}' lifecycle notifications for ${subscription.kind} subscriptions.`,
      });
    if (!subscription.lifecycleNotificationUrl)
      return res.status(409).json({
        error: 'no_lifecycle_url',
        message:
          'The subscription was created without a lifecycleNotificationUrl: it gets no lifecycle events.',
      });
    service.sendLifecycle(subscription, event);
    res.status(202).json({
      subscriptionId: subscription.id,
      lifecycleEvent: event,
      lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
    });
  });

  router.post('/:id/expire', (req, res) => {
    const subscription = service.registry.find(req.params.id);
    if (!subscription) return unknown(res, req.params.id);
    service.expire(subscription);
    res.json({ status: 'expired', subscriptionId: subscription.id });
  });

  return router;
}
