import { randomUUID } from 'node:crypto';
import type { Logger } from '../../platform/logging/logger.js';
import type { ItemChange } from '../store/model.js';
import type { SandboxStore } from '../store/sandbox-store.js';
import { DEFAULT_TIMINGS, NotificationDelivery, type DeliveryTimings } from './subscriptions-delivery.js';
import { lifecycleNotification, validateEndpoint, validationFailed } from './subscriptions-lifecycle.js';
import { SubscriptionRegistry, type Subscription } from './subscriptions-registry.js';
import { notifiedResource, scopeMatches, type LifecycleEvent } from './subscriptions-resource.js';
import type { SubscriptionRequest } from './subscriptions-validation.js';

export interface SubscriptionServiceOptions extends Partial<DeliveryTimings> {
  logger: Logger;
}

/**
 * Graph change notifications for the sandbox's mailboxes: keeps the subscriptions (in memory),
 * validates endpoints, turns store changes into basic notifications and delivers them
 * (coalesced, acknowledged within the timeout or retried), and sends lifecycle notifications.
 */
export class SubscriptionService {
  readonly registry = new SubscriptionRegistry();
  readonly timings: DeliveryTimings;
  private readonly delivery: NotificationDelivery;
  private readonly logger: Logger;

  constructor(
    private readonly store: SandboxStore,
    options: SubscriptionServiceOptions,
  ) {
    const { logger, ...timings } = options;
    this.logger = logger;
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
    this.delivery = new NotificationDelivery(
      this.timings,
      {
        stats: (id) => this.registry.stats(id),
        alive: (id) => this.registry.find(id) !== undefined,
      },
      logger,
    );
  }

  /**
   * Creates the subscription once both endpoints pass the handshake (in parallel), else 400.
   * `creatorId`: the signed-in user, or the app's service principal for app-only callers.
   */
  async create(
    request: SubscriptionRequest,
    caller: { applicationId: string; creatorId: string },
  ): Promise<Subscription> {
    const urls = [request.notificationUrl, request.lifecycleNotificationUrl].filter(
      (u): u is string => u !== null,
    );
    const results = await Promise.all(
      urls.map((u) => validateEndpoint(u, this.timings.validationTimeoutMs, this.logger)),
    );
    if (results.includes(false)) throw validationFailed();
    const { scope, ...fields } = request;
    const subscription: Subscription = {
      ...scope,
      ...fields,
      id: randomUUID(),
      ...caller,
      reauthorizationRequired: false,
    };
    this.registry.add(subscription);
    return subscription;
  }

  /** Store listener: one basic notification per matching subscription, queued for its endpoint. */
  onChange(change: ItemChange): void {
    for (const subscription of this.registry.list(change.tenantId)) {
      if (!scopeMatches(subscription, change)) continue;
      if (!subscription.changeType.split(',').includes(change.changeType)) continue;
      const mailbox = this.store.mailbox(change.tenantId, change.userId);
      const item = mailbox?.[change.collection][change.id];
      const changeKey = typeof item?.changeKey === 'string' ? item.changeKey : undefined;
      this.delivery.enqueue(subscription.notificationUrl, {
        subscriptionId: subscription.id,
        subscriptionExpirationDateTime: subscription.expirationDateTime,
        changeType: change.changeType,
        ...notifiedResource(subscription, change, changeKey),
        clientState: subscription.clientState,
        tenantId: subscription.tenantId,
      });
    }
  }

  /**
   * Sends a lifecycle event to the subscription's lifecycle URL. `subscriptionRemoved` also removes
   * the subscription; `reauthorizationRequired` flags it until reauthorize or renew.
   */
  sendLifecycle(subscription: Subscription, event: LifecycleEvent): void {
    const url = subscription.lifecycleNotificationUrl;
    if (!url) throw new Error('The subscription has no lifecycleNotificationUrl.');
    this.delivery.sendLifecycle(url, [lifecycleNotification(subscription, event)]);
    if (event === 'subscriptionRemoved') this.registry.remove(subscription.tenantId, subscription.id);
    if (event === 'reauthorizationRequired')
      this.registry.update(subscription.tenantId, subscription.id, { reauthorizationRequired: true });
  }

  /** Ends a subscription now, as its expiry would: no notification, gone from every list. */
  expire(subscription: Subscription): void {
    this.registry.remove(subscription.tenantId, subscription.id);
  }

  async stop(): Promise<void> {
    this.registry.clear();
    await this.delivery.stop();
  }
}
