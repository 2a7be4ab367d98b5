import type { Item, Mailbox } from '../store/model.js';
import { graphErrors } from './graph-error.js';
import { mailboxRoute, type GraphContext, type GraphResult, type GraphRoute } from './graph-route.js';
import { bodyAs, preferredBodyType, type MailBody } from './mail-body.js';
import { deliver, sentItemsOf } from './mail-delivery.js';
import { messageFilter, messageOrder, messageSearch } from './mail-query.js';
import { parseSendMail } from './mail-send.js';
import { pageOf, present } from './odata.js';

const R = mailboxRoute;

const SEND = { delegated: ['Mail.Send'], application: ['Mail.Send'] };
const READ = {
  delegated: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'],
  application: ['Mail.ReadBasic.All', 'Mail.Read', 'Mail.ReadWrite'],
};
const WRITE = { delegated: ['Mail.ReadWrite'], application: ['Mail.ReadWrite'] };

/** Properties of a sent or received message a client may change (the others are for drafts only). */
const UPDATABLE: Record<string, 'boolean' | 'string' | 'object' | 'array'> = {
  isRead: 'boolean',
  isReadReceiptRequested: 'boolean',
  isDeliveryReceiptRequested: 'boolean',
  categories: 'array',
  importance: 'string',
  inferenceClassification: 'string',
  flag: 'object',
  toRecipients: 'array',
  ccRecipients: 'array',
  bccRecipients: 'array',
};
const DRAFT_ONLY = new Set(['subject', 'body', 'internetMessageId', 'replyTo', 'from', 'sender']);
const READ_ONLY = new Set([
  'id',
  'bodyPreview',
  'changeKey',
  'conversationId',
  'conversationIndex',
  'createdDateTime',
  'hasAttachments',
  'isDraft',
  'lastModifiedDateTime',
  'parentFolderId',
  'receivedDateTime',
  'sentDateTime',
  'uniqueBody',
  'webLink',
]);
const ENUMS: Record<string, string[]> = {
  importance: ['low', 'normal', 'high'],
  inferenceClassification: ['focused', 'other'],
};
/** Well-known folders that exist in every mailbox but never hold sandbox mail. */
const EMPTY_FOLDERS = ['drafts', 'deleteditems', 'junkemail', 'outbox', 'archive'];

function mailboxOf(ctx: GraphContext): Mailbox {
  return ctx.mailbox!;
}

function folderOf(ctx: GraphContext, idOrName: string): string {
  const mb = mailboxOf(ctx);
  const name = idOrName.toLowerCase();
  if (name === 'inbox' || idOrName === mb.wellKnown.inbox) return mb.wellKnown.inbox;
  if (name === 'sentitems' || idOrName === sentItemsOf(mb)) return sentItemsOf(mb);
  if (EMPTY_FOLDERS.includes(name)) return name;
  throw graphErrors.notFound();
}

function messageOf(ctx: GraphContext, id: string, folderId?: string): Item {
  const item = ctx.store.get(mailboxOf(ctx), 'messages', id);
  if (!item || (folderId !== undefined && item._parent !== folderId)) throw graphErrors.notFound();
  return item;
}

/** Mail.ReadBasic(.All) alone reads everything but the body. */
function basicOnly(ctx: GraphContext): boolean {
  const held = ctx.principal.kind === 'delegated' ? ctx.principal.scopes : ctx.principal.roles;
  return !held.has('mail.read') && !held.has('mail.readwrite');
}

function show(ctx: GraphContext, item: Item): Record<string, unknown> {
  const out = present(item, { select: ctx.query.select, etag: true });
  if (out.body) out.body = bodyAs(out.body as MailBody, preferredBodyType(ctx.headers.prefer) ?? 'html');
  if (basicOnly(ctx)) {
    delete out.body;
    delete out.bodyPreview;
  }
  return out;
}

function preferenceApplied(ctx: GraphContext): Record<string, string> {
  const wanted = preferredBodyType(ctx.headers.prefer);
  return wanted ? { 'preference-applied': `outlook.body-content-type="${wanted}"` } : {};
}

function showOne(ctx: GraphContext, item: Item): GraphResult {
  return {
    status: 200,
    headers: preferenceApplied(ctx),
    body: {
      '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#users('${ctx.user!.id}')/messages/$entity`,
      ...show(ctx, item),
    },
  };
}

function listMessages(ctx: GraphContext, folderId?: string): GraphResult {
  const filter = messageFilter(ctx.query.filter);
  const search = messageSearch(ctx.query.search);
  const items = ctx.store
    .live(mailboxOf(ctx), 'messages', folderId)
    .filter((i) => filter(i) && search(i))
    .sort(messageOrder(ctx.query.orderby));
  return {
    status: 200,
    headers: preferenceApplied(ctx),
    body: pageOf(
      ctx,
      items.map((i) => show(ctx, i)),
    ),
  };
}

function checkIfMatch(ctx: GraphContext, item: Item): void {
  const ifMatch = ctx.headers['if-match'];
  if (ifMatch && ifMatch !== '*' && ifMatch !== `W/"${String(item.changeKey)}"`) throw graphErrors.conflict();
}

function checkPatch(body: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith('@odata.')) continue;
    if (DRAFT_ONLY.has(k))
      throw graphErrors.badRequest(
        'Update operation is invalid for property of a sent message.',
        'ErrorInvalidPropertyUpdateSentMessage',
      );
    if (READ_ONLY.has(k))
      throw graphErrors.badRequest('Set action is invalid for property.', 'ErrorInvalidPropertySet');
    const type = UPDATABLE[k];
    if (!type) throw graphErrors.unknownProperty(k, 'message');
    const actual = Array.isArray(v) ? 'array' : v === null ? 'object' : typeof v;
    const value = typeof v === 'string' && ENUMS[k] ? v.toLowerCase() : v;
    if (actual !== type || (ENUMS[k] && !ENUMS[k].includes(value as string)))
      throw graphErrors.badRequest(
        `Cannot convert the literal '${JSON.stringify(v)}' to the expected type of '${k}'.`,
        'RequestBodyRead',
      );
    patch[k] = value;
  }
  return patch;
}

function updateMessage(ctx: GraphContext, item: Item): GraphResult {
  checkIfMatch(ctx, item);
  const patch = checkPatch(ctx.body!);
  return showOne(ctx, ctx.store.update(mailboxOf(ctx), 'messages', item.id, patch));
}

function deleteMessage(ctx: GraphContext, item: Item): GraphResult {
  checkIfMatch(ctx, item);
  ctx.store.remove(mailboxOf(ctx), 'messages', item.id);
  return { status: 204 };
}

function sendMail(ctx: GraphContext): GraphResult {
  const user = ctx.user!;
  const own = [user.mail, user.userPrincipalName].map((a) => a.toLowerCase());
  const mail = parseSendMail(ctx.body!, own);
  deliver(ctx.store, { tenant: ctx.tenant, user, mailbox: mailboxOf(ctx) }, mail);
  return { status: 202 };
}

const inFolder = (ctx: GraphContext) => folderOf(ctx, ctx.params.folder!);

/** `sendMail` and the messages of a mailbox (all folders, or one folder: Inbox, Sent Items). */
export const mailRoutes: GraphRoute[] = [
  R('POST', '/sendMail', SEND, sendMail),
  R('GET', '/messages', READ, (ctx) => listMessages(ctx)),
  R('GET', '/messages/{message}', READ, (ctx) => showOne(ctx, messageOf(ctx, ctx.params.message!))),
  R('PATCH', '/messages/{message}', WRITE, (ctx) => updateMessage(ctx, messageOf(ctx, ctx.params.message!))),
  R('DELETE', '/messages/{message}', WRITE, (ctx) => deleteMessage(ctx, messageOf(ctx, ctx.params.message!))),
  R('GET', '/mailFolders/{folder}/messages', READ, (ctx) => listMessages(ctx, inFolder(ctx))),
  R('GET', '/mailFolders/{folder}/messages/{message}', READ, (ctx) =>
    showOne(ctx, messageOf(ctx, ctx.params.message!, inFolder(ctx))),
  ),
  R('PATCH', '/mailFolders/{folder}/messages/{message}', WRITE, (ctx) =>
    updateMessage(ctx, messageOf(ctx, ctx.params.message!, inFolder(ctx))),
  ),
  R('DELETE', '/mailFolders/{folder}/messages/{message}', WRITE, (ctx) =>
    deleteMessage(ctx, messageOf(ctx, ctx.params.message!, inFolder(ctx))),
  ),
];
