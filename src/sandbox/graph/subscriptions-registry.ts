import type { SubscriptionScope } from './subscriptions-resource.js';

/** A change-notification subscription as the sandbox keeps it (Graph's fields + what it watches). */
export interface Subscription extends SubscriptionScope {
  id: string;
  /** The resource path exactly as the client wrote it (Graph echoes it). */
  resource: string;
  applicationId: string;
  creatorId: string;
  changeType: string;
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: string;
  latestSupportedTlsVersion: string;
  includeResourceData: boolean | null;
  notificationUrlAppId: string | null;
  /** Set by a `reauthorizationRequired` lifecycle event, cleared by reauthorize or renew. */
  reauthorizationRequired: boolean;
}

/** What the sandbox saw of the deliveries to a subscription's endpoints. */
export interface DeliveryStats {
  /** POSTs acknowledged with 2xx (change and lifecycle notifications). */
  sent: number;
  /** Notifications of this subscription inside acknowledged POSTs. */
  notifications: number;
  /** Attempts that failed: non-2xx, timeout, connection error. */
  failed: number;
  /** Attempts that were retries of a failed POST. */
  retried: number;
  /** Notifications given up after the retry window. */
  dropped: number;
  /** Attempts slower than the slow threshold (2,900 ms at Graph), timeouts included. */
  slow: number;
  /** HTTP status of the last attempt, or `timeout` / `connection-error`. */
  lastStatus: number | 'timeout' | 'connection-error' | null;
  lastAttemptAt: string | null;
}

interface Entry {
  subscription: Subscription;
  stats: DeliveryStats;
  timer?: NodeJS.Timeout;
}

const emptyStats = (): DeliveryStats => ({
  sent: 0,
  notifications: 0,
  failed: 0,
  retried: 0,
  dropped: 0,
  slow: 0,
  lastStatus: null,
  lastAttemptAt: null,
});

/** setTimeout's ceiling (~24.8 days); longer expiries re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Subscriptions in memory, per tenant. They do not survive a restart of the sandbox (nor does a
 * notification endpoint's registration survive anything at Graph but its expiry): after a restart
 * Tandem's renewal finds 404 and recreates them, which is the recovery path it needs anyway.
 * Expired subscriptions are removed when their expiry passes (timer) or when next looked at.
 */
export class SubscriptionRegistry {
  private readonly tenants = new Map<string, Map<string, Entry>>();

  constructor(private readonly now: () => number = Date.now) {}

  add(subscription: Subscription): void {
    let tenant = this.tenants.get(subscription.tenantId);
    if (!tenant) this.tenants.set(subscription.tenantId, (tenant = new Map()));
    const entry: Entry = { subscription, stats: emptyStats() };
    tenant.set(subscription.id, entry);
    this.arm(entry);
  }

  /** A live subscription of a tenant. */
  get(tenantId: string, id: string): Subscription | undefined {
    return this.entry(tenantId, id)?.subscription;
  }

  /** A live subscription in any tenant (tools). */
  find(id: string): Subscription | undefined {
    for (const tenantId of this.tenants.keys()) {
      const found = this.get(tenantId, id);
      if (found) return found;
    }
    return undefined;
  }

  /** Live subscriptions of a tenant (all tenants when omitted). */
  list(tenantId?: string): Subscription[] {
    const tenants = tenantId === undefined ? [...this.tenants.keys()] : [tenantId];
    return tenants.flatMap((t) =>
      [...(this.tenants.get(t)?.values() ?? [])]
        .filter((e) => !this.expireIfDue(e))
        .map((e) => e.subscription),
    );
  }

  stats(subscriptionId: string): DeliveryStats | undefined {
    for (const tenant of this.tenants.values()) {
      const entry = tenant.get(subscriptionId);
      if (entry) return entry.stats;
    }
    return undefined;
  }

  /** Applies a change (renewal, reauthorization) and re-arms the expiry. */
  update(tenantId: string, id: string, patch: Partial<Subscription>): Subscription | undefined {
    const entry = this.entry(tenantId, id);
    if (!entry) return undefined;
    Object.assign(entry.subscription, patch);
    this.arm(entry);
    return entry.subscription;
  }

  remove(tenantId: string, id: string): boolean {
    const entry = this.tenants.get(tenantId)?.get(id);
    if (!entry) return false;
    clearTimeout(entry.timer);
    return this.tenants.get(tenantId)!.delete(id);
  }

  /** Stops every expiry timer (sandbox stop). */
  clear(): void {
    for (const tenant of this.tenants.values()) for (const e of tenant.values()) clearTimeout(e.timer);
    this.tenants.clear();
  }

  private entry(tenantId: string, id: string): Entry | undefined {
    const entry = this.tenants.get(tenantId)?.get(id);
    return entry && !this.expireIfDue(entry) ? entry : undefined;
  }

  private expireIfDue(entry: Entry): boolean {
    if (Date.parse(entry.subscription.expirationDateTime) > this.now()) return false;
    this.remove(entry.subscription.tenantId, entry.subscription.id);
    return true;
  }

  private arm(entry: Entry): void {
    clearTimeout(entry.timer);
    const due = Date.parse(entry.subscription.expirationDateTime) - this.now();
    entry.timer = setTimeout(
      () => {
        if (!this.expireIfDue(entry)) this.arm(entry);
      },
      Math.min(Math.max(due, 0), MAX_TIMER_MS),
    );
    entry.timer.unref();
  }
}
