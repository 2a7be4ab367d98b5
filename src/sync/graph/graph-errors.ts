import { AppError } from '../../platform/errors/app-error.js';
import { GraphCallError, type GraphErrorCode } from './graph-port.js';

/**
 * Every Graph failure is classified here, once (CONVENTIONS rule 5): from the HTTP status and
 * Graph's `error.code`, from the transport failure, or from the token broker's typed error. Never
 * from message text.
 */

/** Graph's error body: `{"error":{"code","message",…}}` (FACTS §12). */
export function graphErrorCode(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}

function graphErrorMessage(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' && error.message ? error.message.slice(0, 300) : undefined;
}

/** `error.code`s that mean "the delta cursor is gone: resync" (FACTS §0.5, §12), compared case-insensitively. */
const CURSOR_CODES = new Set(['syncstatenotfound', 'resyncrequired', 'syncstateinvalid']);

/** Whether a response is Graph telling us the delta cursor expired. */
export function isCursorExpired(status: number, graphCode: string | undefined): boolean {
  return status === 410 || (graphCode !== undefined && CURSOR_CODES.has(graphCode.toLowerCase()));
}

/**
 * The error for a non-2xx Graph answer (after the retry policy gave up or did not apply).
 * `idempotent` decides whether a 5xx other than 503 leaves a write ambiguous.
 */
export function errorFromResponse(
  status: number,
  body: unknown,
  idempotent: boolean,
  retryAfterMs?: number,
): GraphCallError {
  const graphCode = graphErrorCode(body);
  const message = `Graph answered ${status}${graphCode ? ` ${graphCode}` : ''}${
    graphErrorMessage(body) ? `: ${graphErrorMessage(body)}` : ''
  }`;
  const make = (code: GraphErrorCode, retryable: boolean) =>
    new GraphCallError(code, status, graphCode, message, retryable, retryAfterMs);
  if (isCursorExpired(status, graphCode)) return make('CURSOR_EXPIRED', true);
  if (status === 429) return make('THROTTLED', true);
  if (status === 404) return make('NOT_FOUND', false);
  if (status === 412) return make('PRECONDITION_FAILED', true);
  if (status === 409) return make('CONFLICT', false);
  if (status === 401) return make('UNAUTHORIZED', false);
  if (status === 403) return make('FORBIDDEN', false);
  if (status === 503) return make('TRANSIENT', true);
  if (status >= 500) return idempotent ? make('TRANSIENT', true) : make('AMBIGUOUS_WRITE', true);
  if (status === 424) return make('TRANSIENT', true);
  if (status >= 400) return make('BAD_REQUEST', false);
  return make('UNKNOWN', false);
}

/**
 * How a request failed before a response arrived. `sent: false` means the request never left
 * (refused, DNS, connect timeout): repeating it is always safe. Otherwise it may have been
 * processed.
 */
export interface TransportFailure {
  sent: boolean;
  /** undici's or the socket's error code (e.g. `UND_ERR_SOCKET`, `ECONNRESET`). */
  code: string;
}

/** Failures that happen before a byte of the request reached the server. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Failures that are ours or the environment's (TLS trust, bad URL): retrying cannot help. */
const NOT_TRANSIENT = new Set([
  'UND_ERR_INVALID_ARG',
  'ERR_INVALID_URL',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
]);

/** The transport failure of a thrown undici/socket error (by its `code`, never its message). */
export function transportFailure(err: unknown): TransportFailure {
  const code = errorCode(err) ?? 'UNKNOWN_TRANSPORT_ERROR';
  return { sent: !NOT_SENT.has(code), code };
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Whether a transport failure is worth retrying at all (TLS trust and bad URLs are not). */
export function isRetryableTransport(failure: TransportFailure): boolean {
  return !NOT_TRANSIENT.has(failure.code);
}

/** The error for a request whose response never arrived. */
export function errorFromTransport(failure: TransportFailure, idempotent: boolean): GraphCallError {
  const message = `No response from Graph (${failure.code})`;
  if (!isRetryableTransport(failure)) return new GraphCallError('UNKNOWN', 0, undefined, message, false);
  if (failure.sent && !idempotent) return new GraphCallError('AMBIGUOUS_WRITE', 0, undefined, message, true);
  return new GraphCallError('TRANSIENT', 0, undefined, message, true);
}

/** AADSTS numbers meaning Tandem is not (or no longer) provisioned in the tenant. */
const NOT_PROVISIONED = new Set([700016, 7000229]);
const CONSENT_CODES = new Set(['consent_required', 'interaction_required']);

/**
 * The error for a token the broker could not get: consent revoked or missing, sign-in needed, or
 * Tandem not provisioned in the tenant → CONSENT_REQUIRED; the token service down → TRANSIENT.
 * Judged on the broker's AppError code and msal's AADSTS number, never on text.
 */
export function errorFromTokenFailure(err: unknown): GraphCallError {
  if (!(err instanceof AppError)) return new GraphCallError('UNKNOWN', 0, undefined, 'Token failure', false);
  const make = (code: GraphErrorCode, retryable: boolean) =>
    new GraphCallError(code, 0, undefined, `No Graph token: ${err.code}`, retryable);
  if (CONSENT_CODES.has(err.code)) return make('CONSENT_REQUIRED', false);
  if (err.code === 'token_service_unavailable') return make('TRANSIENT', true);
  const aadsts = aadstsNumber(err.cause);
  if (aadsts !== undefined && NOT_PROVISIONED.has(aadsts)) return make('CONSENT_REQUIRED', false);
  return make('UNKNOWN', false);
}

/** msal's `errorNo` (the first of Entra's `error_codes`). */
function aadstsNumber(cause: unknown): number | undefined {
  const errorNo = (cause as { errorNo?: unknown } | undefined)?.errorNo;
  const n = typeof errorNo === 'number' ? errorNo : typeof errorNo === 'string' ? Number(errorNo) : NaN;
  return Number.isFinite(n) && errorNo !== '' ? n : undefined;
}
