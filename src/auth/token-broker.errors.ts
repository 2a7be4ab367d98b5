import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { AppError, ForbiddenError, UnauthorizedError } from '../platform/errors/app-error.js';

/** What an msal-node failure means for the caller (RELIABILITY §2.2). */
export type TokenFailureKind =
  'consent_required' | 'interaction_required' | 'sso_token_invalid' | 'transient' | 'misconfigured';

/** AADSTS codes of a bad or stale user assertion (signature, audience, expiry). */
const BAD_ASSERTION_CODES = new Set([50013, 500133, 50132, 700024, 50173]);
const CONSENT_CODES = new Set([65001, 65004]);
const TRANSIENT_ERRORS = new Set(['server_error', 'temporarily_unavailable']);
const TRANSIENT_CLIENT_ERRORS = new Set(['network_error', 'endpoints_resolution_error']);

export function classifyTokenFailure(err: unknown): TokenFailureKind {
  if (!(err instanceof AuthError)) return isTimeout(err) ? 'transient' : 'misconfigured';
  const code = aadstsCode(err);
  if (code !== undefined && CONSENT_CODES.has(code)) return 'consent_required';
  if (err.subError === 'consent_required' || err.errorCode === 'consent_required') return 'consent_required';
  if (code !== undefined && BAD_ASSERTION_CODES.has(code)) return 'sso_token_invalid';
  if (err instanceof InteractionRequiredAuthError) {
    return err.claims || err.errorCode === 'interaction_required'
      ? 'interaction_required'
      : 'sso_token_invalid';
  }
  if (err instanceof ServerError) {
    if (TRANSIENT_ERRORS.has(err.errorCode) || (err.status ?? 0) >= 500) return 'transient';
    // msal replays a recent 429/5xx from its throttling cache as a ServerError named by the AADSTS codes.
    if (/^\d+( \d+)*$/.test(err.errorCode)) return 'transient';
    return 'misconfigured';
  }
  return TRANSIENT_CLIENT_ERRORS.has(err.errorCode) ? 'transient' : 'misconfigured';
}

/** The typed error the tab or bot acts on; `cause` keeps msal's error inside the process. */
export function tokenFailureError(
  kind: TokenFailureKind,
  err: unknown,
  context: { scopes: string[]; retryAfterSeconds: number },
): AppError {
  switch (kind) {
    case 'consent_required':
      return withCause(
        new ForbiddenError('consent_required', 'Tandem needs your consent to reach Microsoft 365.', {
          scopes: context.scopes,
        }),
        err,
      );
    case 'interaction_required':
      return withCause(
        new ForbiddenError('interaction_required', 'Sign in again to continue.', {
          claims: err instanceof InteractionRequiredAuthError ? err.claims : '',
          scopes: context.scopes,
        }),
        err,
      );
    case 'sso_token_invalid':
      return new UnauthorizedError('sso_token_invalid', 'Your sign-in has expired; sign in again.', err);
    case 'transient':
      return new AppError({
        code: 'token_service_unavailable',
        httpStatus: 503,
        userMessage: 'Microsoft sign-in is not answering right now; try again shortly.',
        retryable: true,
        cause: err,
        headers: { 'Retry-After': String(context.retryAfterSeconds) },
      });
    case 'misconfigured':
      return new AppError({
        code: 'token_broker_failed',
        httpStatus: 500,
        userMessage: 'Tandem could not get a Microsoft 365 token.',
        cause: err,
      });
  }
}

/** The AADSTS number, from `error_codes` or the description (`AADSTS65001: …`). */
function aadstsCode(err: AuthError): number | undefined {
  const errorNo = (err as { errorNo?: string | number }).errorNo;
  if (errorNo !== undefined && errorNo !== '' && Number.isFinite(Number(errorNo))) return Number(errorNo);
  const match = /AADSTS(\d+)/.exec(err.errorMessage || err.message);
  return match ? Number(match[1]) : undefined;
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && /timed out|ETIMEDOUT|ECONNRESET|ECONNREFUSED/.test(err.message);
}

function withCause<T extends AppError>(error: T, cause: unknown): T {
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}
