import type { DirectoryUser } from '../store/model.js';
import { GraphError, graphErrors } from './graph-error.js';
import type { GraphContext, GraphRoute } from './graph-route.js';
import { linkTo } from './odata.js';

const READ_OTHERS = {
  delegated: ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'],
  application: ['User.Read.All', 'Directory.Read.All'],
};
const DEFAULT_SELECT = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

function asResource(u: DirectoryUser, select?: string[]): Record<string, unknown> {
  const full: Record<string, unknown> = {
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: u.preferredLanguage,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    id: u.id,
    accountEnabled: u.accountEnabled,
  };
  const keys = select ?? DEFAULT_SELECT;
  return Object.fromEntries(keys.filter((k) => k in full).map((k) => [k, full[k]]));
}

/** `$search="displayName:ada" OR "mail:ada"`: each word of the property may start with the term. */
function searchMatcher(search: string): (u: DirectoryUser) => boolean {
  const clauses = [...search.matchAll(/"([A-Za-z]+):([^"]*)"/g)].map((m) => ({
    prop: m[1]!,
    term: m[2]!.toLowerCase(),
  }));
  if (clauses.length === 0)
    throw graphErrors.badRequest(
      `Syntax error: character '${search[0] ?? ''}' is not valid at position 0 in '${search}'.`,
      'Request_UnsupportedQuery',
    );
  const and = /"\s+AND\s+"/.test(search);
  return (u) => {
    const hits = clauses.map(({ prop, term }) => {
      const value = String((u as unknown as Record<string, unknown>)[prop] ?? '').toLowerCase();
      return value.startsWith(term) || value.split(/[\s.@_-]+/).some((w) => w.startsWith(term));
    });
    return and ? hits.every(Boolean) : hits.some(Boolean);
  };
}

/** `$filter` forms the directory serves without advanced queries: eq and startswith on a property. */
function filterMatcher(filter: string): (u: DirectoryUser) => boolean {
  const eq = /^(\w+) eq '([^']*)'$/.exec(filter.trim());
  if (eq)
    return (u) =>
      String((u as unknown as Record<string, unknown>)[eq[1]!] ?? '').toLowerCase() === eq[2]!.toLowerCase();
  const sw = /^startswith\((\w+),\s*'([^']*)'\)$/i.exec(filter.trim());
  if (sw)
    return (u) =>
      String((u as unknown as Record<string, unknown>)[sw[1]!] ?? '')
        .toLowerCase()
        .startsWith(sw[2]!.toLowerCase());
  throw graphErrors.badRequest(
    `Unsupported or invalid query filter clause specified for property of resource 'User'.`,
    'Request_UnsupportedQuery',
  );
}

function listUsers(ctx: GraphContext) {
  const { search, filter, count, top } = ctx.query;
  const eventual = ctx.headers.consistencylevel?.toLowerCase() === 'eventual';
  if ((search || count) && !eventual) {
    throw graphErrors.badRequest(
      `Request with ${search ? '$search' : '$count'} query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'`,
      'Request_UnsupportedQuery',
    );
  }
  if (ctx.query.skip !== undefined)
    throw graphErrors.badRequest("'$skip' is not supported by the service.", 'Request_UnsupportedQuery');
  let users = Object.values(ctx.tenant.users).sort((a, b) => a.displayName.localeCompare(b.displayName));
  if (search) users = users.filter(searchMatcher(search));
  if (filter) users = users.filter(filterMatcher(filter));
  const size = Math.min(top ?? 100, 999);
  const offset = ctx.query.skiptoken
    ? Number(Buffer.from(ctx.query.skiptoken, 'base64url').toString()) || 0
    : 0;
  const body: Record<string, unknown> = { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#users` };
  if (count) body['@odata.count'] = users.length;
  body.value = users.slice(offset, offset + size).map((u) => asResource(u, ctx.query.select));
  if (offset + size < users.length) {
    body['@odata.nextLink'] = linkTo(ctx, {
      ...ctx.rawQuery,
      $skiptoken: Buffer.from(String(offset + size)).toString('base64url'),
    });
  }
  return { status: 200, body };
}

export const userRoutes: GraphRoute[] = [
  { method: 'GET', pattern: '/users', permission: READ_OTHERS, handler: listUsers },
  {
    method: 'GET',
    pattern: '/users/{id}',
    handler: (ctx) => {
      const user = ctx.store.user(ctx.tenant.id, ctx.params.id!);
      const self = ctx.principal.kind === 'delegated' && user?.id === ctx.principal.userId;
      const held = ctx.principal.kind === 'delegated' ? ctx.principal.scopes : ctx.principal.roles;
      const allowed = self
        ? [...held].some((s) => s.startsWith('user.'))
        : [...READ_OTHERS.delegated, ...READ_OTHERS.application].some((p) => held.has(p.toLowerCase()));
      if (!allowed) throw graphErrors.accessDenied();
      if (!user) {
        throw new GraphError(
          404,
          'Request_ResourceNotFound',
          `Resource '${ctx.params.id}' does not exist or one of its queried reference-property objects are not present.`,
        );
      }
      return {
        status: 200,
        body: {
          '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#users/$entity`,
          ...asResource(user, ctx.query.select),
        },
      };
    },
  },
];
