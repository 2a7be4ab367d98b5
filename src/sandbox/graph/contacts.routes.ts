import type { Item } from '../store/model.js';
import { deltaPage } from './delta.js';
import {
  expandedProperties,
  extendedPropertyFilter,
  mergeExtendedProperties,
} from './extended-properties.js';
import { graphErrors } from './graph-error.js';
import type { GraphContext, GraphResult, GraphRoute } from './graph-route.js';
import { pageOf, present } from './odata.js';
import { contactFolderRoutes } from './contact-folders.routes.js';
import {
  checkBody,
  checkIfMatch,
  defaultFolder,
  folderOf,
  mailboxOf,
  R,
  READ,
  WRITE,
} from './contacts-common.js';

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
/** Outlook fills displayName from the name parts when it is not given. */
function computedName(c: Record<string, unknown>): string {
  const name = [c.givenName, c.middleName, c.surname].filter((s) => typeof s === 'string' && s).join(' ');
  const email = (c.emailAddresses as { address?: string }[] | undefined)?.[0]?.address;
  return name || (c.companyName as string | undefined) || email || '';
}

function contactOf(ctx: GraphContext, id: string, folderId?: string): Item {
  const item = ctx.store.get(mailboxOf(ctx), 'contacts', id);
  if (!item || (folderId !== undefined && item._parent !== folderId)) throw graphErrors.notFound();
  return item;
}

function showContact(ctx: GraphContext, item: Item, status = 200): GraphResult {
  const expanded = expandedProperties(item, ctx.query.expand);
  const body = present(item, { select: ctx.query.select, etag: true });
  if (expanded) body.singleValueExtendedProperties = expanded;
  return { status, body: { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#contacts/$entity`, ...body } };
}

function listContacts(ctx: GraphContext, folderId: string): GraphResult {
  folderOf(ctx, folderId);
  let items = ctx.store.live(mailboxOf(ctx), 'contacts', folderId);
  if (ctx.query.filter) {
    const byProperty = extendedPropertyFilter(ctx.query.filter);
    const byEmail = /^emailAddresses\/any\((\w+):\s*\1\/address eq '([^']*)'\)$/i.exec(
      ctx.query.filter.trim(),
    );
    // Outlook items filter on their categories by name with a lambda (learn.microsoft.com/graph/
    // filter-query-parameter: "categories/any(a:a eq 'Red category')"); names compare without case.
    const byCategory = /^categories\/any\((\w+):\s*\1 eq '((?:[^']|'')*)'\)$/i.exec(ctx.query.filter.trim());
    if (byProperty) items = items.filter(byProperty);
    else if (byCategory) {
      const wanted = byCategory[2]!.replaceAll("''", "'").toLowerCase();
      items = items.filter((i) => ((i.categories as string[]) ?? []).some((c) => c.toLowerCase() === wanted));
    } else if (byEmail)
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

/** Contacts, in a folder or in the default folder, and contact folders. */
export const contactRoutes: GraphRoute[] = [
  ...contactFolderRoutes,
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
  R('GET', '/contacts', READ, (ctx) => listContacts(ctx, defaultFolder(ctx))),
  R('POST', '/contacts', WRITE, (ctx) => createContact(ctx, defaultFolder(ctx))),
  R('GET', '/contacts/delta', READ, (ctx) => contactsDelta(ctx, defaultFolder(ctx))),
  R('GET', '/contacts/{contact}', READ, (ctx) => showContact(ctx, contactOf(ctx, ctx.params.contact!))),
  R('PATCH', '/contacts/{contact}', WRITE, (ctx) => updateContact(ctx, contactOf(ctx, ctx.params.contact!))),
  R('DELETE', '/contacts/{contact}', WRITE, (ctx) => deleteContact(ctx, contactOf(ctx, ctx.params.contact!))),
];
