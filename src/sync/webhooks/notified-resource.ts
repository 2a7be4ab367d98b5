import type { SyncModule } from '../module-settings.table.js';

/** The item collection under the mailbox that a module's notifications name (FACTS §11). */
const COLLECTION: Record<SyncModule, string> = { contacts: 'contacts', meetings: 'events', tasks: 'todo' };

/** `Users('x')` → `Users`, `x`: both key spellings Graph uses in resource paths. */
function segmentsOf(resource: string): string[] {
  return resource
    .replace(/^\/+/, '')
    .split('/')
    .flatMap((segment) => {
      const keyed = /^([A-Za-z]+)\('([^']*)'\)$/.exec(segment);
      return keyed ? [keyed[1]!, keyed[2]!] : [segment];
    });
}

/**
 * Whether a notification's `resource` (e.g. `Users/{id}/Contacts/{id}`) lies in the subscribed
 * mailbox and the module's collection. A notification naming another user's mailbox is foreign,
 * even with a valid clientState.
 */
export function resourceBelongs(notified: string, mailbox: string, module: SyncModule): boolean {
  const [users, user, collection] = segmentsOf(notified);
  return (
    users?.toLowerCase() === 'users' &&
    user?.toLowerCase() === mailbox.toLowerCase() &&
    collection?.toLowerCase() === COLLECTION[module]
  );
}
