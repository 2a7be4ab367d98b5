import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { graphCaller } from '../../support/graph-call.js';
import { hostileTools } from '../../support/sandbox-hostile.js';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';

describe('Sandbox: hostile mode (throttling, latency, faults)', () => {
  let sbx: TestSandbox;
  let token: string;
  let other: string;
  let user: { id: string; userPrincipalName: string };
  let tools: ReturnType<typeof hostileTools>;

  const graphCall = graphCaller(
    () => sbx.url,
    () => token,
  );
  const call = (method: string, path: string, body?: unknown, as?: string) =>
    graphCall(method, path, body, {}, as);

  const newContact = (tag: string) => ({
    givenName: 'Hostile',
    surname: tag,
    emailAddresses: [{ address: `${tag}@hostile.example` }],
  });
  const count = async (tag: string) =>
    (await call('GET', `/me/contacts?$filter=emailAddresses/any(a:a/address eq '${tag}@hostile.example')`))
      .body.value.length as number;
  const statuses = (n: number, path = '/me/contacts?$top=1', as = token) =>
    Promise.all(Array.from({ length: n }, () => call('GET', path, undefined, as)));

  before(async () => {
    sbx = await startTestSandbox();
    user = sbx.tenants[0]!.users[2]!;
    token = await sbx.token(user.userPrincipalName, 'graph');
    other = await sbx.token(sbx.tenants[0]!.users[5]!.userPrincipalName, 'graph');
    tools = hostileTools(sbx.url);
  });
  afterEach(() => tools.off());
  after(() => sbx.stop());

  describe('tools', () => {
    it('start off (npm start does not throttle), validate input with 400, and /_sandbox/reset turns them off', async () => {
      assert.deepEqual((await tools.get('/throttling')).body, {
        enabled: false,
        concurrency: 4,
        requestsPer10Minutes: 10000,
        timeScale: 1,
      });
      assert.deepEqual((await tools.get('/faults')).body, {
        seed: 1,
        latency: { baseMs: 0, jitterMs: 0 },
        rules: [],
      });
      for (const bad of [
        { rules: [{ fault: 'teapot' }] },
        { rules: [{ fault: '429', probability: 2 }] },
        { rules: [{ fault: 'slow', match: { pathRegex: '(' } }] },
        { rules: [{ fault: '429', commit: true }] },
        { rules: [{ fault: '503', retryAfterSeconds: [30, 1] }] },
        { rules: [{ fault: '503', match: { verb: 'GET' } }] },
      ]) {
        const refused = await tools.faults(bad);
        assert.equal(refused.status, 400, JSON.stringify(bad));
        assert.equal(refused.body.error, 'invalid_request');
      }
      assert.equal((await tools.throttling({ enabled: true, concurrency: 0 })).status, 400);
      assert.equal((await tools.throttling({ enabled: 'yes' })).status, 400);

      assert.equal((await tools.throttling({ enabled: true })).body.enabled, true);
      assert.equal((await tools.faults({ rules: [{ fault: 429 }] })).body.rules[0].fault, '429');
      const reset = await fetch(`${sbx.url}/_sandbox/reset`, { method: 'POST' });
      assert.equal(reset.status, 200);
      assert.equal((await tools.get('/throttling')).body.enabled, false);
      assert.deepEqual((await tools.get('/faults')).body.rules, []);
    });
  });

  describe('throttling per app × mailbox', () => {
    it('answers the fifth concurrent request to a mailbox 429 MailboxConcurrency with Retry-After, and none when off', async () => {
      await tools.faults({ latency: { baseMs: 500 } });
      const off = await statuses(5);
      assert.deepEqual(
        off.map((r) => r.status),
        [200, 200, 200, 200, 200],
      );

      await tools.throttling({ enabled: true });
      const on = await statuses(5);
      const throttled = on.filter((r) => r.status === 429);
      assert.equal(throttled.length, 1);
      assert.equal(throttled[0]!.body.error.code, 'ApplicationThrottled');
      assert.equal(throttled[0]!.body.error.message, 'Application is over its MailboxConcurrency limit.');
      assert.equal(throttled[0]!.headers.get('retry-after'), '1');
      assert.equal((await tools.mailboxMetrics(user.id))?.throttled, 1, '/_sandbox/metrics counts the 429');

      const mixed = await Promise.all([statuses(4), statuses(1, '/me/contacts?$top=1', other)]);
      assert.ok(
        mixed.flat().every((r) => r.status === 200),
        'another mailbox has its own four slots',
      );
    });

    it('limits requests per 10 minutes in a sliding window, compressed by timeScale', async () => {
      await tools.throttling({ enabled: true, requestsPer10Minutes: 3, timeScale: 600 });
      for (let i = 0; i < 3; i++) assert.equal((await call('GET', '/me/contacts?$top=1')).status, 200);
      const refused = await call('GET', '/me/contacts?$top=1');
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.message, 'Application is over its RequestRate limit.');
      assert.equal(refused.headers.get('retry-after'), '1');
      assert.equal((await call('GET', '/me/contacts?$top=1', undefined, other)).status, 200);
      await sleep(1100);
      assert.equal(
        (await call('GET', '/me/contacts?$top=1')).status,
        200,
        'the window (1 s at timeScale 600) slid',
      );
    });
  });

  describe('faults as a client sees them', () => {
    it('reset: the request fails with a socket error and nothing is stored', async () => {
      const tag = `reset-${randomUUID().slice(0, 8)}`;
      await tools.faults({
        rules: [{ match: { method: 'POST', path: '/contacts' }, fault: 'reset', times: 1 }],
      });
      await assert.rejects(call('POST', '/me/contacts', newContact(tag)), TypeError);
      assert.equal(await count(tag), 0);
      assert.equal((await call('POST', '/me/contacts', newContact(tag))).status, 201, 'times: 1');
    });

    it('drop: the request fails with a socket error BUT the contact exists afterwards', async () => {
      const tag = `drop-${randomUUID().slice(0, 8)}`;
      await tools.faults({ rules: [{ match: { method: 'POST' }, fault: 'drop', times: 1 }] });
      await assert.rejects(call('POST', '/me/contacts', newContact(tag)), TypeError);
      assert.equal(await count(tag), 1);
    });

    it('429/503 with Retry-After (honoured by the SDK RetryHandler), 504, and 504 after the change was stored', async () => {
      await tools.faults({
        rules: [
          { match: { path: '$top=1' }, fault: '429', times: 1, retryAfterSeconds: 7 },
          { match: { path: '$top=1' }, fault: '503', times: 1, retryAfterSeconds: null },
          { match: { path: '$top=1' }, fault: '504', times: 1 },
          { match: { path: '$top=2' }, fault: '503', times: 1, retryAfterSeconds: 0 },
          { match: { method: 'POST' }, fault: '504', commit: true, times: 1 },
        ],
      });
      const throttled = await call('GET', '/me/contacts?$top=1');
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers.get('retry-after'), '7');
      assert.equal(throttled.body.error.code, 'ApplicationThrottled');
      const busy = await call('GET', '/me/contacts?$top=1');
      assert.equal(busy.status, 503);
      assert.equal(busy.headers.get('retry-after'), null);
      assert.equal(busy.body.error.code, 'ErrorServerBusy');
      assert.equal((await call('GET', '/me/contacts?$top=1')).status, 504);
      assert.equal((await call('GET', '/me/contacts?$top=1')).status, 200);

      const viaSdk = await sbx.graph(token).api('/me/contacts').top(2).get();
      assert.equal(viaSdk.value.length, 2, 'the RetryHandler retried the 503 after Retry-After: 0');

      const tag = `commit-${randomUUID().slice(0, 8)}`;
      assert.equal((await call('POST', '/me/contacts', newContact(tag))).status, 504);
      assert.equal(await count(tag), 1, 'the write happened although the client saw 504');
      assert.equal((await tools.mailboxMetrics(user.id))?.throttled, 1);
      assert.deepEqual(
        (await tools.get('/faults/log')).body.entries.map((e: any) => e.fault),
        ['429', '503', '504', '503', '504'],
      );
    });

    it('410 SyncStateNotFound on a delta call with a token (SDK GraphError), with a Location that restarts', async () => {
      await tools.faults({ rules: [{ match: { path: '/contacts/delta' }, fault: '410', times: 2 }] });
      const first = await call('GET', '/me/contacts/delta');
      assert.equal(first.status, 200, 'an initial round carries no token and is not faulted');
      let link: string = first.body['@odata.nextLink'] ?? first.body['@odata.deltaLink'];
      const gone = await call('GET', link.slice(`${sbx.url}/v1.0`.length));
      assert.equal(gone.status, 410);
      assert.equal(gone.body.error.code, 'SyncStateNotFound');
      await assert.rejects(sbx.graph(token).api(link).get(), (err: any) => {
        assert.equal(err.statusCode, 410);
        assert.equal(err.code, 'SyncStateNotFound');
        return true;
      });
      link = gone.headers.get('location')!;
      assert.match(link, /\/v1\.0\/me\/contacts\/delta\?\$deltatoken=$/);
      const restarted = await call('GET', link.slice(`${sbx.url}/v1.0`.length));
      assert.equal(restarted.status, 200);
      assert.ok(restarted.body.value.length > 0, 'a full initial round');
    });

    it('slow responses and the latency model delay answers (generous bounds)', async () => {
      await tools.faults({ rules: [{ match: { method: 'GET' }, fault: 'slow', delayMs: 400, times: 1 }] });
      let started = performance.now();
      assert.equal((await call('GET', '/me/contacts?$top=1')).status, 200);
      const slow = performance.now() - started;
      assert.ok(slow >= 390 && slow < 5000, `slow took ${slow} ms`);

      await tools.faults({ latency: { baseMs: 150, jitterMs: 50 } });
      started = performance.now();
      await call('GET', '/me/contacts?$top=1');
      const delayed = performance.now() - started;
      assert.ok(delayed >= 140 && delayed < 5000, `latency took ${delayed} ms`);
    });

    it('matches rules by mailbox owner and by regular expression', async () => {
      await tools.faults({
        rules: [
          {
            match: { user: user.userPrincipalName.toUpperCase(), pathRegex: '^/me/contacts\\?\\$top=\\d$' },
            fault: '503',
          },
        ],
      });
      assert.equal((await call('GET', '/me/contacts?$top=1')).status, 503);
      assert.equal((await call('GET', '/me/contacts?$top=10')).status, 200);
      assert.equal((await call('GET', '/me/contacts?$top=1', undefined, other)).status, 200);
    });

    it('is reproducible: the same seed and request sequence give the same faults', async () => {
      const config = (seed: number) => ({
        seed,
        rules: [
          { match: { path: '$top=3' }, fault: '503', probability: 0.3, retryAfterSeconds: 0 },
          { match: { path: '$top=3' }, fault: '429', probability: 0.2, retryAfterSeconds: [1, 30] },
        ],
      });
      const run = async (seed: number) => {
        await tools.faults(config(seed));
        const seen: number[] = [];
        for (let i = 0; i < 30; i++) seen.push((await call('GET', '/me/contacts?$top=3')).status);
        const log = (await tools.get('/faults/log')).body.entries.map(({ at: _at, ...e }: any) => e);
        return { seen, log };
      };
      const a = await run(42);
      const b = await run(42);
      assert.deepEqual(b, a);
      assert.ok(a.seen.includes(503) && a.seen.includes(429) && a.seen.includes(200), a.seen.join());
      assert.ok(
        a.log.every((e: any) => e.fault !== '429' || (e.retryAfterSeconds >= 1 && e.retryAfterSeconds <= 30)),
      );
      assert.notDeepEqual((await run(43)).seen, a.seen);
    });
  });
});
