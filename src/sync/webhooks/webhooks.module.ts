import type { OwnWrites } from '../engine/own-writes.js';
import type { Router } from 'express';
import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { SyncTrigger } from '../engine/sync-contract.js';
import type { GraphPort } from '../graph/graph-port.js';
import { GraphSubscriptionRepository } from './graph-subscription.repo.js';
import { graphWebhookRouter, WEBHOOK_PATHS } from './graph-webhook.routes.js';
import { NotificationReceiver } from './notification.receiver.js';
import { RunCoalescer } from './run-coalescer.js';
import { SecurityEvents } from './security-events.js';
import { SubscriptionLookup } from './subscription-lookup.js';
import { SubscriptionMaintenance } from './subscription-maintenance.worker.js';
import { SubscriptionManager } from './subscription.manager.js';
import { DEFAULT_SUBSCRIPTION_POLICY, type SubscriptionPolicy } from './subscription.policy.js';

export interface WebhooksDeps {
  db: Database;
  graph: GraphPort;
  trigger: SyncTrigger;
  /** Tandem's own last writes (the sync engine's): their notifications start no run. */
  ownWrites?: OwnWrites;
  /** Tandem's base URL as Graph reaches it (`PUBLIC_URL`); read when a subscription is created. */
  publicUrl: () => string;
  logger: Logger;
  policy?: SubscriptionPolicy;
  /** Coalescing window of runs and lifecycle actions per subscription (RELIABILITY §3: 5 s). */
  coalesceMs?: number;
  maintenanceIntervalMs?: number;
  now?: () => Date;
}

/** What the rest of Tandem uses of the webhooks: the lifecycle port, the receiver's routes, start/stop. */
export interface Webhooks {
  subscriptions: SubscriptionManager;
  maintenance: SubscriptionMaintenance;
  router: Router;
  /** Starts the renewal timer. */
  start(): void;
  /** Stops the timer, waits for the pass in progress and schedules every coalesced request still waiting. */
  stop(): Promise<void>;
}

/** Builds Graph change notifications: subscriptions, their maintenance and the receiver. */
export function buildWebhooks(deps: WebhooksDeps): Webhooks {
  const logger = deps.logger.child({ component: 'graph-webhooks' });
  const now = deps.now ?? (() => new Date());
  const policy = deps.policy ?? DEFAULT_SUBSCRIPTION_POLICY;
  const repo = new GraphSubscriptionRepository();
  const lookup = new SubscriptionLookup(deps.db, repo);
  const base = () => deps.publicUrl().replace(/\/+$/, '');
  const subscriptions = new SubscriptionManager({
    db: deps.db,
    repo,
    graph: deps.graph,
    trigger: deps.trigger,
    urls: () => ({
      notificationUrl: `${base()}${WEBHOOK_PATHS.notifications}`,
      lifecycleNotificationUrl: `${base()}${WEBHOOK_PATHS.lifecycle}`,
    }),
    policy,
    logger,
    now,
    changed: () => lookup.clear(),
  });
  const maintenance = new SubscriptionMaintenance({
    db: deps.db,
    repo,
    manager: subscriptions,
    policy,
    logger,
    intervalMs: deps.maintenanceIntervalMs ?? 60_000,
    now,
  });
  const coalescer = new RunCoalescer(deps.coalesceMs ?? 5_000, logger, () => now().getTime());
  const receiver = new NotificationReceiver({
    db: deps.db,
    repo,
    lookup,
    trigger: deps.trigger,
    coalescer,
    ownWrites: deps.ownWrites,
    security: new SecurityEvents(logger),
    wakeMaintenance: () => maintenance.wake(),
    now,
  });
  return {
    subscriptions,
    maintenance,
    router: graphWebhookRouter(receiver),
    start: () => maintenance.start(),
    stop: async () => {
      await maintenance.stop();
      await coalescer.stop();
    },
  };
}
