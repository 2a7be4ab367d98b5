import type { HostileResult } from '../hostile/hostile-mode.js';
import { parseBatch, type BatchItem } from './batch-request.js';
import type { GraphPrincipal } from './graph-auth.js';
import {
  errorResponse,
  requestIds,
  type GraphDispatcher,
  type GraphRequest,
  type GraphResponse,
} from './graph-dispatcher.js';
import { GraphError } from './graph-error.js';

/** Outlook runs at most four items of a batch at a time (FACTS §0.7, §8). */
const MAX_PARALLEL = 4;

/** Header names as Graph spells them in batch items; the JS SDK looks up `Content-Type` exactly. */
const CANONICAL: Record<string, string> = {
  'content-type': 'Content-Type',
  'retry-after': 'Retry-After',
  location: 'Location',
  etag: 'ETag',
  'preference-applied': 'Preference-Applied',
  'cache-control': 'Cache-Control',
};
const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

const succeeded = (r: GraphResponse) => r.status >= 200 && r.status < 400;

/**
 * `POST /v1.0/$batch` (json-batching): authenticates once, then runs every item through the
 * dispatcher as the batch's principal, so each item is routed, permission-checked, throttled and
 * faulted on its own. Items start in request order, at most four at a time; an item waits for its
 * `dependsOn` and fails with 424 when one of them failed. The answer is 200 with one response per
 * item; a connection fault of any item (or of the batch itself) applies to the whole HTTP answer.
 */
export class GraphBatch {
  constructor(private readonly dispatcher: GraphDispatcher) {}

  async handle(request: GraphRequest): Promise<GraphResponse> {
    const headers = requestIds(request.headers['client-request-id']);
    try {
      const principal = await this.dispatcher.authenticate(request.headers);
      const items = parseBatch(request.body);
      const { hostile } = this.dispatcher;
      const target = { method: request.method, url: request.url, envelope: true };
      const result = await hostile.run({ target, decision: hostile.decide(target) }, () =>
        this.runItems(items, principal),
      );
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

  private async runItems(items: BatchItem[], principal: GraphPrincipal): Promise<HostileResult> {
    const outcomes = await schedule(items, (item) =>
      this.dispatcher.dispatch(
        { method: item.method, url: item.url, headers: item.headers, body: item.body },
        principal,
      ),
    );
    const all = items.map((item) => outcomes.get(item.key)!);
    const connection = all.some((r) => r.connection === 'reset')
      ? 'reset'
      : all.some((r) => r.connection === 'drop')
        ? 'drop'
        : undefined;
    return {
      status: 200,
      body: { responses: items.map((item, i) => itemResponse(item, all[i]!)) },
      connection,
    };
  }
}

/** Starts items in order with at most MAX_PARALLEL running; dependents wait for (and fail with) theirs. */
async function schedule(
  items: BatchItem[],
  run: (item: BatchItem) => Promise<GraphResponse>,
): Promise<Map<string, GraphResponse>> {
  const outcomes = new Map<string, Promise<GraphResponse>>();
  const running = new Set<Promise<void>>();
  for (const item of items) {
    while (running.size >= MAX_PARALLEL) await Promise.race(running);
    const deps = await Promise.all(item.dependsOn.map((key) => outcomes.get(key)!));
    const failed = deps.findIndex((r) => !succeeded(r));
    const outcome =
      failed >= 0 ? Promise.resolve(failedDependency(item, item.dependsOn[failed]!)) : run(item);
    outcomes.set(item.key, outcome);
    const slot: Promise<void> = outcome.then(() => {
      running.delete(slot);
    });
    running.add(slot);
  }
  const settled = await Promise.all([...outcomes].map(async ([key, p]) => [key, await p] as const));
  return new Map(settled);
}

function failedDependency(item: BatchItem, dependency: string): GraphResponse {
  return errorResponse(
    new GraphError(424, 'FailedDependency', `The request depends on request '${dependency}', which failed.`),
    requestIds(item.headers['client-request-id']),
  );
}

function itemResponse(item: BatchItem, response: GraphResponse): Record<string, unknown> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache' };
  for (const [name, value] of Object.entries(response.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'request-id' || lower === 'client-request-id') continue;
    headers[CANONICAL[lower] ?? name] = value;
  }
  const out: Record<string, unknown> = { id: item.id, status: response.status, headers };
  if (response.body !== undefined) {
    headers['Content-Type'] = succeeded(response) ? ODATA_JSON : 'application/json';
    out.body = response.body;
  }
  return out;
}
