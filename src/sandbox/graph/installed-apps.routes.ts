import type { Item, Mailbox } from '../store/model.js';
import { GraphError, graphErrors } from './graph-error.js';
import { mailboxRoute, type GraphContext, type GraphResult, type GraphRoute } from './graph-route.js';
import { pageOf } from './odata.js';
import {
  catalogApp,
  chatResource,
  installationId,
  teamsAppDefinitionResource,
  teamsAppResource,
} from './teams-catalog.js';

const P = 'TeamsAppInstallation';
const READ = {
  delegated: [`${P}.ReadForUser`, `${P}.ReadWriteSelfForUser`, `${P}.ReadWriteForUser`],
  application: [`${P}.ReadForUser.All`, `${P}.ReadWriteSelfForUser.All`, `${P}.ReadWriteForUser.All`],
};
const WRITE = {
  delegated: [`${P}.ReadWriteSelfForUser`, `${P}.ReadWriteForUser`],
  application: [`${P}.ReadWriteSelfForUser.All`, `${P}.ReadWriteForUser.All`],
};
const EXPANDABLE = ['teamsApp', 'teamsAppDefinition', 'chat'];
const TYPE = 'microsoft.graph.userScopeTeamsAppInstallation';

const notFound = (message: string) => new GraphError(404, 'NotFound', message);

function mailboxOf(ctx: GraphContext): Mailbox {
  return ctx.mailbox!;
}

/**
 * Whether the caller may see (or, with `write`, change) an installation of the app registered as
 * `azureADAppId`: a `…ForUser` permission covers every app, a `…SelfForUser` one only the
 * caller's own app (the catalog app whose `azureADAppId` is the token's app id).
 */
function mayHandle(ctx: GraphContext, azureADAppId: unknown, write: boolean): boolean {
  const held = ctx.principal.kind === 'delegated' ? ctx.principal.scopes : ctx.principal.roles;
  const all = ctx.principal.kind === 'app' ? '.all' : '';
  const broad = [`${P}.ReadWriteForUser`, ...(write ? [] : [`${P}.ReadForUser`])];
  if (broad.some((p) => held.has(`${p}${all}`.toLowerCase()))) return true;
  return typeof azureADAppId === 'string' && azureADAppId.toLowerCase() === ctx.principal.appId.toLowerCase();
}

function expansions(ctx: GraphContext): Set<string> {
  const wanted = new Set<string>();
  for (const part of (ctx.query.expand ?? '').split(',').map((s) => s.trim())) {
    if (!part) continue;
    const known =
      part === '*' ? EXPANDABLE : EXPANDABLE.filter((e) => e.toLowerCase() === part.toLowerCase());
    if (!known.length)
      throw graphErrors.badRequest(`Could not find a property named '${part}' on type '${TYPE}'.`);
    known.forEach((k) => wanted.add(k));
  }
  return wanted;
}

function show(ctx: GraphContext, item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = { id: item.id };
  const expand = expansions(ctx);
  if (expand.has('teamsApp')) out.teamsApp = item.teamsApp;
  if (expand.has('teamsAppDefinition')) out.teamsAppDefinition = item.teamsAppDefinition;
  if (expand.has('chat')) out.chat = chatResource(ctx.tenant.id, ctx.user!.id, item);
  return out;
}

/** `$filter` on the app: `teamsApp/id`, `teamsApp/externalId` or `teamsAppDefinition/teamsAppId` `eq '…'`. */
const FILTERABLE: Record<string, [string, string]> = {
  'teamsapp/id': ['teamsApp', 'id'],
  'teamsapp/externalid': ['teamsApp', 'externalId'],
  'teamsappdefinition/teamsappid': ['teamsAppDefinition', 'teamsAppId'],
};

function installationFilter(filter: string | undefined): (i: Item) => boolean {
  if (!filter?.trim()) return () => true;
  const m = /^(\S+)\s+eq\s+'([^']*)'$/i.exec(filter.trim());
  const target = m && FILTERABLE[m[1]!.toLowerCase()];
  if (!m || !target) throw graphErrors.badRequest(`Invalid filter clause: '${filter}'.`);
  const [source, key] = target;
  const wanted = m[2]!.toLowerCase();
  return (i) =>
    String((i[source] as Record<string, unknown> | undefined)?.[key] ?? '').toLowerCase() === wanted;
}

function installationOf(ctx: GraphContext, write = false): Item {
  const item = ctx.store.get(mailboxOf(ctx), 'installedApps', ctx.params.installation!);
  if (!item || !mayHandle(ctx, item._azureADAppId, false))
    throw notFound(`The app installation '${ctx.params.installation}' was not found for the user.`);
  if (write && !mayHandle(ctx, item._azureADAppId, true))
    throw new GraphError(403, 'Forbidden', 'The permission granted covers only the calling app itself.');
  return item;
}

function list(ctx: GraphContext): GraphResult {
  const filter = installationFilter(ctx.query.filter);
  const items = ctx.store
    .live(mailboxOf(ctx), 'installedApps')
    .filter((i) => mayHandle(ctx, i._azureADAppId, false) && filter(i));
  return {
    status: 200,
    body: pageOf(
      ctx,
      items.map((i) => show(ctx, i)),
      1000,
    ),
  };
}

function appIdOfBind(body: Record<string, unknown>): string {
  for (const k of Object.keys(body))
    if (!k.startsWith('@odata.') && k !== 'teamsApp@odata.bind' && k !== 'consentedPermissionSet')
      throw graphErrors.unknownProperty(k, 'userScopeTeamsAppInstallation');
  const bind = body['teamsApp@odata.bind'];
  const m = typeof bind === 'string' ? /\/appCatalogs\/teamsApps(?:\/|\(')([^/')]+)'?\)?$/i.exec(bind) : null;
  if (!m)
    throw graphErrors.badRequest(
      "The request must bind the app to install: 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{id}'.",
    );
  return decodeURIComponent(m[1]!);
}

function install(ctx: GraphContext): GraphResult {
  const app = catalogApp(ctx.store, appIdOfBind(ctx.body!));
  if (!app) throw notFound('The app was not found in the app catalog of the tenant.');
  if (!mayHandle(ctx, app.azureADAppId, true))
    throw new GraphError(403, 'Forbidden', 'The permission granted covers only the calling app itself.');
  const id = installationId(ctx.user!.id, app.id);
  if (ctx.store.get(mailboxOf(ctx), 'installedApps', id))
    throw new GraphError(409, 'Conflict', 'The app is already installed for the user.');
  ctx.store.create(mailboxOf(ctx), 'installedApps', {
    id,
    teamsApp: teamsAppResource(app),
    teamsAppDefinition: teamsAppDefinitionResource(app),
    _teamsAppId: app.id,
    _botId: app.botId,
    _azureADAppId: app.azureADAppId,
    _installedDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
  return { status: 201 };
}

function showChat(ctx: GraphContext): GraphResult {
  const chat = chatResource(ctx.tenant.id, ctx.user!.id, installationOf(ctx));
  const select = ctx.query.select?.map((s) => s.toLowerCase());
  const shown = select
    ? Object.fromEntries(Object.entries(chat).filter(([k]) => k === 'id' || select.includes(k.toLowerCase())))
    : chat;
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#chats/$entity`, ...shown } };
}

const R = (
  method: GraphRoute['method'],
  pattern: string,
  permission: GraphRoute['permission'],
  handler: GraphRoute['handler'],
) => mailboxRoute(method, `/teamwork/installedApps${pattern}`, permission, handler);

/** Teams apps installed in a user's personal scope, and the 1:1 chat with the app's bot. */
export const installedAppRoutes: GraphRoute[] = [
  R('GET', '', READ, list),
  R('POST', '', WRITE, install),
  R('GET', '/{installation}', READ, (ctx) => ({
    status: 200,
    body: {
      '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#users('${ctx.user!.id}')/teamwork/installedApps/$entity`,
      ...show(ctx, installationOf(ctx)),
    },
  })),
  R('DELETE', '/{installation}', WRITE, (ctx) => {
    ctx.store.remove(mailboxOf(ctx), 'installedApps', installationOf(ctx, true).id);
    return { status: 204 };
  }),
  R('GET', '/{installation}/chat', READ, showChat),
];
