import type { SandboxStore } from '../store/sandbox-store.js';
import type { GraphPrincipal } from './graph-auth.js';
import { GraphError, graphErrors } from './graph-error.js';
import {
  MAX_LIFETIME_MINUTES,
  parseResource,
  RESOURCE_PERMISSIONS,
  type SubscribedKind,
  type SubscriptionScope,
} from './subscriptions-resource.js';

/** The subscription properties a client may send (v1.0 subscription); the rest are read-only. */
const WRITABLE = new Set([
  'changeType',
  'notificationUrl',
  'lifecycleNotificationUrl',
  'resource',
  'expirationDateTime',
  'clientState',
  'latestSupportedTlsVersion',
  'includeResourceData',
  'encryptionCertificate',
  'encryptionCertificateId',
  'notificationUrlAppId',
  'notificationQueryOptions',
]);
const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
const TLS_VERSIONS = new Set(['v1_0', 'v1_1', 'v1_2', 'v1_3']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const STATUS_NAMES: Record<number, string> = { 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound' };

/**
 * The subscription service wraps its own failures as `ExtensionError` with
 * `Operation: Create; Exception: [Status Code: BadRequest; Reason: …]` [I: microsoft-graph-docs#14948,
 * microsoftgraph/aspnet-webhooks-rest-sample#18].
 */
export function extensionError(status: 400 | 403 | 404, reason: string, operation = 'Create'): GraphError {
  return new GraphError(
    status,
    'ExtensionError',
    `Operation: ${operation}; Exception: [Status Code: ${STATUS_NAMES[status]}; Reason: ${reason}]`,
  );
}

export interface SubscriptionRequest {
  scope: SubscriptionScope;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: string;
  clientState: string | null;
  latestSupportedTlsVersion: string;
  includeResourceData: boolean | null;
  notificationUrlAppId: string | null;
}

function checkProperties(body: Record<string, unknown>): void {
  for (const key of Object.keys(body)) {
    if (!key.startsWith('@odata.') && !WRITABLE.has(key))
      throw graphErrors.unknownProperty(key, 'subscription');
  }
}

function requiredString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || !value.trim())
    throw graphErrors.badRequest(
      `${key} is a required property for subscription creation.`,
      'InvalidRequest',
    );
  return value.trim();
}

function optionalString(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw graphErrors.badRequest(
      `Cannot convert the literal '${JSON.stringify(value)}' to the expected type 'Edm.String'.`,
      'RequestBodyRead',
    );
  return value;
}

function checkChangeType(value: string): string {
  const types = value.split(',').map((t) => t.trim());
  if (types.some((t) => !CHANGE_TYPES.has(t)))
    throw extensionError(400, `Invalid 'changeType' attribute: '${value}'.`);
  return types.join(',');
}

/**
 * Both URLs must be https [L: /graph/api/resources/subscription; I: microsoft-graph-docs#2751:
 * "NotificationUrl scheme='http' is not supported."]. Sandbox deviation: plain http is accepted on
 * loopback (127.0.0.1, localhost, [::1]) so a locally running Tandem can receive notifications.
 */
function checkUrl(value: string, name: 'NotificationUrl' | 'LifecycleNotificationUrl'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw graphErrors.badRequest(`Invalid ${name}='${value}'.`, 'InvalidRequest');
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp)
    throw graphErrors.badRequest(
      `${name} scheme='${url.protocol.replace(/:$/, '')}' is not supported.`,
      'InvalidRequest',
    );
  return value;
}

/** In the future and at most the resource's maximum lifetime away (same rule for renewals). */
export function checkExpiration(value: unknown, kind: SubscribedKind, operation = 'Create'): string {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(at))
    throw graphErrors.badRequest(
      'expirationDateTime is a required property for subscription creation.',
      'InvalidRequest',
    );
  const max = MAX_LIFETIME_MINUTES[kind];
  if (at <= Date.now())
    throw extensionError(400, 'Subscription expiration must be in the future.', operation);
  if (at - Date.now() > max * 60_000)
    throw new GraphError(
      400,
      'ExtensionError',
      `Subscription expiration can only be ${max} minutes in the future.`,
    );
  return new Date(at).toISOString();
}

/** The principal must hold a read permission for the resource [L: subscription-post-subscriptions §Permissions]. */
export function requireResourcePermission(
  principal: GraphPrincipal,
  kind: SubscribedKind,
  operation: string,
) {
  const held = principal.kind === 'delegated' ? principal.scopes : principal.roles;
  const anyOf = RESOURCE_PERMISSIONS[kind][principal.kind === 'delegated' ? 'delegated' : 'application'];
  if (!anyOf.some((p) => held.has(p.toLowerCase())))
    throw extensionError(403, 'Access is denied. Check credentials and try again.', operation);
}

/** The mailbox and container the resource names: `/me` is the caller, delegated callers only their own. */
function resolveScope(store: SandboxStore, principal: GraphPrincipal, resource: string): SubscriptionScope {
  const parsed = parseResource(resource);
  if (!parsed) throw extensionError(400, 'Invalid resource specified in payload');
  if (parsed.userRef === 'me' && principal.kind !== 'delegated')
    throw graphErrors.badRequest('/me request is only valid with delegated authentication flow.');
  const user = store.user(principal.tenantId, parsed.userRef === 'me' ? principal.userId! : parsed.userRef);
  if (!user) throw extensionError(404, `The requested user '${parsed.userRef}' is invalid.`);
  requireResourcePermission(principal, parsed.kind, 'Create');
  if (principal.kind === 'delegated' && user.id !== principal.userId)
    throw extensionError(403, 'Access is denied. Check credentials and try again.');
  const mailbox = store.mailbox(principal.tenantId, user.id)!;
  const containers = parsed.kind === 'todoTask' ? 'todoLists' : 'contactFolders';
  if (parsed.container !== undefined && !store.get(mailbox, containers, parsed.container))
    throw extensionError(404, 'The specified object was not found in the store.');
  return { tenantId: principal.tenantId, userId: user.id, kind: parsed.kind, container: parsed.container };
}

/** Validates `POST /subscriptions` like the service does, up to (not including) the handshake. */
export function parseCreateRequest(
  store: SandboxStore,
  principal: GraphPrincipal,
  body: Record<string, unknown>,
): SubscriptionRequest {
  checkProperties(body);
  const changeType = checkChangeType(requiredString(body, 'changeType'));
  const notificationUrl = checkUrl(requiredString(body, 'notificationUrl'), 'NotificationUrl');
  const lifecycle = optionalString(body, 'lifecycleNotificationUrl');
  const resource = requiredString(body, 'resource');
  const scope = resolveScope(store, principal, resource);
  const expirationDateTime = checkExpiration(body.expirationDateTime, scope.kind);
  const clientState = optionalString(body, 'clientState');
  if (clientState !== null && clientState.length > 128)
    throw graphErrors.badRequest('clientState must be at most 128 characters long.', 'InvalidRequest');
  const tls = optionalString(body, 'latestSupportedTlsVersion') ?? 'v1_2';
  if (!TLS_VERSIONS.has(tls))
    throw graphErrors.badRequest(`Invalid latestSupportedTlsVersion '${tls}'.`, 'InvalidRequest');
  if (body.includeResourceData === true)
    throw graphErrors.badRequest(
      'The sandbox does not emulate rich notifications (includeResourceData); Tandem uses basic notifications.',
      'InvalidRequest',
    );
  return {
    scope,
    resource,
    changeType,
    notificationUrl,
    lifecycleNotificationUrl: lifecycle === null ? null : checkUrl(lifecycle, 'LifecycleNotificationUrl'),
    expirationDateTime,
    clientState,
    latestSupportedTlsVersion: tls,
    includeResourceData: body.includeResourceData === false ? false : null,
    notificationUrlAppId: optionalString(body, 'notificationUrlAppId'),
  };
}

/** `PATCH /subscriptions/{id}`: only the expiry can be renewed (the lifecycle URL is set at creation). */
export function parseRenewal(body: Record<string, unknown>, kind: SubscribedKind): string {
  checkProperties(body);
  const other = Object.keys(body).find((k) => !k.startsWith('@odata.') && k !== 'expirationDateTime');
  if (other)
    throw graphErrors.badRequest(
      `Property '${other}' cannot be updated on a subscription.`,
      'InvalidRequest',
    );
  return checkExpiration(body.expirationDateTime, kind, 'Update');
}
