import type { Item } from '../store/model.js';
import { deltaPage } from './delta.js';
import { expandedProperties, mergeExtendedProperties } from './extended-properties.js';
import { graphErrors } from './graph-error.js';
import type { GraphContext, GraphResult, GraphRoute } from './graph-route.js';
import { pageOf, present } from './odata.js';
import {
  checkBody,
  defaultFolder,
  FOLDER_PROPERTIES,
  folderOf,
  mailboxOf,
  R,
  READ,
  WRITE,
} from './contacts-common.js';

function showFolder(ctx: GraphContext, folder: Item, status = 200): GraphResult {
  const expanded = expandedProperties(folder, ctx.query.expand);
  const body = present(folder, { select: ctx.query.select });
  if (expanded) body.singleValueExtendedProperties = expanded;
  return {
    status,
    body: { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#contactFolders/$entity`, ...body },
  };
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

/** Contact folders: the default folder's children, child folders, and their delta. */
export const contactFolderRoutes: GraphRoute[] = [
  R('GET', '/contactFolders', READ, (ctx) => listFolders(ctx, defaultFolder(ctx))),
  R('POST', '/contactFolders', WRITE, (ctx) => createFolder(ctx, defaultFolder(ctx))),
  R('GET', '/contactFolders/delta', READ, (ctx) => ({
    status: 200,
    body: deltaPage(
      ctx,
      `folders:${defaultFolder(ctx)}`,
      Object.values(mailboxOf(ctx).contactFolders).filter((f) => f._parent === defaultFolder(ctx)),
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
];
