import { z } from 'zod';

/**
 * One entry of a `changeNotificationCollection` as far as Tandem reads it: who it claims to be
 * (subscription, tenant, clientState) and what it names. Change data (`resourceData`) is never read.
 */
export const notificationItem = z.object({
  subscriptionId: z.string().min(1).max(128),
  tenantId: z.string().min(1).max(64),
  clientState: z.string().max(256).nullish(),
  resource: z.string().max(2048).nullish(),
  changeType: z.string().max(64).nullish(),
  lifecycleEvent: z.string().max(64).nullish(),
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
