import type { TokenBroker } from '../../auth/token-broker.js';
import type { Logger } from '../../platform/logging/logger.js';
import { runBatch, type BatchEnvelopeItem } from './graph-batch.js';
import { errorFromResponse, errorFromTransport, isRetryableTransport } from './graph-errors.js';
import { emptyMetrics, type GraphClientMetrics } from './graph-metrics.js';
import type {
  GraphAuth,
  GraphCallError,
  GraphPage,
  GraphPort,
  GraphRequest,
  GraphResponse,
} from './graph-port.js';
import { BrokerTokenSource, type GraphTokenSource } from './graph-tokens.js';
import { GraphTransport, TransportError, type RawRequest, type RawResponse } from './graph-transport.js';
import { GraphUrls, preferHeaders } from './graph-url.js';
import { DEFAULT_MAILBOX_LIMITS, MailboxLimiter, type MailboxLimits } from './mailbox-limiter.js';
import {
  DEFAULT_RETRY_LIMITS,
  RetryPolicy,
  retryAfterMs,
  type AttemptOutcome,
  type RetryLimits,
} from './retry-policy.js';

/**
 * The page size Outlook delta and list calls are asked for (`Prefer: odata.maxpagesize`). Graph
 * documents no maximum; the service caps larger values itself (messages take up to 1,000 with
 * `$top`; contact delta was reported capped at 200, Microsoft Q&A 2052165), so asking for 1,000
 * gets the largest page each resource allows.
 */
export const DEFAULT_MAX_PAGE_SIZE = 1000;

export interface GraphClientOptions {
  /** The token broker (or any token source). */
  tokens: Pick<TokenBroker, 'forApp' | 'forUser'> | GraphTokenSource;
  /** The Graph root with its version: `https://graph.microsoft.com/v1.0` or `<sandbox>/v1.0`. */
  baseUrl: string;
  logger: Logger;
  /** Extra CA (PEM) to trust, e.g. the sandbox's. */
  ca?: string;
  /** Time to response headers (and between body chunks) before a request counts as lost (default 60 s). */
  timeoutMs?: number;
  limits?: Partial<MailboxLimits>;
  retry?: Partial<RetryLimits>;
  maxPageSize?: number;
  /** Injectable time, for tests. */
  clock?: { now?: () => number; sleep?: (ms: number) => Promise<void>; random?: () => number };
}

const ok = (status: number) => (status >= 200 && status < 300) || status === 304;

/**
 * The one Graph client (CONVENTIONS rules 5, 6, 10): every call to Microsoft Graph goes through
 * it. Per mailbox (app × mailbox, as Outlook counts) it caps requests in flight and spends a
 * request budget; it retries by {@link RetryPolicy}; it batches by {@link runBatch}; it adds the
 * `Prefer` headers Outlook needs; it classifies every failure once into a `GraphCallError`.
 */
export class GraphClient implements GraphPort {
  private readonly urls: GraphUrls;
  private readonly tokens: GraphTokenSource;
  private readonly transport: GraphTransport;
  private readonly limiter: MailboxLimiter;
  private readonly policy: RetryPolicy;
  private readonly maxPageSize: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly logger: Logger;
  private readonly counters = emptyMetrics();

  constructor(options: GraphClientOptions) {
    this.urls = new GraphUrls(options.baseUrl);
    this.tokens = 'token' in options.tokens ? options.tokens : new BrokerTokenSource(options.tokens);
    this.transport = new GraphTransport({ ca: options.ca, timeoutMs: options.timeoutMs });
    this.now = options.clock?.now ?? Date.now;
    this.sleep = options.clock?.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.limiter = new MailboxLimiter({ ...DEFAULT_MAILBOX_LIMITS, ...options.limits }, this.now);
    this.policy = new RetryPolicy(
      { ...DEFAULT_RETRY_LIMITS, ...options.retry },
      options.clock?.random,
      this.now,
    );
    this.maxPageSize = options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
    this.logger = options.logger.child({ component: 'graph-client' });
  }

  async call<T = unknown>(
    auth: GraphAuth,
    mailbox: string,
    request: GraphRequest,
  ): Promise<GraphResponse<T>> {
    const headers = preferHeaders(request.url, request.headers, undefined, request.body);
    return this.send<T>(auth, mailbox, request, headers);
  }

  async batch(auth: GraphAuth, mailbox: string, requests: GraphRequest[]) {
    const key = mailboxKey(auth, mailbox);
    return runBatch(requests, {
      policy: this.policy,
      metrics: this.counters,
      shape: (request, id) => this.batchItem(request, id),
      send: (items) => this.sendEnvelope(auth, key, items),
      throttled: (retryAfter) => this.pauseFor(key, retryAfter),
      sleep: this.sleep,
      now: this.now,
    });
  }

  async *pages<T = Record<string, unknown>>(
    auth: GraphAuth,
    mailbox: string,
    url: string,
    headers?: Record<string, string>,
  ): AsyncIterable<GraphPage<T>> {
    for (let next: string | undefined = url; next;) {
      const res: GraphResponse<Record<string, unknown>> = await this.send(
        auth,
        mailbox,
        { method: 'GET', url: next },
        preferHeaders(next, headers, this.maxPageSize),
      );
      const body = res.body ?? {};
      const nextLink = stringOrUndefined(body['@odata.nextLink']);
      const deltaLink = stringOrUndefined(body['@odata.deltaLink']);
      const items = Array.isArray(body.value) ? (body.value as T[]) : [];
      yield { items, ...(nextLink ? { nextLink } : {}), ...(deltaLink ? { deltaLink } : {}) };
      next = nextLink;
    }
  }

  /** Counters since the client was built. */
  metrics(): GraphClientMetrics {
    return { ...this.counters, maxInFlightPerMailbox: this.limiter.maxInFlightObserved() };
  }

  /** One request with the retry policy around it. */
  private async send<T>(
    auth: GraphAuth,
    mailbox: string,
    request: GraphRequest,
    headers: Record<string, string>,
  ): Promise<GraphResponse<T>> {
    const key = mailboxKey(auth, mailbox);
    const idempotent = request.idempotent ?? request.method !== 'POST';
    const raw: RawRequest = {
      method: request.method,
      url: this.urls.absolute(request.url),
      headers: withJson(headers, request.body),
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    };
    const startedAt = this.now();
    let fresh = false;
    for (let attempt = 1; ; attempt++) {
      const tried = await this.attempt(auth, key, raw, fresh, idempotent);
      if ('response' in tried) return tried.response as GraphResponse<T>;
      const { outcome, error } = tried;
      const decision = this.policy.decide(outcome, attempt, startedAt, idempotent);
      const context = { method: raw.method, path: pathOf(raw.url), attempt, code: error.code };
      if (!decision.retry) {
        const level = error.retryable || error.code === 'UNKNOWN' ? 'warn' : 'debug';
        this.logger[level](
          { ...context, status: error.status, graphCode: error.graphCode },
          'Graph call failed',
        );
        throw error;
      }
      this.logger.debug({ ...context, delayMs: decision.delayMs }, 'Graph call will be retried');
      this.counters.retries++;
      await this.sleep(decision.delayMs);
      fresh = decision.freshConnection;
    }
  }

  /** One attempt: the response when it succeeded, else what the retry policy needs and the error. */
  private async attempt(
    auth: GraphAuth,
    key: string,
    raw: RawRequest,
    fresh: boolean,
    idempotent: boolean,
  ): Promise<{ response: GraphResponse } | { outcome: AttemptOutcome; error: GraphCallError }> {
    let res: RawResponse;
    try {
      res = await this.exchange(auth, key, raw, { fresh });
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      const { failure } = err;
      return {
        outcome: { kind: 'lost', sent: failure.sent, retryable: isRetryableTransport(failure) },
        error: errorFromTransport(failure, idempotent),
      };
    }
    if (ok(res.status)) return { response: { status: res.status, headers: res.headers, body: res.body } };
    const retryAfter = res.headers['retry-after'];
    if (res.status === 429) {
      this.counters.throttled++;
      this.pauseFor(key, retryAfter);
    }
    return {
      outcome: { kind: 'response', status: res.status, retryAfter },
      error: errorFromResponse(res.status, res.body, idempotent, retryAfterMs(retryAfter, this.now())),
    };
  }

  /**
   * Sends one HTTP request under the mailbox's limits, with a token; Graph's 401 gets one more
   * try with a token asked for again. Throws TransportError when no response arrived.
   */
  private async exchange(
    auth: GraphAuth,
    key: string,
    raw: RawRequest,
    options: { fresh: boolean; tokens?: number; slots?: number },
  ): Promise<RawResponse> {
    for (let unauthorized = false; ; unauthorized = true) {
      const token = await this.tokens.token(auth, unauthorized);
      const release = await this.limiter.acquire(key, options.tokens ?? 1, options.slots ?? 1);
      let res: RawResponse;
      try {
        this.counters.requestsSent++;
        res = await this.transport.send(
          { ...raw, headers: { ...raw.headers, Authorization: `Bearer ${token}` } },
          options.fresh,
        );
      } finally {
        release();
      }
      if (res.status !== 401 || unauthorized) return res;
    }
  }

  private sendEnvelope(auth: GraphAuth, key: string, items: BatchEnvelopeItem[]): Promise<RawResponse> {
    const raw: RawRequest = {
      method: 'POST',
      url: this.urls.absolute('/$batch'),
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ requests: items }),
    };
    return this.exchange(auth, key, raw, { fresh: false, tokens: items.length, slots: items.length });
  }

  private batchItem(request: GraphRequest, id: string): BatchEnvelopeItem {
    const url = this.urls.relative(request.url);
    const headers = withJson(preferHeaders(url, request.headers, undefined, request.body), request.body);
    return {
      id,
      method: request.method,
      url,
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(request.body !== undefined ? { body: request.body } : {}),
    };
  }

  private pauseFor(key: string, retryAfter: string | undefined): void {
    const ms = retryAfterMs(retryAfter, this.now());
    if (ms) this.limiter.pause(key, ms);
  }
}

/** Outlook counts per app × mailbox; the app is the tenant's Tandem registration. */
function mailboxKey(auth: GraphAuth, mailbox: string): string {
  return `${auth.tenantId}|${mailbox}`.toLowerCase();
}

function withJson(headers: Record<string, string>, body: unknown): Record<string, string> {
  if (body === undefined || Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    return headers;
  return { ...headers, 'Content-Type': 'application/json' };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** The path of a URL without its query (delta and skip tokens stay out of the logs). */
function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}
