import assert from 'node:assert/strict';
import { ServerError } from '@azure/msal-node';
import { AppError, ForbiddenError } from '../../../src/platform/errors/app-error.js';
import {
  errorFromResponse,
  errorFromTokenFailure,
  errorFromTransport,
  transportFailure,
} from '../../../src/sync/graph/graph-errors.js';

const body = (code: string, message = 'whatever the text says') => ({ error: { code, message } });

describe('Graph errors are classified once, by status and code (never by message)', () => {
  it('maps expired delta cursors to CURSOR_EXPIRED: 410, and the resync codes on any status', () => {
    for (const [status, code] of [
      [410, 'SyncStateNotFound'],
      [410, 'anything'],
      [400, 'syncStateNotFound'],
      [400, 'resyncRequired'],
      [400, 'syncStateInvalid'],
    ] as const) {
      const err = errorFromResponse(status, body(code), true);
      assert.equal(err.code, 'CURSOR_EXPIRED', `${status} ${code}`);
      assert.equal(err.retryable, true);
      assert.equal(err.graphCode, code);
    }
  });

  it('maps the HTTP statuses to their codes and keeps Graph’s error code', () => {
    const cases: Array<[number, string, string, boolean]> = [
      [429, 'ApplicationThrottled', 'THROTTLED', true],
      [404, 'ErrorItemNotFound', 'NOT_FOUND', false],
      [412, 'ErrorIrresolvableConflict', 'PRECONDITION_FAILED', true],
      [409, 'ErrorFolderExists', 'CONFLICT', false],
      [403, 'ErrorAccessDenied', 'FORBIDDEN', false],
      [401, 'InvalidAuthenticationToken', 'UNAUTHORIZED', false],
      [400, 'ErrorInvalidIdMalformed', 'BAD_REQUEST', false],
      [503, 'ErrorServerBusy', 'TRANSIENT', true],
    ];
    for (const [status, graphCode, code, retryable] of cases) {
      const err = errorFromResponse(status, body(graphCode), true);
      assert.deepEqual(
        [err.code, err.status, err.graphCode, err.retryable],
        [code, status, graphCode, retryable],
      );
    }
  });

  it('keeps the wait Graph asked for on the error', () => {
    assert.equal(errorFromResponse(429, body('ApplicationThrottled'), true, 30_000).retryAfterMs, 30_000);
    assert.equal(errorFromResponse(404, body('ErrorItemNotFound'), true).retryAfterMs, undefined);
  });

  it('does not read the message: a 400 saying "sync state not found" stays BAD_REQUEST', () => {
    assert.equal(
      errorFromResponse(400, body('BadRequest', 'SyncStateNotFound resyncRequired'), true).code,
      'BAD_REQUEST',
    );
  });

  it('treats a 5xx (other than 503) as TRANSIENT for idempotent requests and AMBIGUOUS_WRITE for creates', () => {
    for (const status of [500, 502, 504]) {
      assert.equal(errorFromResponse(status, undefined, true).code, 'TRANSIENT');
      assert.equal(errorFromResponse(status, undefined, false).code, 'AMBIGUOUS_WRITE');
    }
    assert.equal(errorFromResponse(503, undefined, false).code, 'TRANSIENT', 'a 503 was not processed');
  });

  it('treats a response lost after sending as AMBIGUOUS_WRITE for creates, and a refused connection as TRANSIENT', () => {
    const reset = transportFailure(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
    assert.deepEqual(reset, { sent: true, code: 'UND_ERR_SOCKET' });
    assert.equal(errorFromTransport(reset, false).code, 'AMBIGUOUS_WRITE');
    assert.equal(errorFromTransport(reset, true).code, 'TRANSIENT');
    const refused = transportFailure(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    assert.deepEqual(refused, { sent: false, code: 'ECONNREFUSED' });
    assert.equal(errorFromTransport(refused, false).code, 'TRANSIENT');
    const untrusted = transportFailure(Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }));
    const err = errorFromTransport(untrusted, true);
    assert.deepEqual([err.code, err.retryable, err.status], ['UNKNOWN', false, 0]);
  });

  it('maps the broker’s token failures: consent, sign-in, not provisioned → CONSENT_REQUIRED; outage → TRANSIENT', () => {
    assert.equal(errorFromTokenFailure(new ForbiddenError('consent_required', 'x')).code, 'CONSENT_REQUIRED');
    assert.equal(
      errorFromTokenFailure(new ForbiddenError('interaction_required', 'x')).code,
      'CONSENT_REQUIRED',
    );
    const notProvisioned = (errorNo: string) =>
      new AppError({
        code: 'token_broker_failed',
        httpStatus: 500,
        userMessage: 'x',
        cause: Object.assign(new ServerError('invalid_client', 'missing service principal'), { errorNo }),
      });
    assert.equal(errorFromTokenFailure(notProvisioned('7000229')).code, 'CONSENT_REQUIRED');
    assert.equal(errorFromTokenFailure(notProvisioned('700016')).code, 'CONSENT_REQUIRED');
    assert.equal(
      errorFromTokenFailure(notProvisioned('7000215')).code,
      'UNKNOWN',
      'a wrong secret is ours to fix',
    );
    const outage = new AppError({
      code: 'token_service_unavailable',
      httpStatus: 503,
      userMessage: 'x',
      retryable: true,
    });
    assert.deepEqual(
      [errorFromTokenFailure(outage).code, errorFromTokenFailure(outage).retryable],
      ['TRANSIENT', true],
    );
  });
});
