import { errorFromResponse, errorFromTransport, isRetryableTransport } from './graph-errors.js';
import type { GraphClientMetrics } from './graph-metrics.js';
import { GraphCallError, type GraphRequest, type GraphResponse } from './graph-port.js';
import type { RawResponse } from './graph-transport.js';
import { TransportError } from './graph-transport.js';
import { retryAfterMs, type AttemptOutcome, type RetryPolicy } from './retry-policy.js';

/** Graph's limit on the requests of one JSON batch (FACTS §8). */
export const MAX_BATCH_ITEMS = 20;

/** One request of a `$batch` body, its URL relative to the Graph root. */
export interface BatchEnvelopeItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchRunDeps {
  policy: RetryPolicy;
  metrics: GraphClientMetrics;
  /** Shapes item `i` of the caller's list for the envelope (relative URL, Prefer headers). */
  shape(request: GraphRequest, id: string): BatchEnvelopeItem;
  /** POSTs one envelope of ≤ 20 items; throws TransportError when no response came back. */
  send(items: BatchEnvelopeItem[]): Promise<RawResponse>;
  /** Called with the wait a 429 asked for, so the whole mailbox pauses that long. */
  throttled(retryAfter: string | undefined): void;
  sleep(ms: number): Promise<void>;
  now(): number;
}

type Result = GraphResponse | GraphCallError;

interface Pending {
  index: number;
  request: GraphRequest;
  idempotent: boolean;
}

const ok = (status: number) => (status >= 200 && status < 300) || status === 304;
/** An item's id in every envelope: its position in the caller's list, 1-based. */
const idOf = (index: number) => String(index + 1);

/**
 * Runs many requests through `$batch` (FACTS §8, RELIABILITY §4.1): envelopes of at most 20
 * items, each item's status checked; failed items (429, 503, 424, and 5xx or a lost response for
 * idempotent ones) are sent again — alone, in the next round, after the largest wait any of them
 * was given — and successful items never are. Results come back in request order.
 */
export async function runBatch(requests: GraphRequest[], deps: BatchRunDeps): Promise<Result[]> {
  requests.forEach((r, i) => {
    if (r.dependsOn?.some((d) => !Number.isInteger(d) || d < 0 || d >= i))
      throw new GraphCallError('BAD_REQUEST', 0, undefined, 'dependsOn must name earlier requests', false);
  });
  const results: Array<Result | undefined> = new Array(requests.length);
  let pending: Pending[] = requests.map((request, index) => ({
    index,
    request,
    idempotent: request.idempotent ?? request.method !== 'POST',
  }));
  const startedAt = deps.now();
  for (let round = 1; pending.length; round++) {
    const { chunks, deferred } = planRound(pending, results);
    const again: Array<{ item: Pending; outcome: AttemptOutcome; error: GraphCallError }> = [];
    for (const chunk of chunks) {
      for (const settled of await sendChunk(chunk, deps)) {
        if ('response' in settled) results[settled.item.index] = settled.response;
        else if (settled.outcome)
          again.push({ item: settled.item, outcome: settled.outcome, error: settled.error });
        else results[settled.item.index] = settled.error;
      }
    }
    pending = [];
    let waitMs = 0;
    for (const { item, outcome, error } of again) {
      const decision = deps.policy.decide(outcome, round, startedAt, item.idempotent);
      if (!decision.retry) results[item.index] = error;
      else {
        pending.push(item);
        waitMs = Math.max(waitMs, decision.delayMs);
      }
    }
    deps.metrics.retries += pending.length;
    pending = [...pending, ...deferred].sort((a, b) => a.index - b.index);
    if (waitMs > 0) await deps.sleep(waitMs);
  }
  return results as Result[];
}

/**
 * This round's envelopes: pending items in request order, 20 at most each. An item whose
 * dependency failed for good fails (424) without being sent; one whose dependency is pending in
 * an earlier envelope of the round waits for the next round (Graph resolves `dependsOn` within one
 * envelope only).
 */
function planRound(
  pending: Pending[],
  results: Array<Result | undefined>,
): { chunks: Pending[][]; deferred: Pending[] } {
  const chunks: Pending[][] = [];
  const deferred: Pending[] = [];
  let chunk: Pending[] = [];
  for (const item of pending) {
    const deps = item.request.dependsOn ?? [];
    const failed = deps.find((d) => results[d] instanceof GraphCallError);
    if (failed !== undefined) {
      results[item.index] = errorFromResponse(424, failedDependency(failed), item.idempotent);
      continue;
    }
    if (chunk.length === MAX_BATCH_ITEMS) {
      chunks.push(chunk);
      chunk = [];
    }
    const waiting = deps.filter((d) => results[d] === undefined);
    if (waiting.every((d) => chunk.some((p) => p.index === d))) chunk.push(item);
    else deferred.push(item);
  }
  if (chunk.length) chunks.push(chunk);
  return { chunks, deferred };
}

function failedDependency(index: number) {
  return { error: { code: 'FailedDependency', message: `Request ${idOf(index)} failed.` } };
}

type Settled =
  | { item: Pending; response: GraphResponse }
  /** `outcome` set: the retry policy may send it again; otherwise `error` is final. */
  | { item: Pending; error: GraphCallError; outcome?: AttemptOutcome };

async function sendChunk(chunk: Pending[], deps: BatchRunDeps): Promise<Settled[]> {
  const items = chunk.map((p) => {
    const item = deps.shape(p.request, idOf(p.index));
    const waiting = (p.request.dependsOn ?? []).filter((d) => chunk.some((q) => q.index === d));
    return waiting.length ? { ...item, dependsOn: waiting.map(idOf) } : item;
  });
  deps.metrics.batchItems += items.length;
  let envelope: RawResponse;
  try {
    envelope = await deps.send(items);
  } catch (err) {
    if (!(err instanceof TransportError)) {
      const error = err instanceof GraphCallError ? err : unknown(err);
      return chunk.map((item) => ({ item, error }));
    }
    const outcome: AttemptOutcome = {
      kind: 'lost',
      sent: err.failure.sent,
      retryable: isRetryableTransport(err.failure),
    };
    return chunk.map((item) => ({ item, outcome, error: errorFromTransport(err.failure, item.idempotent) }));
  }
  if (envelope.status !== 200) return chunk.map((item) => envelopeFailure(item, envelope, deps));
  const byId = new Map<string, Record<string, unknown>>();
  const responses = (envelope.body as { responses?: unknown } | undefined)?.responses;
  for (const r of Array.isArray(responses) ? responses : []) {
    if (r && typeof r === 'object')
      byId.set(String((r as { id?: unknown }).id), r as Record<string, unknown>);
  }
  return chunk.map((item) => itemSettled(item, byId.get(idOf(item.index)), deps));
}

/** The envelope itself failed (429/5xx for the whole batch, or 400 for a malformed one). */
function envelopeFailure(item: Pending, envelope: RawResponse, deps: BatchRunDeps): Settled {
  if (envelope.status === 429) {
    deps.metrics.throttled++;
    deps.throttled(envelope.headers['retry-after']);
  }
  return {
    item,
    error: errorFromResponse(
      envelope.status,
      envelope.body,
      item.idempotent,
      retryAfterMs(envelope.headers['retry-after'], deps.now()),
    ),
    outcome: { kind: 'response', status: envelope.status, retryAfter: envelope.headers['retry-after'] },
  };
}

function itemSettled(item: Pending, raw: Record<string, unknown> | undefined, deps: BatchRunDeps): Settled {
  if (!raw || typeof raw.status !== 'number') {
    const error = new GraphCallError('UNKNOWN', 0, undefined, 'The batch answer lacks this item', false);
    return { item, error };
  }
  const headers = lowerCase(raw.headers);
  if (ok(raw.status)) return { item, response: { status: raw.status, headers, body: raw.body } };
  if (raw.status === 429) {
    deps.metrics.throttled++;
    deps.throttled(headers['retry-after']);
  }
  const error = errorFromResponse(
    raw.status,
    raw.body,
    item.idempotent,
    retryAfterMs(headers['retry-after'], deps.now()),
  );
  return {
    item,
    error,
    outcome: { kind: 'response', status: raw.status, retryAfter: headers['retry-after'] },
  };
}

function lowerCase(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value);
  return out;
}

function unknown(err: unknown): GraphCallError {
  return new GraphCallError(
    'UNKNOWN',
    0,
    undefined,
    err instanceof Error ? err.name : 'batch failure',
    false,
  );
}
