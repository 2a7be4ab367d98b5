import { randomUUID } from 'node:crypto';
import type { TokenIssuer } from '../entra/token-issuer.js';
import type { FaultTarget } from '../hostile/faults.js';
import type { ConnectionFault, HostileMode, HostileResult } from '../hostile/hostile-mode.js';
import type { SandboxStore } from '../store/sandbox-store.js';
import { authenticateGraph, requirePermission, type GraphPrincipal } from './graph-auth.js';
import { GraphError, graphErrors } from './graph-error.js';
import { normaliseSegment, type GraphContext, type GraphRouteTable } from './graph-route.js';
import type { MailboxMetrics } from './mailbox-metrics.js';
import { parseODataQuery, parsePrefer } from './odata.js';
import { SEED_APP_ID } from '../seed/seed-series-changes.js';

export interface GraphRequest {
  method: string;
  /** Path and query after `/v1.0`, e.g. `/me/contacts?$top=5`. */
  url: string;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** Hostile mode: reset the connection instead of answering, or drop the answer. */
  connection?: ConnectionFault;
}

/** Headers every Graph answer carries: `request-id` and the caller's `client-request-id` echoed. */
export function requestIds(clientRequestId: string | undefined): Record<string, string> {
  const requestId = randomUUID();
  return { 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId };
}

/** A failure as Graph answers it (any non-`GraphError` is a 500 `generalException`). */
export function errorResponse(err: unknown, headers: Record<string, string>): GraphResponse {
  const graphError =
    err instanceof GraphError
      ? err
      : new GraphError(500, 'generalException', 'An internal server error occurred.');
  return {
    status: graphError.status,
    headers: { ...headers, ...graphError.headers },
    body: {
      error: {
        code: graphError.code,
        message: graphError.message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': headers['request-id'],
          'client-request-id': headers['client-request-id'],
        },
      },
    },
  };
}

/**
 * The Graph request pipeline, independent of HTTP so that `$batch` runs its items through it:
 * authenticate, resolve `/me`, match the route, resolve the mailbox and check access and
 * permissions, then run the handler. Every failure is a Graph error body.
 */
export class GraphDispatcher {
  constructor(
    private readonly store: SandboxStore,
    private readonly issuer: TokenIssuer,
    private readonly routes: GraphRouteTable,
    private readonly metrics: MailboxMetrics,
    private readonly baseUrl: () => string,
    readonly hostile: HostileMode,
  ) {}

  authenticate(headers: GraphRequest['headers']): Promise<GraphPrincipal> {
    return authenticateGraph(headers.authorization, this.issuer);
  }

  /** One request; `principal` is given by `$batch` for its items (authenticated once for the batch). */
  async dispatch(request: GraphRequest, principal?: GraphPrincipal): Promise<GraphResponse> {
    const headers = requestIds(request.headers['client-request-id']);
    try {
      const who = principal ?? (await this.authenticate(request.headers));
      const result = await this.run(request, who, principal !== undefined);
      return {
        status: result.status,
        headers: { ...headers, ...result.headers },
        body: result.body,
        connection: result.connection,
      };
    } catch (err) {
      return errorResponse(err, headers);
    }
  }

  /** `inBatch`: an item of a `$batch` (whose principal the batch authenticated). */
  private async run(
    request: GraphRequest,
    principal: GraphPrincipal,
    inBatch: boolean,
  ): Promise<HostileResult> {
    const url = new URL(request.url, 'https://sandbox.invalid');
    const tenant = this.store.tenant(principal.tenantId);
    if (!tenant) throw graphErrors.unauthenticated('The tenant of the token is unknown.');
    // An app whose consent was revoked (its service principal removed) is refused even with a
    // token issued before, as Graph refuses a token whose app is no longer in the tenant. The
    // sandbox's own seeding principal is not an app registration and never holds a token.
    if (principal.kind === 'app' && principal.appId !== SEED_APP_ID && !tenant.consents[principal.appId])
      throw graphErrors.unauthenticated('Access token validation failure.');
    const segments = url.pathname.split('/').filter(Boolean);
    if (segments[0]?.toLowerCase() === 'me') {
      if (principal.kind !== 'delegated') {
        throw graphErrors.badRequest('/me request is only valid with delegated authentication flow.');
      }
      segments.splice(0, 1, 'users', principal.userId!);
    }
    const { matched, methods } = this.routes.match(request.method, `/${segments.join('/')}`);
    if (!matched) {
      if (methods.length)
        throw new GraphError(405, 'BadRequest', `The HTTP method '${request.method}' is not allowed.`);
      throw graphErrors.noRoute(url.pathname);
    }
    const ctx: GraphContext = {
      headers: request.headers,
      rawQuery: Object.fromEntries(url.searchParams),
      store: this.store,
      principal,
      tenant,
      params: matched.params,
      query: parseODataQuery(Object.fromEntries(url.searchParams)),
      body: undefined,
      baseUrl: this.baseUrl(),
      path: url.pathname,
      prefer: parsePrefer(request.headers.prefer),
    };
    if (matched.params.user !== undefined) {
      const user = this.store.user(tenant.id, matched.params.user);
      if (!user)
        throw new GraphError(
          404,
          'ErrorInvalidUser',
          `The requested user '${matched.params.user}' is invalid.`,
        );
      if (principal.kind === 'delegated' && user.id !== principal.userId) throw graphErrors.accessDenied();
      ctx.user = user;
      ctx.mailbox = this.store.mailbox(tenant.id, user.id);
    }
    if (matched.route.permission) requirePermission(principal, matched.route.permission);
    if (request.method === 'POST' || request.method === 'PATCH') {
      if (
        request.body !== undefined &&
        (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body))
      ) {
        throw graphErrors.badRequest('Empty Payload. JSON content expected.', 'BadRequest');
      }
      ctx.body = (request.body ?? {}) as Record<string, unknown>;
    }
    const key = `${principal.appId}|${ctx.user?.id ?? tenant.id}`;
    const target = { ...this.faultTarget(request, ctx), ...(inBatch ? { inBatch } : {}) };
    const decision = this.hostile.decide(target);
    return this.metrics.track(key, JSON.stringify(request.body ?? '').length, () =>
      this.hostile.run({ key, mailbox: ctx.mailbox !== undefined, target, decision }, () =>
        matched.route.handler(ctx),
      ),
    );
  }

  private faultTarget(request: GraphRequest, ctx: GraphContext): FaultTarget {
    const target: FaultTarget = { method: request.method, url: request.url };
    if (ctx.user) target.user = { id: ctx.user.id, userPrincipalName: ctx.user.userPrincipalName };
    const last = normaliseSegment(ctx.path.split('/').filter(Boolean).pop() ?? '');
    if (last.toLowerCase() === 'delta' && (ctx.query.deltatoken || ctx.query.skiptoken)) {
      // Where a full resync starts: the same delta path without a token (FACTS §10, a 410's Location).
      const restart = new URLSearchParams(ctx.query.params);
      restart.set('$deltatoken', '');
      target.deltaRestart = `${ctx.baseUrl}/v1.0${ctx.path}?${restart.toString().replace(/%24/g, '$')}`;
    }
    return target;
  }
}
