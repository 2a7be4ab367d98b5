import { rootCertificates } from 'node:tls';
import { Agent, getGlobalDispatcher, request, type Dispatcher } from 'undici';
import { transportFailure, type TransportFailure } from './graph-errors.js';

/**
 * HTTP for the Graph client, on undici directly rather than `@microsoft/microsoft-graph-client`:
 * the SDK's middleware (its own RetryHandler, redirect and auth handlers, `https`-only custom-host
 * rules, FACTS §0.1, §13) would have to be switched off piece by piece to leave our retry policy
 * the only one, and it hides what we need exactly — the raw status, `Retry-After`, and whether a
 * request failed before or after it was sent. undici gives those, pooled keep-alive connections,
 * and a way to open a fresh connection after a 503 (RELIABILITY §4.1).
 */

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Serialized JSON. */
  body?: string;
}

export interface RawResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON, the text when not JSON, undefined when empty. */
  body: unknown;
}

/** A request that got no response; `failure.sent` says whether it may have been processed. */
export class TransportError extends Error {
  constructor(readonly failure: TransportFailure) {
    super(`Graph request failed without a response (${failure.code})`);
    this.name = 'TransportError';
  }
}

export interface TransportOptions {
  /** Extra CA (PEM) trusted besides Node's roots (the sandbox's); default: the process's dispatcher. */
  ca?: string;
  /** Time to the response headers, and between body chunks (default 60 s each). */
  timeoutMs?: number;
}

export class GraphTransport {
  private readonly pool: Dispatcher;
  private readonly connect: { ca?: string[] };
  private readonly timeoutMs: number;

  constructor(options: TransportOptions = {}) {
    this.connect = options.ca ? { ca: [...rootCertificates, options.ca] } : {};
    this.pool = options.ca ? new Agent({ connect: this.connect }) : getGlobalDispatcher();
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Sends one request; `freshConnection` uses a connection of its own, closed afterwards. */
  async send(req: RawRequest, freshConnection = false): Promise<RawResponse> {
    const dispatcher = freshConnection ? new Agent({ connect: this.connect }) : this.pool;
    try {
      const res = await request(req.url, {
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body,
        dispatcher,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: flatten(res.headers), body: parse(text) };
    } catch (err) {
      throw new TransportError(transportFailure(err));
    } finally {
      if (freshConnection) void dispatcher.close().catch(() => undefined);
    }
  }
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
