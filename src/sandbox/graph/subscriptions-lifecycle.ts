import { randomUUID } from 'node:crypto';
import type { Logger } from '../../platform/logging/logger.js';
import { GraphError } from './graph-error.js';
import type { Notification } from './subscriptions-delivery.js';
import type { Subscription } from './subscriptions-registry.js';
import type { LifecycleEvent } from './subscriptions-resource.js';

/** Graph's answer when an endpoint fails the handshake [FACTS §11, observed]. */
export const validationFailed = () =>
  new GraphError(
    400,
    'InvalidRequest',
    'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
  );

/**
 * The token Graph sends, and how it sends it: `Validation%3a+Testing+client+application+
 * reachability+for+subscription+Request-Id%3a+<guid>` (.NET form encoding: `+` for spaces,
 * lower-case escapes), as seen in public webhook logs. A receiver must decode `+` as a space.
 */
export function validationToken(): { token: string; encoded: string } {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const encoded = encodeURIComponent(token)
    .replace(/%20/g, '+')
    .replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
  return { token, encoded };
}

/** `url` with `validationToken` appended (its own query string kept, as Graph does). */
function withToken(url: string, encoded: string): string {
  const u = new URL(url);
  const query = u.search ? `${u.search}&` : '?';
  return `${u.origin}${u.pathname}${query}validationToken=${encoded}`;
}

/**
 * The notification-URL validation [L: change-notifications-delivery-notificationurl-validation include]:
 * POST `<url>?validationToken=…` with `Content-Type: text/plain; charset=utf-8`; the endpoint must
 * answer 200, `text/plain`, the URL-decoded token as body, within the timeout (10 s at Graph).
 */
export async function validateEndpoint(url: string, timeoutMs: number, logger: Logger): Promise<boolean> {
  const { token, encoded } = validationToken();
  try {
    const res = await fetch(withToken(url, encoded), {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    const ok =
      res.status === 200 && /^text\/plain\b/i.test(res.headers.get('content-type') ?? '') && body === token;
    if (!ok) logger.info({ url, status: res.status }, 'notification endpoint failed validation');
    return ok;
  } catch (err) {
    logger.info({ err, url }, 'notification endpoint did not answer the validation request');
    return false;
  }
}

/** A lifecycle notification [L: /graph/change-notifications-lifecycle-events §Structure]. */
export function lifecycleNotification(subscription: Subscription, event: LifecycleEvent): Notification {
  return {
    subscriptionId: subscription.id,
    subscriptionExpirationDateTime: subscription.expirationDateTime,
    tenantId: subscription.tenantId,
    clientState: subscription.clientState,
    lifecycleEvent: event,
  };
}
