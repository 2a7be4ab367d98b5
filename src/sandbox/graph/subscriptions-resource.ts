import type { ItemChange } from '../store/model.js';

/**
 * The resources Tandem subscribes to, as the change-notification service understands them
 * [L: /graph/outlook-change-notifications-overview; L: /graph/change-notifications-overview,
 * supported-resources include]:
 * - `contact`: `/me/contacts`, `/users/{id}/contacts` ("all personal contacts in a user's mailbox",
 *   every contact folder) and `/users/{id}/contactFolders/{id}/contacts` (that folder only);
 * - `event`: `/me/events`, `/users/{id}/events` (every calendar of the mailbox);
 * - `todoTask`: `/me/todo/lists/{id}/tasks`, `/users/{id}/todo/lists/{id}/tasks` (that list).
 */
export type SubscribedKind = 'contact' | 'event' | 'todoTask';

export interface ParsedResource {
  kind: SubscribedKind;
  /** `me`, or the user id / user principal name as written. */
  userRef: string;
  /** Contact folder (absent: the whole mailbox) or To Do list. */
  container?: string;
}

/** What a subscription watches, resolved to a mailbox. */
export interface SubscriptionScope {
  tenantId: string;
  userId: string;
  kind: SubscribedKind;
  container?: string;
}

/** Read permission needed to create and manage a subscription on each kind (any one of them). */
export const RESOURCE_PERMISSIONS: Record<SubscribedKind, { delegated: string[]; application: string[] }> = {
  contact: {
    delegated: ['Contacts.Read', 'Contacts.ReadWrite'],
    application: ['Contacts.Read', 'Contacts.ReadWrite'],
  },
  event: {
    delegated: ['Calendars.Read', 'Calendars.ReadWrite'],
    application: ['Calendars.Read', 'Calendars.ReadWrite'],
  },
  todoTask: {
    delegated: ['Tasks.Read', 'Tasks.ReadWrite'],
    application: ['Tasks.Read.All', 'Tasks.ReadWrite.All'],
  },
};

/** Outlook message/event/contact and todoTask: 4,230 minutes [L: subscription-lifetime include; FACTS §0.9]. */
export const MAX_LIFETIME_MINUTES: Record<SubscribedKind, number> = {
  contact: 4230,
  event: 4230,
  todoTask: 4230,
};

/**
 * `subscriptionRemoved` and `missed` exist for Outlook message, event and contact only;
 * `reauthorizationRequired` for every resource [L: /graph/change-notifications-lifecycle-events; FACTS §0.10].
 */
export type LifecycleEvent = 'reauthorizationRequired' | 'missed' | 'subscriptionRemoved';
export function supportsLifecycleEvent(kind: SubscribedKind, event: LifecycleEvent): boolean {
  return event === 'reauthorizationRequired' || kind !== 'todoTask';
}

/** `users('x')` → `users`, `x`: both key spellings Graph accepts in a resource path. */
function segmentsOf(resource: string): string[] {
  return resource
    .replace(/^\/+/, '')
    .split('/')
    .flatMap((segment) => {
      const keyed = /^([A-Za-z]+)\('([^']*)'\)$/.exec(segment);
      return keyed ? [keyed[1]!, keyed[2]!] : [segment];
    });
}

/** The resource path of a subscription request, or undefined when it is not one Tandem may use. */
export function parseResource(resource: string): ParsedResource | undefined {
  if (resource.includes('?')) return undefined;
  const parts = segmentsOf(resource);
  const head = parts[0]?.toLowerCase();
  let userRef: string;
  let rest: string[];
  if (head === 'me') [userRef, rest] = ['me', parts.slice(1)];
  else if (head === 'users' && parts[1]) [userRef, rest] = [parts[1], parts.slice(2)];
  else return undefined;
  const is = (...literals: (string | null)[]) =>
    rest.length === literals.length &&
    literals.every((l, i) => (l === null ? rest[i] !== '' : rest[i]!.toLowerCase() === l));
  if (is('contacts')) return { kind: 'contact', userRef };
  if (is('events')) return { kind: 'event', userRef };
  if (is('contactfolders', null, 'contacts')) return { kind: 'contact', userRef, container: rest[1] };
  if (is('todo', 'lists', null, 'tasks')) return { kind: 'todoTask', userRef, container: rest[2] };
  return undefined;
}

const COLLECTION: Record<SubscribedKind, ItemChange['collection']> = {
  contact: 'contacts',
  event: 'events',
  todoTask: 'todoTasks',
};

/** Whether a store change falls under a subscription's resource (mailbox, collection, container). */
export function scopeMatches(scope: SubscriptionScope, change: ItemChange): boolean {
  if (change.tenantId !== scope.tenantId || change.userId !== scope.userId) return false;
  if (change.collection !== COLLECTION[scope.kind]) return false;
  return scope.container === undefined || change.parent === scope.container;
}

/**
 * `resource` + `resourceData` of a basic notification. Outlook: `Users/{id}/Contacts/{id}` with
 * `@odata.type/@odata.id/@odata.etag/id` [L: /graph/api/resources/resourcedata;
 * L: /graph/change-notifications-delivery-webhooks example]. To Do's shape is not documented
 * (UNVERIFIED): the same layout under `todo/lists/{id}/tasks`, without an etag.
 */
export function notifiedResource(
  scope: SubscriptionScope,
  change: ItemChange,
  changeKey: string | undefined,
): { resource: string; resourceData: Record<string, unknown> } {
  const user = `Users/${scope.userId}`;
  const [path, type] =
    scope.kind === 'contact'
      ? [`${user}/Contacts/${change.id}`, '#Microsoft.Graph.Contact']
      : scope.kind === 'event'
        ? [`${user}/Events/${change.id}`, '#Microsoft.Graph.Event']
        : [`${user}/todo/lists/${change.parent ?? ''}/tasks/${change.id}`, '#Microsoft.Graph.todoTask'];
  const resourceData: Record<string, unknown> = { '@odata.type': type, '@odata.id': path };
  if (changeKey && scope.kind !== 'todoTask') resourceData['@odata.etag'] = `W/"${changeKey}"`;
  resourceData.id = change.id;
  return { resource: path, resourceData };
}
