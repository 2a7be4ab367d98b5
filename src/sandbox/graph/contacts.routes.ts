import type { Item, Mailbox } from '../store/model.js';
import { deltaPage } from './delta.js';
import {
  expandedProperties,
  extendedPropertyFilter,
  mergeExtendedProperties,
} from './extended-properties.js';
import { graphErrors } from './graph-error.js';
import type { GraphContext, GraphResult, GraphRoute } from './graph-route.js';
import { pageOf, present } from './odata.js';

const READ = {
  delegated: ['Contacts.Read', 'Contacts.ReadWrite'],
  application: ['Contacts.Read', 'Contacts.ReadWrite'],
};
const WRITE = { delegated: ['Contacts.ReadWrite'], application: ['Contacts.ReadWrite'] };

/** Writable contact properties (Graph v1.0 contact, with the 2026 additions). */
const CONTACT_PROPERTIES = new Set([
  'assistantName',
  'birthday',
  'businessAddress',
  'businessHomePage',
  'businessPhones',
  'categories',
  'children',
  'companyName',
  'department',
  'displayName',
  'emailAddresses',
  'fileAs',
  'generation',
  'givenName',
  'homeAddress',
  'homePhones',
  'imAddresses',
  'initials',
  'jobTitle',
  'manager',
  'middleName',
  'mobilePhone',
  'nickName',
  'officeLocation',
  'otherAddress',
  'personalNotes',
  'profession',
  'spouseName',
  'surname',
  'title',
  'yomiCompanyName',
  'yomiGivenName',
  'yomiSurname',
  'primaryEmailAddress',
  'secondaryEmailAddress',
  'tertiaryEmailAddress',
  'singleValueExtendedProperties',
]);
const ARRAYS = new Set([
  'businessPhones',
  'categories',
  'children',
  'emailAddresses',
  'homePhones',
  'imAddresses',
]);
const ADDRESSES = new Set(['businessAddress', 'homeAddress', 'otherAddress']);
const FOLDER_PROPERTIES = new Set(['displayName', 'singleValueExtendedProperties']);

function checkBody(body: Record<string, unknown>, allowed: Set<string>, type: string): void {
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

/** Outlook fills displayName from the name parts when it is not given. */
function computedName(c: Record<string, unknown>): string {
  const name = [c.givenName, c.middleName, c.surname].filter((s) => typeof s === 'string' && s).join(' ');
  const email = (c.emailAddresses as { address?: string }[] | undefined)?.[0]?.address;
  return name || (c.companyName as string | undefined) || email || '';
}

function mailboxOf(ctx: GraphContext): Mailbox {
  return ctx.mailbox!;
}

function folderOf(ctx: GraphContext, id: string): Item {
  const mb = mailboxOf(ctx);
  const folder = ctx.store.get(mb, 'contactFolders', id);
  if (!folder) throw graphErrors.notFound();
  return folder;
}

function contactOf(ctx: GraphContext, id: string, folderId?: string): Item {
  const item = ctx.store.get(mailboxOf(ctx), 'contacts', id);
  if (!item || (folderId !== undefined && item._parent !== folderId)) throw graphErrors.notFound();
  return item;
}

function checkIfMatch(ctx: GraphContext, item: Item): void {
  const ifMatch = ctx.headers['if-match'];
  if (ifMatch && ifMatch !== '*' && ifMatch !== `W/"${String(item.changeKey)}"`) throw graphErrors.conflict();
}

function showContact(ctx: GraphContext, item: Item, status = 200): GraphResult {
  const expanded = expandedProperties(item, ctx.query.expand);
  const body = present(item, { select: ctx.query.select, etag: true });
  if (expanded) body.singleValueExtendedProperties = expanded;
  return { status, body: { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#contacts/$entity`, ...body } };
}

function showFolder(ctx: GraphContext, folder: Item, status = 200): GraphResult {
  const expanded = expandedProperties(folder, ctx.query.expand);
  const body = present(folder, { select: ctx.query.select });
  if (expanded) body.singleValueExtendedProperties = expanded;
  return {
    status,
    body: { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#contactFolders/$entity`, ...body },
  };
}

function listContacts(ctx: GraphContext, folderId: string): GraphResult {
  folderOf(ctx, folderId);
  let items = ctx.store.live(mailboxOf(ctx), 'contacts', folderId);
  if (ctx.query.filter) {
    const byProperty = extendedPropertyFilter(ctx.query.filter);
    const byEmail = /^emailAddresses\/any\((\w+):\s*\1\/address eq '([^']*)'\)$/i.exec(
      ctx.query.filter.trim(),
    );
    if (byProperty) items = items.filter(byProperty);
    else if (byEmail)
      items = items.filter((i) =>
        ((i.emailAddresses as { address?: string }[]) ?? []).some(
          (e) => e.address?.toLowerCase() === byEmail[2]!.toLowerCase(),
        ),
      );
    else
      throw graphErrors.badRequest(
        'The query filter contains one or more invalid nodes.',
        'ErrorInvalidUrlQueryFilter',
      );
  }
  const shown = items.map((i) => {
    const body = present(i, { select: ctx.query.select, etag: true });
    const expanded = expandedProperties(i, ctx.query.expand);
    if (expanded) body.singleValueExtendedProperties = expanded;
    return body;
  });
  return { status: 200, body: pageOf(ctx, shown) };
}

function createContact(ctx: GraphContext, folderId: string): GraphResult {
  folderOf(ctx, folderId);
  const body = ctx.body!;
  checkBody(body, CONTACT_PROPERTIES, 'contact');
  const data: Record<string, unknown> = { ...body, parentFolderId: folderId };
  if (body.singleValueExtendedProperties)
    data.singleValueExtendedProperties = mergeExtendedProperties([], body.singleValueExtendedProperties);
  data.displayName =
    typeof body.displayName === 'string' && body.displayName ? body.displayName : computedName(body);
  for (const k of ['businessPhones', 'homePhones', 'emailAddresses', 'imAddresses', 'children'])
    data[k] ??= [];
  const item = ctx.store.create(mailboxOf(ctx), 'contacts', data, folderId);
  return showContact(ctx, item, 201);
}

function updateContact(ctx: GraphContext, item: Item): GraphResult {
  checkIfMatch(ctx, item);
  const body = ctx.body!;
  checkBody(body, CONTACT_PROPERTIES, 'contact');
  const patch: Record<string, unknown> = { ...body };
  if (body.singleValueExtendedProperties)
    patch.singleValueExtendedProperties = mergeExtendedProperties(
      item.singleValueExtendedProperties,
      body.singleValueExtendedProperties,
    );
  const nameChanged = ['givenName', 'middleName', 'surname'].some((k) => k in body);
  if (nameChanged && !('displayName' in body) && item.displayName === computedName(item)) {
    patch.displayName = computedName({ ...item, ...body });
  }
  return showContact(ctx, ctx.store.update(mailboxOf(ctx), 'contacts', item.id, patch));
}

function deleteContact(ctx: GraphContext, item: Item): GraphResult {
  checkIfMatch(ctx, item);
  ctx.store.remove(mailboxOf(ctx), 'contacts', item.id);
  return { status: 204 };
}

function contactsDelta(ctx: GraphContext, folderId: string): GraphResult {
  folderOf(ctx, folderId);
  const items = Object.values(mailboxOf(ctx).contacts).filter((i) => i._parent === folderId);
  return { status: 200, body: deltaPage(ctx, `contacts:${folderId}`, items, { etag: true }) };
}

function createFolder(ctx: GraphContext, parentId: string): GraphResult {
  const body = ctx.body!;
  checkBody(body, FOLDER_PROPERTIES, 'contactFolder');
  if (typeof body.displayName !== 'string' || !body.displayName.trim())
    throw graphErrors.badRequest('The folder name cannot be empty.', 'ErrorInvalidRequest');
  const mb = mailboxOf(ctx);
  const siblings = ctx.store.live(mb, 'contactFolders', parentId);
  if (siblings.some((f) => String(f.displayName).toLowerCase() === String(body.displayName).toLowerCase()))
    throw graphErrors.folderExists();
  const data: Record<string, unknown> = { displayName: body.displayName, parentFolderId: parentId };
  if (body.singleValueExtendedProperties)
    data.singleValueExtendedProperties = mergeExtendedProperties([], body.singleValueExtendedProperties);
  return showFolder(ctx, ctx.store.create(mb, 'contactFolders', data, parentId), 201);
}

function deleteFolder(ctx: GraphContext, id: string): GraphResult {
  const mb = mailboxOf(ctx);
  if (id === mb.wellKnown.contacts) throw graphErrors.accessDenied();
  folderOf(ctx, id);
  const removeTree = (folderId: string) => {
    for (const child of ctx.store.live(mb, 'contactFolders', folderId)) removeTree(child.id);
    for (const c of ctx.store.live(mb, 'contacts', folderId)) ctx.store.remove(mb, 'contacts', c.id);
    ctx.store.remove(mb, 'contactFolders', folderId);
  };
  removeTree(id);
  return { status: 204 };
}

function listFolders(ctx: GraphContext, parentId: string): GraphResult {
  let folders = ctx.store.live(mailboxOf(ctx), 'contactFolders', parentId);
  if (ctx.query.filter) {
    const byName = /^displayName eq '([^']*)'$/i.exec(ctx.query.filter.trim());
    if (!byName)
      throw graphErrors.badRequest(
        'The query filter contains one or more invalid nodes.',
        'ErrorInvalidUrlQueryFilter',
      );
    folders = folders.filter((f) => String(f.displayName).toLowerCase() === byName[1]!.toLowerCase());
  }
  return {
    status: 200,
    body: pageOf(
      ctx,
      folders.map((f) => present(f, { select: ctx.query.select })),
    ),
  };
}

const def = (ctx: GraphContext) => mailboxOf(ctx).wellKnown.contacts;
const R = (
  method: GraphRoute['method'],
  pattern: string,
  permission: GraphRoute['permission'],
  handler: GraphRoute['handler'],
): GraphRoute => ({
  method,
  pattern: `/users/{user}${pattern}`,
  permission,
  handler,
});

export const contactRoutes: GraphRoute[] = [
  R('GET', '/contactFolders', READ, (ctx) => listFolders(ctx, def(ctx))),
  R('POST', '/contactFolders', WRITE, (ctx) => createFolder(ctx, def(ctx))),
  R('GET', '/contactFolders/delta', READ, (ctx) => ({
    status: 200,
    body: deltaPage(
      ctx,
      `folders:${def(ctx)}`,
      Object.values(mailboxOf(ctx).contactFolders).filter((f) => f._parent === def(ctx)),
      { etag: false },
    ),
  })),
  R('GET', '/contactFolders/{folder}', READ, (ctx) => showFolder(ctx, folderOf(ctx, ctx.params.folder!))),
  R('PATCH', '/contactFolders/{folder}', WRITE, (ctx) => {
    const folder = folderOf(ctx, ctx.params.folder!);
    checkBody(ctx.body!, FOLDER_PROPERTIES, 'contactFolder');
    const patch: Record<string, unknown> = {};
    if (ctx.body!.displayName !== undefined) patch.displayName = ctx.body!.displayName;
    if (ctx.body!.singleValueExtendedProperties)
      patch.singleValueExtendedProperties = mergeExtendedProperties(
        folder.singleValueExtendedProperties,
        ctx.body!.singleValueExtendedProperties,
      );
    return showFolder(ctx, ctx.store.update(mailboxOf(ctx), 'contactFolders', folder.id, patch));
  }),
  R('DELETE', '/contactFolders/{folder}', WRITE, (ctx) => deleteFolder(ctx, ctx.params.folder!)),
  R('GET', '/contactFolders/{folder}/childFolders', READ, (ctx) =>
    listFolders(ctx, folderOf(ctx, ctx.params.folder!).id),
  ),
  R('POST', '/contactFolders/{folder}/childFolders', WRITE, (ctx) =>
    createFolder(ctx, folderOf(ctx, ctx.params.folder!).id),
  ),
  R('GET', '/contactFolders/{folder}/contacts', READ, (ctx) => listContacts(ctx, ctx.params.folder!)),
  R('POST', '/contactFolders/{folder}/contacts', WRITE, (ctx) => createContact(ctx, ctx.params.folder!)),
  R('GET', '/contactFolders/{folder}/contacts/delta', READ, (ctx) => contactsDelta(ctx, ctx.params.folder!)),
  R('GET', '/contactFolders/{folder}/contacts/{contact}', READ, (ctx) =>
    showContact(ctx, contactOf(ctx, ctx.params.contact!, ctx.params.folder)),
  ),
  R('PATCH', '/contactFolders/{folder}/contacts/{contact}', WRITE, (ctx) =>
    updateContact(ctx, contactOf(ctx, ctx.params.contact!, ctx.params.folder)),
  ),
  R('DELETE', '/contactFolders/{folder}/contacts/{contact}', WRITE, (ctx) =>
    deleteContact(ctx, contactOf(ctx, ctx.params.contact!, ctx.params.folder)),
  ),
  R('GET', '/contacts', READ, (ctx) => listContacts(ctx, def(ctx))),
  R('POST', '/contacts', WRITE, (ctx) => createContact(ctx, def(ctx))),
  R('GET', '/contacts/delta', READ, (ctx) => contactsDelta(ctx, def(ctx))),
  R('GET', '/contacts/{contact}', READ, (ctx) => showContact(ctx, contactOf(ctx, ctx.params.contact!))),
  R('PATCH', '/contacts/{contact}', WRITE, (ctx) => updateContact(ctx, contactOf(ctx, ctx.params.contact!))),
  R('DELETE', '/contacts/{contact}', WRITE, (ctx) => deleteContact(ctx, contactOf(ctx, ctx.params.contact!))),
];
