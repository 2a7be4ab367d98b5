import diagnostics from 'node:diagnostics_channel';

/** Requests this process sent to one origin, by kind, while counting. */
export interface RequestCounts {
  /** Every HTTP request. */
  total: number;
  /** `POST /v1.0/$batch`. */
  batch: number;
  /** Other `/v1.0/…` requests. */
  single: number;
  /** Token and discovery requests to the authority. */
  auth: number;
  /** By `METHOD /path-shape` (ids replaced by `{id}`), for the report. */
  shapes: Record<string, number>;
}

/** Requests carrying this header are the benchmark's own (seeding, checks) and are not counted. */
export const UNCOUNTED_HEADER = 'x-tandem-bench';

const empty = (): RequestCounts => ({ total: 0, batch: 0, single: 0, auth: 0, shapes: {} });

interface UndiciRequest {
  origin: string;
  method: string;
  path: string;
  headers: string | string[] | unknown[];
}

const shapeOf = (method: string, path: string) =>
  `${method} ${path
    .split('?')[0]!
    .replace(/\/v1\.0/, '')
    .replace(/\/[A-Za-z0-9_=-]{20,}(?=\/|$)/g, '/{id}')}`;

function uncounted(headers: UndiciRequest['headers']): boolean {
  if (typeof headers === 'string') return headers.toLowerCase().includes(`${UNCOUNTED_HEADER}:`);
  if (Array.isArray(headers)) return headers.some((h) => String(h).toLowerCase() === UNCOUNTED_HEADER);
  return false;
}

/**
 * Counts the HTTP requests every undici client of this process sends to `origin` (Tandem's Graph
 * client, msal's network client, and fetch), through undici's `undici:request:create` diagnostics
 * channel: nothing in Tandem is wrapped or replaced.
 */
export class RequestCounter {
  private counts = empty();
  private readonly listener = (message: unknown) => {
    const { request } = message as { request: UndiciRequest };
    if (request.origin !== this.origin || request.path.startsWith('/_sandbox')) return;
    if (uncounted(request.headers)) return;
    const c = this.counts;
    c.total++;
    if (request.path.startsWith('/v1.0/$batch')) c.batch++;
    else if (request.path.startsWith('/v1.0/')) c.single++;
    else c.auth++;
    const shape = shapeOf(request.method, request.path);
    c.shapes[shape] = (c.shapes[shape] ?? 0) + 1;
  };

  constructor(private readonly origin: string) {
    diagnostics.subscribe('undici:request:create', this.listener);
  }

  /** What was counted since the last `take` (or since the start), and starts a new count. */
  take(): RequestCounts {
    const taken = this.counts;
    this.counts = empty();
    return taken;
  }

  close(): void {
    diagnostics.unsubscribe('undici:request:create', this.listener);
  }
}
