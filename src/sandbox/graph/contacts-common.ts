import type { Item, Mailbox } from '../store/model.js';
import { graphErrors } from './graph-error.js';
import { mailboxRoute, type GraphContext } from './graph-route.js';

/** Permissions for reading contacts and folders (delegated scopes, application roles). */
export const READ = {
  delegated: ['Contacts.Read', 'Contacts.ReadWrite'],
  application: ['Contacts.Read', 'Contacts.ReadWrite'],
};
/** Permissions for changing them. */
export const WRITE = { delegated: ['Contacts.ReadWrite'], application: ['Contacts.ReadWrite'] };

const ARRAYS = new Set([
  'businessPhones',
  'categories',
  'children',
  'emailAddresses',
  'homePhones',
  'imAddresses',
]);
const ADDRESSES = new Set(['businessAddress', 'homeAddress', 'otherAddress']);
export const FOLDER_PROPERTIES = new Set(['displayName', 'singleValueExtendedProperties']);

export function checkBody(body: Record<string, unknown>, allowed: Set<string>, type: string): void {
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith('@odata.')) continue;
    if (!allowed.has(k)) throw graphErrors.unknownProperty(k, type);
    if (v === null) continue;
    const bad =
      (ARRAYS.has(k) && !Array.isArray(v)) ||
      (ADDRESSES.has(k) && (typeof v !== 'object' || Array.isArray(v))) ||
      (!ARRAYS.has(k) &&
        !ADDRESSES.has(k) &&
        k !== 'singleValueExtendedProperties' &&
        !k.endsWith('EmailAddress') &&
        typeof v !== 'string');
    if (bad)
      throw graphErrors.badRequest(
        `Cannot convert the literal '${JSON.stringify(v)}' to the expected type of '${k}'.`,
        'RequestBodyRead',
      );
  }
  if (Array.isArray(body.emailAddresses) && body.emailAddresses.length > 3) {
    throw graphErrors.badRequest('A contact can have at most 3 email addresses.', 'ErrorInvalidRequest');
  }
}

export function mailboxOf(ctx: GraphContext): Mailbox {
  return ctx.mailbox!;
}

export function folderOf(ctx: GraphContext, id: string): Item {
  const mb = mailboxOf(ctx);
  const folder = ctx.store.get(mb, 'contactFolders', id);
  if (!folder) throw graphErrors.notFound();
  return folder;
}

export function checkIfMatch(ctx: GraphContext, item: Item): void {
  const ifMatch = ctx.headers['if-match'];
  if (ifMatch && ifMatch !== '*' && ifMatch !== `W/"${String(item.changeKey)}"`) throw graphErrors.conflict();
}

/** The default Contacts folder of the mailbox. */
export const defaultFolder = (ctx: GraphContext) => mailboxOf(ctx).wellKnown.contacts;

/** A contacts route on `/users/{user}…` (and so on `/me/…`). */
export const R = mailboxRoute;
