import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphTransport, TransportError } from '../../../src/sync/graph/graph-transport.js';

/** The transport against a plain local HTTP server that reports which connection each request used. */
describe('Graph transport (undici)', () => {
  let server: http.Server;
  let url: string;
  const sockets = new Map<unknown, number>();
  let mode: 'ok' | 'close' = 'ok';

  before(async () => {
    server = http.createServer((req, res) => {
      if (mode === 'close') return req.socket.destroy();
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size + 1);
      res.setHeader('content-type', 'application/json');
      res.setHeader('Retry-After', '2');
      res.end(JSON.stringify({ connection: sockets.get(req.socket) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0/users`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reuses a kept-alive connection, and opens a new one when asked (the repeat after a 503)', async () => {
    const transport = new GraphTransport();
    const get = (fresh = false) => transport.send({ method: 'GET', url, headers: {} }, fresh);
    const first = await get();
    assert.equal(first.headers['retry-after'], '2', 'header names in lower case');
    const used = [first];
    for (let i = 0; i < 5; i++) used.push(await get());
    const seen = used.map((r) => (r.body as { connection: number }).connection);
    assert.ok(new Set(seen).size < seen.length, `connections are reused (${seen.join(', ')})`);
    const fresh = ((await get(true)).body as { connection: number }).connection;
    assert.ok(fresh > Math.max(...seen), 'a connection never used before');
  });

  it('reports a connection closed without an answer as sent (the request may have been processed)', async () => {
    mode = 'close';
    try {
      const err = await new GraphTransport()
        .send({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{}' })
        .catch((e: unknown) => e);
      assert.ok(err instanceof TransportError);
      assert.equal(err.failure.sent, true);
    } finally {
      mode = 'ok';
    }
  });

  it('reports a refused connection as not sent (safe to repeat, writes included)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await new GraphTransport()
      .send({ method: 'POST', url: `http://127.0.0.1:${port}/v1.0/x`, headers: {}, body: '{}' })
      .catch((e: unknown) => e);
    assert.ok(err instanceof TransportError);
    assert.deepEqual(err.failure, { sent: false, code: 'ECONNREFUSED' });
  });
});
