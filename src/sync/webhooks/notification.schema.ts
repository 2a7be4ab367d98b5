import { z } from 'zod';

/**
 * One entry of a `changeNotificationCollection` as far as Tandem reads it: who it claims to be
 * (subscription, tenant, clientState) and what it names. `resourceData` is never taken as data: only
 * its item id and version are compared with Tandem's own last write (see {@link notifiedVersion}).
 */
export const notificationItem = z.object({
  subscriptionId: z.string().min(1).max(128),
  tenantId: z.string().min(1).max(64),
  clientState: z.string().max(256).nullish(),
  resource: z.string().max(2048).nullish(),
  changeType: z.string().max(64).nullish(),
  lifecycleEvent: z.string().max(64).nullish(),
  /** Read leniently: a malformed one only means "not Tandem's echo". */
  resourceData: z.unknown().optional(),
});
export type NotificationItem = z.infer<typeof notificationItem>;

/** Graph batches notifications of several subscriptions in one POST; a generous cap bounds the work. */
export const MAX_NOTIFICATIONS_PER_POST = 1_000;

/** The envelope; entries are checked one by one so one bad entry does not hide the others. */
export const notificationCollection = z.object({
  value: z.array(z.unknown()).max(MAX_NOTIFICATIONS_PER_POST),
});

export const LIFECYCLE_EVENTS = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/**
 * The item and version a change notification names (`resourceData.id` and `@odata.etag`
 * `W/"<changeKey>"`, Outlook resources), for an update or a creation; undefined otherwise.
 */
export function notifiedVersion(item: NotificationItem): { remoteId: string; version: string } | undefined {
  if (item.changeType !== 'updated' && item.changeType !== 'created') return undefined;
  const data = item.resourceData;
  if (!data || typeof data !== 'object') return undefined;
  const { id, '@odata.etag': etag } = data as Record<string, unknown>;
  const version = typeof etag === 'string' ? /^W\/"([^"]{1,256})"$/.exec(etag)?.[1] : undefined;
  return typeof id === 'string' && id.length <= 1024 && version ? { remoteId: id, version } : undefined;
}
