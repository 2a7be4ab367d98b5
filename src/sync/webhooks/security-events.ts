import type { Logger } from '../../platform/logging/logger.js';

/** Why a notification was dropped. */
export type DropReason =
  | 'malformed'
  | 'unknown_subscription'
  | 'tenant_mismatch'
  | 'client_state_mismatch'
  | 'resource_mismatch'
  | 'stale_lifecycle';

/**
 * Security log of dropped notifications, rate-limited: at most one line per reason per interval,
 * carrying how many were dropped since the last line. Never given a clientState or a payload.
 */
export class SecurityEvents {
  private readonly last = new Map<DropReason, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  dropped(reason: DropReason, context: { subscriptionId?: string; tenantId?: string }): void {
    const now = this.now();
    const seen = this.last.get(reason);
    if (seen && now - seen.at < this.intervalMs) {
      seen.suppressed++;
      return;
    }
    this.last.set(reason, { at: now, suppressed: 0 });
    this.logger.warn(
      {
        security: 'graph_notification_dropped',
        reason,
        subscriptionId: context.subscriptionId?.slice(0, 64),
        tenantId: context.tenantId?.slice(0, 64),
        suppressedSinceLast: seen?.suppressed ?? 0,
      },
      'Graph notification dropped',
    );
  }
}
