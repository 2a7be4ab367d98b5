import type { Item } from '../store/model.js';
import { GraphError, graphErrors } from './graph-error.js';
import { mailboxRoute, type GraphContext, type GraphResult, type GraphRoute } from './graph-route.js';
import { pageOf, present } from './odata.js';

const READ = {
  delegated: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
  application: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
};
const WRITE = { delegated: ['MailboxSettings.ReadWrite'], application: ['MailboxSettings.ReadWrite'] };

/** `categoryColor` [OAS]: none, preset0 (Red) … preset24 (DarkCranberry). */
export const CATEGORY_COLORS = ['none', ...Array.from({ length: 25 }, (_, i) => `preset${i}`)];

/**
 * A second category with a name already in the master list (names are unique, compared without
 * case as Outlook does). The code is UNVERIFIED (FACTS §5 expects a 409); change it here if the
 * service is shown to answer otherwise.
 */
export const duplicateCategory = (name: string) =>
  new GraphError(409, 'nameAlreadyExists', `A category named '${name}' already exists in the master list.`);

/**
 * A PATCH that changes `displayName`: the name is read-only once the category exists, only `color`
 * can change (FACTS §0.15). The code is UNVERIFIED; the refusal itself is documented.
 */
export const renameRefused = () =>
  new GraphError(
    400,
    'ErrorInvalidRequest',
    "The displayName of a category can't be changed once the category is created; only its color can.",
  );

/** The category of a master list with this name (case-insensitive), if any. */
export function categoryNamed(categories: Item[], name: string): Item | undefined {
  const key = name.toLowerCase();
  return categories.find((c) => String(c.displayName).toLowerCase() === key);
}

function categoryOf(ctx: GraphContext, id: string): Item {
  const category = ctx.store.get(ctx.mailbox!, 'categories', id);
  if (!category) throw graphErrors.notFound();
  return category;
}

function checkCategoryBody(body: Record<string, unknown>): { displayName?: string; color?: string } {
  const out: { displayName?: string; color?: string } = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('@odata.') || key === 'id') continue;
    if (key !== 'displayName' && key !== 'color') throw graphErrors.unknownProperty(key, 'outlookCategory');
    const valid = key === 'color' ? CATEGORY_COLORS.includes(value as string) : typeof value === 'string';
    if (!valid)
      throw graphErrors.badRequest(
        `Cannot convert the literal '${JSON.stringify(value)}' to the expected type '${key === 'color' ? 'microsoft.graph.categoryColor' : 'Edm.String'}'.`,
        'RequestBodyRead',
      );
    out[key] = value as string;
  }
  return out;
}

function showCategory(ctx: GraphContext, category: Item, status = 200): GraphResult {
  return {
    status,
    body: {
      '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#users('${ctx.user!.id}')/outlook/masterCategories/$entity`,
      ...present(category, { select: ctx.query.select }),
    },
  };
}

function createCategory(ctx: GraphContext): GraphResult {
  const { displayName, color } = checkCategoryBody(ctx.body!);
  if (!displayName?.trim())
    throw graphErrors.badRequest('The category needs a non-empty displayName.', 'ErrorInvalidRequest');
  const mb = ctx.mailbox!;
  if (categoryNamed(ctx.store.live(mb, 'categories'), displayName)) throw duplicateCategory(displayName);
  const category = ctx.store.create(mb, 'categories', { displayName, color: color ?? 'none' });
  return showCategory(ctx, category, 201);
}

function updateCategory(ctx: GraphContext, category: Item): GraphResult {
  const { displayName, color } = checkCategoryBody(ctx.body!);
  if (displayName !== undefined && displayName !== category.displayName) throw renameRefused();
  if (color === undefined) return showCategory(ctx, category);
  return showCategory(ctx, ctx.store.update(ctx.mailbox!, 'categories', category.id, { color }));
}

const byId = (ctx: GraphContext) => categoryOf(ctx, ctx.params.category!);
const R = (
  method: GraphRoute['method'],
  tail: string,
  permission: GraphRoute['permission'],
  handler: GraphRoute['handler'],
) => mailboxRoute(method, `/outlook/masterCategories${tail}`, permission, handler);

/** The master category list (FACTS §5). Items carry categories by name; deleting one leaves items as they are. */
export const categoryRoutes: GraphRoute[] = [
  R('GET', '', READ, (ctx) => ({
    status: 200,
    body: pageOf(
      ctx,
      ctx.store.live(ctx.mailbox!, 'categories').map((c) => present(c, { select: ctx.query.select })),
      100,
    ),
  })),
  R('POST', '', WRITE, createCategory),
  R('GET', '/{category}', READ, (ctx) => showCategory(ctx, byId(ctx))),
  R('PATCH', '/{category}', WRITE, (ctx) => updateCategory(ctx, byId(ctx))),
  R('DELETE', '/{category}', WRITE, (ctx) => {
    ctx.store.remove(ctx.mailbox!, 'categories', byId(ctx).id);
    return { status: 204 };
  }),
];
