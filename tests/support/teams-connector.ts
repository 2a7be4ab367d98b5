import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity created (POST) or replaced (PUT). */
  activityId: string;
  activity: any;
}

/**
 * A Bot Framework connector on loopback (the service Teams gives the bot as `serviceUrl`): records
 * what the bot sends proactively (`POST …/activities`) and the cards it updates (`PUT …/activities/{id}`),
 * as the Agents Playground's connector does, so tests can read every approver's chat.
 */
export class TeamsConnector {
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    /** Every call, oldest first. */
    readonly calls: ConnectorCall[],
    private readonly waiters: (() => void)[],
  ) {}

  static async start(): Promise<TeamsConnector> {
    const calls: ConnectorCall[] = [];
    const waiters: (() => void)[] = [];
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += String(c)));
      req.on('end', () => {
        const m = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
          res.writeHead(404).end();
          return;
        }
        const conversationId = decodeURIComponent(m[1]!);
        const activityId = req.method === 'PUT' ? decodeURIComponent(m[2]!) : `act-${randomUUID()}`;
        calls.push({
          method: req.method,
          conversationId,
          activityId,
          activity: JSON.parse(raw || '{}'),
        });
        for (const wake of waiters.splice(0)) wake();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: activityId }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new TeamsConnector(server, `http://127.0.0.1:${port}/`, calls, waiters);
  }

  /** Calls into one conversation (a person's chat with the bot). */
  in(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => c.conversationId === conversationId);
  }

  /** Waits until `count` calls match. */
  async waitFor(
    match: (c: ConnectorCall) => boolean,
    count = 1,
    timeoutMs = 10_000,
  ): Promise<ConnectorCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline)
        throw new Error(`connector: ${found.length}/${count} matching calls in time`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}
