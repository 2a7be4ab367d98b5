import { guidFrom } from '../store/ids.js';
import { GraphError } from './graph-error.js';
import type { GraphContext, GraphResult, GraphRoute } from './graph-route.js';
import { pageOf } from './odata.js';
import type { Subscription } from './subscriptions-registry.js';
import type { SubscriptionService } from './subscriptions-service.js';
import { parseCreateRequest, parseRenewal, requireResourcePermission } from './subscriptions-validation.js';

/** Another app's or another user's subscription is simply not there [I: microsoft-graph-docs#5725]. */
const notFound = () => new GraphError(404, 'ResourceNotFound', 'The object was not found.');

/**
 * Who sees a subscription [L: /graph/api/subscription-list §Basic scenarios]: the app that created
 * it, app-only for every user of the tenant, delegated for the signed-in user's subscriptions only.
 */
function visibleTo(ctx: GraphContext, s: Subscription): boolean {
  const { principal } = ctx;
  return (
    s.tenantId === principal.tenantId &&
    s.applicationId === principal.appId &&
    (principal.kind === 'app' || s.userId === principal.userId)
  );
}

function subscriptionOf(service: SubscriptionService, ctx: GraphContext): Subscription {
  const found = service.registry.get(ctx.principal.tenantId, ctx.params.subscription!);
  if (!found || !visibleTo(ctx, found)) throw notFound();
  return found;
}

/**
 * A subscription as Graph returns it: every property present, `null` when not set (as the
 * service answers); the list never shows `clientState` [L: /graph/api/subscription-list, note].
 */
function present(s: Subscription, options: { clientState: boolean }): Record<string, unknown> {
  return {
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: options.clientState ? s.clientState : null,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: s.expirationDateTime,
    creatorId: s.creatorId,
    includeResourceData: s.includeResourceData,
    latestSupportedTlsVersion: s.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: s.notificationUrlAppId,
  };
}

function entity(ctx: GraphContext, s: Subscription, status = 200): GraphResult {
  return {
    status,
    body: {
      '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#subscriptions/$entity`,
      ...present(s, { clientState: true }),
    },
  };
}

async function create(service: SubscriptionService, ctx: GraphContext): Promise<GraphResult> {
  const request = parseCreateRequest(ctx.store, ctx.principal, ctx.body ?? {});
  const { principal } = ctx;
  const creatorId =
    principal.kind === 'delegated'
      ? principal.userId!
      : guidFrom(`service-principal:${principal.tenantId}:${principal.appId}`);
  const subscription = await service.create(request, {
    applicationId: principal.appId,
    creatorId,
  });
  return entity(ctx, subscription, 201);
}

function list(service: SubscriptionService, ctx: GraphContext): GraphResult {
  const mine = service.registry.list(ctx.principal.tenantId).filter((s) => visibleTo(ctx, s));
  return {
    status: 200,
    body: pageOf(
      ctx,
      mine.map((s) => present(s, { clientState: false })),
      100,
    ),
  };
}

/** Renewing also reauthorizes [L: /graph/change-notifications-lifecycle-events]. */
function renew(service: SubscriptionService, ctx: GraphContext): GraphResult {
  const found = subscriptionOf(service, ctx);
  requireResourcePermission(ctx.principal, found.kind, 'Update');
  const expirationDateTime = parseRenewal(ctx.body ?? {}, found.kind);
  const updated = service.registry.update(found.tenantId, found.id, {
    expirationDateTime,
    reauthorizationRequired: false,
  });
  return entity(ctx, updated!);
}

function reauthorize(service: SubscriptionService, ctx: GraphContext): GraphResult {
  const found = subscriptionOf(service, ctx);
  requireResourcePermission(ctx.principal, found.kind, 'Reauthorize');
  service.registry.update(found.tenantId, found.id, {
    reauthorizationRequired: false,
  });
  return { status: 204 };
}

function remove(service: SubscriptionService, ctx: GraphContext): GraphResult {
  const found = subscriptionOf(service, ctx);
  service.registry.remove(found.tenantId, found.id);
  return { status: 204 };
}

/**
 * `/subscriptions` [OAS paths; FACTS §11]. No `{user}` in the paths: the mailbox is named by the
 * subscription's `resource`, and the permission needed depends on it (checked by the handlers).
 */
export function subscriptionRoutes(service: SubscriptionService): GraphRoute[] {
  const on =
    (fn: (service: SubscriptionService, ctx: GraphContext) => GraphResult | Promise<GraphResult>) =>
    (ctx: GraphContext) =>
      fn(service, ctx);
  return [
    { method: 'POST', pattern: '/subscriptions', handler: on(create) },
    { method: 'GET', pattern: '/subscriptions', handler: on(list) },
    {
      method: 'GET',
      pattern: '/subscriptions/{subscription}',
      handler: (ctx) => entity(ctx, subscriptionOf(service, ctx)),
    },
    { method: 'PATCH', pattern: '/subscriptions/{subscription}', handler: on(renew) },
    { method: 'DELETE', pattern: '/subscriptions/{subscription}', handler: on(remove) },
    { method: 'POST', pattern: '/subscriptions/{subscription}/reauthorize', handler: on(reauthorize) },
  ];
}
