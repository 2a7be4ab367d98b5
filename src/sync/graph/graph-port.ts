/**
 * The Graph port: the only way Tandem code talks to Microsoft Graph (CONVENTIONS rules 5, 6, 10).
 * Domain code sees these plain types, never SDK types. The implementation (`graph-client.ts`)
 * batches, pages, honours Retry-After, caps requests in flight per mailbox and parses errors once.
 */

/** Whose token a call uses. Background sync runs app-only; tab actions run on behalf of the user. */
export type GraphAuth =
  | { kind: 'app'; tenantId: string }
  | {
      kind: 'user';
      tenantId: string;
      objectId: string;
      /** The tab's validated SSO token, exchanged on behalf of the user. */
      ssoToken: string;
      scopes: string[];
    };

export interface GraphRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the Graph v1.0 root, e.g. `/users/{oid}/contactFolders?$select=id`; or an absolute nextLink/deltaLink. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * True when repeating the request cannot create a second item (GET, PATCH, DELETE, an event POST
   * carrying a `transactionId`). A non-idempotent POST whose response is lost fails with
   * `AMBIGUOUS_WRITE` instead of being repeated: the caller looks its item up by tag first.
   */
  idempotent?: boolean;
  /**
   * `batch` only: indices of earlier requests of the same batch that must succeed before this one
   * runs (Graph's `dependsOn`; a failed dependency fails this request, FACTS §8). Ignored by `call`.
   */
  dependsOn?: number[];
}

export interface GraphResponse<T = unknown> {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: T;
}

/** Graph failures, classified once (never branch on message text). */
export type GraphErrorCode =
  | 'THROTTLED' // 429 that outlived the retry budget
  | 'CURSOR_EXPIRED' // 410 / SyncStateNotFound / resyncRequired: drop the delta link and resync
  | 'NOT_FOUND' // 404 (ErrorItemNotFound, a deleted folder/list)
  | 'FORBIDDEN' // 403 without a consent story (ErrorAccessDenied on a shared folder…)
  | 'CONSENT_REQUIRED' // the token could not be obtained: consent revoked, app not provisioned
  | 'UNAUTHORIZED' // 401 from Graph after a fresh token
  | 'CONFLICT' // 409 (ErrorFolderExists, name taken)
  | 'PRECONDITION_FAILED' // 412 If-Match lost
  | 'BAD_REQUEST' // 400 other than the cursor codes: our bug, do not retry
  | 'TRANSIENT' // 5xx / reset / timeout that outlived the retry budget
  | 'AMBIGUOUS_WRITE' // a non-idempotent write may or may not have happened
  | 'UNKNOWN';

export class GraphCallError extends Error {
  constructor(
    readonly code: GraphErrorCode,
    /** HTTP status, 0 when no response arrived. */
    readonly status: number,
    /** Graph's `error.code` (e.g. `ErrorItemNotFound`), when there was one. */
    readonly graphCode: string | undefined,
    message: string,
    /** Whether the failure policy may try the same work again later. */
    readonly retryable: boolean,
    /** How long Graph asked to wait (its last `Retry-After`), when it did. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'GraphCallError';
  }
}

/** One page of a list or delta round; the last page of a delta round carries `deltaLink`. */
export interface GraphPage<T = Record<string, unknown>> {
  items: T[];
  nextLink?: string;
  deltaLink?: string;
}

export interface GraphPort {
  /**
   * One request. Retries 429 after Retry-After, 503/504/resets with backoff (idempotent requests
   * only), within a budget; then throws {@link GraphCallError}. 2xx resolves; 304 resolves.
   * `mailbox` is the object id of the mailbox touched (concurrency and budget are per mailbox).
   */
  call<T = unknown>(auth: GraphAuth, mailbox: string, request: GraphRequest): Promise<GraphResponse<T>>;
  /**
   * Many independent requests through `$batch` (≤ 20 per batch). Failed items (429, 503, 504) are
   * retried alone after the largest Retry-After; successful items are never sent again. Results
   * come back in request order: a response, or the item's classified error.
   */
  batch(
    auth: GraphAuth,
    mailbox: string,
    requests: GraphRequest[],
  ): Promise<Array<GraphResponse | GraphCallError>>;
  /** Follows `@odata.nextLink` from `url` (relative or absolute) page by page, with the maximum page size. */
  pages<T = Record<string, unknown>>(
    auth: GraphAuth,
    mailbox: string,
    url: string,
    headers?: Record<string, string>,
  ): AsyncIterable<GraphPage<T>>;
}
