import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { GraphClient, type GraphClientOptions } from '../../../src/sync/graph/graph-client.js';
import { GraphCallError, type GraphAuth, type GraphRequest } from '../../../src/sync/graph/graph-port.js';
import { hostileTools } from '../../support/sandbox-hostile.js';
import { SandboxedTandem, type SandboxUser } from '../../support/sandboxed-app.js';

/**
 * The Graph client under the sandbox's hostile mode (RELIABILITY §4.1, test plan 20–22): per-item
 * batch retries, Retry-After, the per-mailbox cap and budget, lost responses.
 */
describe('Graph client under faults and throttling', () => {
  let sbx: SandboxedTandem;
  let olivia: SandboxUser;
  let app: GraphAuth;
  let tools: ReturnType<typeof hostileTools>;
  let folder: string;
  let contactIds: string[];
  let waits: Array<{ ms: number; endedAt: number }>;

  const client = (options: Partial<GraphClientOptions> = {}) =>
    new GraphClient({
      tokens: sbx.app.tandem.container.tokenBroker!,
      baseUrl: `${sbx.sandbox.url}/v1.0`,
      logger: createLogger({ level: 'silent' }),
      ca: sbx.sandbox.sandbox.caPem,
      ...options,
      clock: {
        sleep: async (ms) => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          waits.push({ ms, endedAt: Date.now() });
        },
        ...options.clock,
      },
    });
  const person = (tag: string) => ({
    givenName: 'Faulty',
    surname: tag,
    emailAddresses: [{ address: `${tag}@faults.example` }],
  });
  const withEmail = async (tag: string) =>
    (
      await client().call<{ value: unknown[] }>(app, olivia.id, {
        method: 'GET',
        url: `${folder}/contacts?$filter=emailAddresses/any(a:a/address eq '${tag}@faults.example')`,
      })
    ).body.value.length;
  const faultLog = async () => (await tools.get('/faults/log')).body.entries as any[];
  const failure = async (work: Promise<unknown>) => {
    const err = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof GraphCallError, 'expected a GraphCallError');
    return err;
  };

  before(async () => {
    sbx = await SandboxedTandem.start();
    tools = hostileTools(sbx.sandbox.url);
    olivia = sbx.user('olivia');
    app = { kind: 'app', tenantId: sbx.tenant(0).id };
    const created = await client().call<{ id: string }>(app, olivia.id, {
      method: 'POST',
      url: `/users/${olivia.id}/contactFolders`,
      body: { displayName: `Faults ${randomUUID().slice(0, 8)}` },
    });
    folder = `/users/${olivia.id}/contactFolders/${created.body.id}`;
    const contacts = await client().batch(
      app,
      olivia.id,
      Array.from({ length: 13 }, (_, i) => ({
        method: 'POST' as const,
        url: `${folder}/contacts`,
        body: person(`base-${i}`),
      })),
    );
    contactIds = contacts.map((c) => ((c as { body: { id: string } }).body as { id: string }).id);
  });
  beforeEach(() => {
    waits = [];
  });
  afterEach(() => tools.off());
  after(() => sbx?.stop());

  it('re-sends exactly the 10 failed items of a 20-item batch (7×429, 2×503, 1×424), after the largest Retry-After, and no successful item', async () => {
    const retryAfter = [1, 1, 2, 1, 2, 1, 2];
    await tools.faults({
      rules: [
        ...retryAfter.map((s, k) => ({
          match: { method: 'PATCH', path: contactIds[k] },
          fault: '429',
          retryAfterSeconds: s,
          times: 1,
        })),
        ...[7, 8].map((k) => ({
          match: { method: 'PATCH', path: contactIds[k] },
          fault: '503',
          retryAfterSeconds: null,
          times: 1,
        })),
      ],
    });
    const requests: GraphRequest[] = [
      ...contactIds.map((id, k) => ({
        method: 'PATCH' as const,
        url: `${folder}/contacts/${id}`,
        body: { jobTitle: `Patched ${k}` },
      })),
      ...Array.from({ length: 7 }, (_, k) => ({
        method: 'POST' as const,
        url: `${folder}/contacts`,
        body: person(`batch-new-${k}`),
        ...(k === 6 ? { dependsOn: [8] } : {}),
      })),
    ];
    await fetch(`${sbx.sandbox.url}/_sandbox/metrics`, { method: 'DELETE' });
    const graph = client();
    const results = await graph.batch(app, olivia.id, requests);

    assert.deepEqual(
      results.map((r) => (r instanceof GraphCallError ? r.code : r.status)),
      [...Array(13).fill(200), ...Array(7).fill(201)],
    );
    const metrics = graph.metrics();
    assert.equal(metrics.requestsSent, 2, 'one envelope, then one envelope of the failed items');
    assert.equal(metrics.batchItems, 30, '20 items, then exactly 10 re-sent');
    assert.equal(metrics.retries, 10);
    assert.equal(metrics.throttled, 7);
    // The sandbox ran 19 items (the 424 one was never run) and then the 10 re-sent.
    assert.equal((await tools.mailboxMetrics(olivia.id))!.requests, 29);

    const log = await faultLog();
    assert.equal(log.length, 9);
    assert.equal(waits.length, 1);
    assert.equal(waits[0]!.ms, 2000, 'the largest Retry-After');
    for (const entry of log.filter((e) => e.fault === '429'))
      assert.ok(waits[0]!.endedAt - Date.parse(entry.at) >= entry.retryAfterSeconds * 1000);
    for (let k = 0; k < 7; k++) assert.equal(await withEmail(`batch-new-${k}`), 1, 'each create ran once');
  });

  it('never has more than 4 requests in flight on one mailbox: 50 parallel calls and 2 batches, 0 MailboxConcurrency 429s', async () => {
    await tools.throttling({ enabled: true, concurrency: 4 });
    await tools.faults({ latency: { baseMs: 25, jitterMs: 10 }, rules: [] });
    const graph = client();
    const get = () =>
      graph.call(app, olivia.id, { method: 'GET', url: `/users/${olivia.id}/contacts?$top=1&$select=id` });
    const batch = () =>
      graph.batch(
        app,
        olivia.id,
        contactIds.slice(0, 10).map((id) => ({ method: 'GET' as const, url: `${folder}/contacts/${id}` })),
      );
    const settled = await Promise.all([...Array.from({ length: 50 }, get), batch(), batch()]);
    assert.equal(settled.length, 52);
    const sandbox = (await tools.mailboxMetrics(olivia.id))!;
    assert.equal(sandbox.throttled, 0);
    assert.ok(sandbox.maxInFlight <= 4, `sandbox saw ${sandbox.maxInFlight} in flight`);
    assert.equal(graph.metrics().maxInFlightPerMailbox, 4);
    assert.equal(graph.metrics().throttled, 0);
  });

  it('spends a request budget per mailbox, queueing instead of getting RequestRate 429s', async () => {
    // The sandbox allows 10 requests per (compressed) second; the client spends 5/s after a burst
    // of 2 (the margin covers connection set-up skewing the first arrivals).
    await tools.throttling({ enabled: true, requestsPer10Minutes: 10, timeScale: 600 });
    const graph = client({ limits: { requestsPer10Minutes: 3000, burst: 2 } });
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 15 }, () =>
        graph.call(app, olivia.id, { method: 'GET', url: `/users/${olivia.id}/contacts?$top=1` }),
      ),
    );
    assert.ok(Date.now() - started >= 2400, 'queued behind the budget');
    assert.equal((await tools.mailboxMetrics(olivia.id))!.throttled, 0);
    assert.equal(graph.metrics().throttled, 0);
  });

  it('honours Retry-After exactly and pauses the whole mailbox until it ends', async () => {
    await tools.faults({
      rules: [
        { match: { method: 'GET', path: '/contactFolders?' }, fault: '429', retryAfterSeconds: 2, times: 1 },
      ],
    });
    const graph = client();
    const throttled = graph.call(app, olivia.id, {
      method: 'GET',
      url: `/users/${olivia.id}/contactFolders?$top=1`,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const other = graph
      .call(app, olivia.id, { method: 'GET', url: `/users/${olivia.id}/contacts?$top=1` })
      .then(() => Date.now());
    await throttled;
    const [fault] = await faultLog();
    assert.deepEqual(
      waits.map((w) => w.ms),
      [2000],
    );
    assert.ok(waits[0]!.endedAt - Date.parse(fault.at) >= 2000);
    assert.ok((await other) - Date.parse(fault.at) >= 2000, 'the other call waited for the pause');
  });

  it('backs off with full jitter (base 1 s, doubling) when a 429 carries no Retry-After', async () => {
    await tools.faults({
      rules: [{ match: { method: 'GET' }, fault: '429', retryAfterSeconds: null, times: 2 }],
    });
    const graph = client({ clock: { random: () => 0.25 } });
    const res = await graph.call(app, olivia.id, {
      method: 'GET',
      url: `/users/${olivia.id}/contacts?$top=1`,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(
      waits.map((w) => w.ms),
      [250, 500],
    );
    assert.equal(graph.metrics().throttled, 2);
    assert.equal(graph.metrics().retries, 2);
  });

  it('reports AMBIGUOUS_WRITE for a create whose response was lost after commit, and does not send it again', async () => {
    await tools.faults({
      rules: [{ match: { method: 'POST', path: '/contacts' }, fault: 'drop', times: 1 }],
    });
    const graph = client();
    const err = await failure(
      graph.call(app, olivia.id, { method: 'POST', url: `${folder}/contacts`, body: person('dropped') }),
    );
    assert.equal(err.code, 'AMBIGUOUS_WRITE');
    assert.equal(err.status, 0);
    assert.equal(graph.metrics().requestsSent, 1);
    assert.equal(await withEmail('dropped'), 1, 'created once: the caller looks it up by its tag');

    await tools.faults({
      rules: [{ match: { method: 'POST', path: '/contacts' }, fault: '504', commit: true, times: 1 }],
    });
    const timeout = await failure(
      graph.call(app, olivia.id, { method: 'POST', url: `${folder}/contacts`, body: person('gateway') }),
    );
    assert.equal(timeout.code, 'AMBIGUOUS_WRITE');
    assert.equal(timeout.status, 504);
    assert.equal(await withEmail('gateway'), 1);
  });

  it('re-sends the reads of a batch whose answer was lost, and reports its creates as AMBIGUOUS_WRITE', async () => {
    await tools.faults({ rules: [{ match: { path: '/$batch' }, fault: 'drop', times: 1 }] });
    const graph = client({ clock: { random: () => 0 } });
    const [read, create] = await graph.batch(app, olivia.id, [
      { method: 'GET', url: `${folder}/contacts/${contactIds[0]}?$select=surname` },
      { method: 'POST', url: `${folder}/contacts`, body: person('lost-batch') },
    ]);
    assert.ok(read && !(read instanceof GraphCallError));
    assert.equal((read.body as { surname: string }).surname, 'base-0');
    assert.ok(create instanceof GraphCallError);
    assert.equal(create.code, 'AMBIGUOUS_WRITE');
    assert.equal(graph.metrics().batchItems, 3, 'the read alone was sent again');
    assert.equal(await withEmail('lost-batch'), 1, 'created once, not twice');
  });

  it('retries idempotent requests through a reset, a 504 and a 503 (after its Retry-After)', async () => {
    await tools.faults({
      rules: [
        { match: { method: 'GET', path: '/contactFolders' }, fault: 'reset', times: 1 },
        { match: { method: 'GET', path: '/contactFolders' }, fault: '504', times: 1 },
        { match: { method: 'PATCH' }, fault: '503', retryAfterSeconds: 1, times: 1 },
      ],
    });
    const graph = client({ clock: { random: () => 0 } });
    const read = await graph.call(app, olivia.id, {
      method: 'GET',
      url: `/users/${olivia.id}/contactFolders?$top=1`,
    });
    assert.equal(read.status, 200);
    const patched = await graph.call<{ jobTitle: string }>(app, olivia.id, {
      method: 'PATCH',
      url: `${folder}/contacts/${contactIds[12]}`,
      body: { jobTitle: 'After a 503' },
    });
    assert.equal(patched.body.jobTitle, 'After a 503');
    assert.equal(graph.metrics().retries, 3);
    assert.deepEqual(
      waits.map((w) => w.ms),
      [0, 0, 1000],
    );
  });

  it('gives up with THROTTLED once the retry budget is spent', async () => {
    await tools.faults({ rules: [{ match: { method: 'GET' }, fault: '429', retryAfterSeconds: 0 }] });
    const graph = client({ retry: { maxAttempts: 3 } });
    const err = await failure(
      graph.call(app, olivia.id, { method: 'GET', url: `/users/${olivia.id}/contacts?$top=1` }),
    );
    assert.equal(err.code, 'THROTTLED');
    assert.equal(err.retryable, true);
    assert.equal(err.retryAfterMs, 0, 'what Graph last asked for, for the caller’s own scheduling');
    assert.equal(graph.metrics().requestsSent, 3);
  });
});
