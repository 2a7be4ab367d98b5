import assert from 'node:assert/strict';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  backoffDelay,
  decideItemFailure,
  decideRunFailure,
} from '../../../src/sync/engine/failure-policy.js';
import { GraphCallError, type GraphErrorCode } from '../../../src/sync/graph/graph-port.js';

const graphError = (code: GraphErrorCode, status = 400) =>
  new GraphCallError(code, status, undefined, code, false);

describe('Sync failure policy', () => {
  it('backs off 30 s × 2^(n-1) with jitter, capped at one hour', () => {
    assert.equal(
      backoffDelay(1, () => 1),
      BACKOFF_BASE_MS,
    );
    assert.equal(
      backoffDelay(1, () => 0),
      BACKOFF_BASE_MS / 2,
    );
    assert.equal(
      backoffDelay(3, () => 1),
      4 * BACKOFF_BASE_MS,
    );
    assert.equal(
      backoffDelay(30, () => 1),
      BACKOFF_CAP_MS,
    );
    assert.ok(backoffDelay(2) >= BACKOFF_BASE_MS && backoffDelay(2) <= 2 * BACKOFF_BASE_MS);
  });

  it('decides on the classified code only', () => {
    const cases: [GraphErrorCode, string][] = [
      ['THROTTLED', 'backoff'],
      ['TRANSIENT', 'backoff'],
      ['AMBIGUOUS_WRITE', 'backoff'],
      ['UNKNOWN', 'backoff'],
      ['CURSOR_EXPIRED', 'resync'],
      ['CONSENT_REQUIRED', 'needs_consent'],
      ['UNAUTHORIZED', 'needs_consent'],
      ['FORBIDDEN', 'failed'],
    ];
    for (const [code, kind] of cases) assert.equal(decideRunFailure(graphError(code), 1).kind, kind, code);
  });

  it('a 404 on the container disables the module; elsewhere it is retried', () => {
    assert.equal(
      decideRunFailure(graphError('NOT_FOUND', 404), 1, { onContainer: true }).kind,
      'container_gone',
    );
    assert.equal(decideRunFailure(graphError('NOT_FOUND', 404), 1).kind, 'backoff');
  });

  it('an unexpected (non-Graph) error backs off instead of stopping the sync', () => {
    const d = decideRunFailure(new Error('boom'), 2, { random: () => 1 });
    assert.deepEqual(d, { kind: 'backoff', delayMs: 2 * BACKOFF_BASE_MS, code: 'INTERNAL' });
  });

  it('inside a run, items Graph refuses are skipped; mailbox-wide failures abort the run', () => {
    for (const code of ['BAD_REQUEST', 'NOT_FOUND', 'PRECONDITION_FAILED', 'CONFLICT'] as const) {
      assert.deepEqual(decideItemFailure(graphError(code)), { kind: 'skip_item', code });
    }
    for (const code of ['THROTTLED', 'CONSENT_REQUIRED', 'TRANSIENT'] as const) {
      assert.deepEqual(decideItemFailure(graphError(code)), { kind: 'abort_run' });
    }
  });
});
