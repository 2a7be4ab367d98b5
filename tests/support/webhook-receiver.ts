import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  /** The query string as sent (without `?`), to check how values were encoded. */
  rawQuery: string;
  query: URLSearchParams;
  contentType: string;
  body: string;
  /** The parsed JSON body of a notification POST. */
  json?: any;
}

export interface Reply {
  status?: number;
  contentType?: string;
  body?: string;
  /** Answer only after this long (a slow endpoint). */
  delayMs?: number;
}

export type Responder = (request: ReceivedRequest) => Reply;

/** What a correct endpoint does: echo the decoded validation token as text/plain, 202 to notifications. */
export const wellBehaved: Responder = (request) =>
  request.query.has('validationToken')
    ? { status: 200, contentType: 'text/plain; charset=utf-8', body: request.query.get('validationToken')! }
    : { status: 202 };

/**
 * A local HTTP endpoint standing in for Tandem's webhook receiver: records every request per
 * path and answers as told (well-behaved by default).
 */
export class WebhookReceiver {
  private readonly requests: ReceivedRequest[] = [];
  private readonly responders = new Map<string, Responder>();
  private readonly delayed = new Set<NodeJS.Timeout>();

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = http.createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (req, res) => receiver.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(pathAndQuery: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${pathAndQuery}`;
  }

  on(path: string, responder: Responder): void {
    this.responders.set(path, responder);
  }

  /** Requests received on a path, in order. */
  received(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Notification POSTs (not validation requests) received on a path. */
  posts(path: string): ReceivedRequest[] {
    return this.received(path).filter((r) => !r.query.has('validationToken'));
  }

  /** Notifications (entries of `value`) received on a path, in order. */
  notifications(path: string): any[] {
    return this.posts(path).flatMap((r) => r.json?.value ?? []);
  }

  /** Waits until `done` holds for the requests of a path; fails after `timeoutMs`. */
  async waitFor(path: string, done: (requests: ReceivedRequest[]) => boolean, timeoutMs = 4000) {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.received(path))) {
      if (Date.now() > deadline)
        throw new Error(`${path}: condition not met; received ${JSON.stringify(this.received(path))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    for (const t of this.delayed) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver.invalid');
      const body = Buffer.concat(chunks).toString('utf8');
      const request: ReceivedRequest = {
        path: url.pathname,
        rawQuery: url.search.replace(/^\?/, ''),
        query: url.searchParams,
        contentType: req.headers['content-type'] ?? '',
        body,
        json: body && /json/.test(req.headers['content-type'] ?? '') ? JSON.parse(body) : undefined,
      };
      this.requests.push(request);
      const reply = (this.responders.get(url.pathname) ?? wellBehaved)(request);
      const send = () => {
        res.writeHead(reply.status ?? 202, reply.contentType ? { 'content-type': reply.contentType } : {});
        res.end(reply.body ?? '');
      };
      if (!reply.delayMs) return send();
      const timer = setTimeout(() => {
        this.delayed.delete(timer);
        if (!res.destroyed) send();
      }, reply.delayMs);
      this.delayed.add(timer);
    });
  }
}
