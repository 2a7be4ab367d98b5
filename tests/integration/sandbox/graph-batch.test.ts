import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { BatchRequestContent, BatchResponseContent } from '@microsoft/microsoft-graph-client';
import { GraphConformance } from '../../support/graph-conformance.js';
import { hostileTools } from '../../support/sandbox-hostile.js';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';

interface Item {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

describe('Sandbox: Graph JSON batching ($batch)', () => {
  let sbx: TestSandbox;
  let graph: Client;
  let token: string;
  let userId: string;
  let tools: ReturnType<typeof hostileTools>;
  const conformance = GraphConformance.load();

  const contact = (tag: string) => ({
    givenName: 'Batch',
    surname: tag,
    emailAddresses: [{ address: `${tag}@batch.example`, name: tag }],
  });
  const byEmail = (tag: string) =>
    `/me/contacts?$filter=emailAddresses/any(a:a/address eq '${tag}@batch.example')`;
  const post = (id: string, tag: string, dependsOn?: string[]): Item => ({
    id,
    method: 'POST',
    url: '/me/contacts',
    headers: { 'Content-Type': 'application/json' },
    body: contact(tag),
    ...(dependsOn ? { dependsOn } : {}),
  });

  /** A raw `$batch`; every item body is checked against Microsoft's description of its request. */
  async function batch(requests: unknown[], as = token) {
    const res = await fetch(`${sbx.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requests }),
    });
    const body = (await res.json()) as any;
    if (res.status === 200) checkItems(requests as Item[], body.responses);
    return {
      status: res.status,
      body,
      byId: new Map<string, any>(body.responses?.map((r: any) => [r.id, r])),
    };
  }

  function checkItems(requests: Item[], responses: any[]) {
    for (const r of responses) {
      const request = requests.find((q) => q.id.toLowerCase() === r.id.toLowerCase())!;
      const url = `${sbx.url}/v1.0${request.url.replace(/^\/v1\.0/, '')}`;
      conformance.assertResponse({ method: request.method, url, status: r.status, body: r.body });
      if (r.body !== undefined) assert.match(r.headers['Content-Type'], /^application\/json/);
      assert.equal(r.headers['content-type'], undefined, 'the header key must be spelled Content-Type');
    }
  }

  async function count(tag: string): Promise<number> {
    const res = await fetch(`${sbx.url}/v1.0${byEmail(tag)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await res.json()) as any).value.length;
  }

  before(async () => {
    sbx = await startTestSandbox();
    const user = sbx.tenants[0]!.users[3]!;
    userId = user.id;
    token = await sbx.token(user.userPrincipalName, 'graph');
    graph = sbx.graph(token);
    tools = hostileTools(sbx.url);
  });
  afterEach(() => tools.off());
  after(() => sbx.stop());

  it('runs creates and a GET that depends on one through the SDK (BatchRequestContent/BatchResponseContent)', async () => {
    const tags = ['one', 'two', 'three'].map((t) => `${t}-${randomUUID().slice(0, 8)}`);
    const request = (url: string, init?: RequestInit) => new Request(`${sbx.url}/v1.0${url}`, init);
    const create = (tag: string) =>
      request('/me/contacts', {
        method: 'POST',
        body: JSON.stringify(contact(tag)),
        headers: { 'Content-Type': 'application/json' },
      });
    const content = new BatchRequestContent([
      { id: '1', request: create(tags[0]!) },
      { id: '2', request: create(tags[1]!), dependsOn: ['1'] },
      { id: '3', request: create(tags[2]!), dependsOn: ['1'] },
      { id: '4', request: request(byEmail(tags[0]!)), dependsOn: ['1'] },
    ]);
    // The first create is slow: the GET only finds its contact if it really waited for it.
    await tools.faults({ rules: [{ match: { method: 'POST' }, fault: 'slow', delayMs: 200, times: 1 }] });
    const payload = (await content.getContent()) as { requests: Item[] };
    const raw = await graph.api('/$batch').post(payload);
    checkItems(payload.requests, raw.responses);
    const responses = new BatchResponseContent(raw);

    const created: any[] = [];
    for (const [i, tag] of tags.entries()) {
      const response = responses.getResponseById(String(i + 1));
      assert.equal(response.status, 201);
      const body = (await response.json()) as any;
      assert.equal(body.surname, tag);
      created.push(body);
    }
    const found = responses.getResponseById('4');
    assert.equal(found.status, 200);
    assert.deepEqual(
      ((await found.json()) as any).value.map((c: any) => c.id),
      [created[0].id],
      'the GET ran after the create it depends on',
    );
    for (const tag of tags) assert.equal(await count(tag), 1);
  });

  it('refuses 21 requests, duplicate ids (any case) and malformed batches with 400 as Graph does', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/me/contacts?$top=1',
    }));
    const tooMany = await batch(many);
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.error.code, 'BadRequest');
    assert.match(tooMany.body.error.message, /20/);
    assert.ok(tooMany.body.error.innerError['request-id']);

    const twenty = await batch(many.slice(0, 20));
    assert.equal(twenty.status, 200);
    assert.equal(twenty.body.responses.length, 20);

    const duplicate = await batch([
      { id: 'a', method: 'GET', url: '/me/contacts?$top=1' },
      { id: 'A', method: 'GET', url: '/me/contacts?$top=1' },
    ]);
    assert.equal(duplicate.status, 400);
    assert.equal(duplicate.body.error.message, 'Request Id A has to be unique in a batch.');

    for (const requests of [
      [{ id: '1', method: 'GET' }],
      [{ id: '1', method: 'POST', url: '/me/contacts', body: { givenName: 'x' } }],
      [{ id: '1', method: 'GET', url: '/me/contacts', dependsOn: ['2'] }],
      [{ id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/me/contacts' }],
    ]) {
      const refused = await batch(requests);
      assert.equal(refused.status, 400, JSON.stringify(requests));
      assert.equal(refused.body.error.code, 'BadRequest');
    }
    const unauthenticated = await batch([{ id: '1', method: 'GET', url: '/me/contacts' }], 'not-a-token');
    assert.equal(unauthenticated.status, 401);
  });

  it('fails the dependents of a failed request with 424 FailedDependency, and runs nothing of theirs', async () => {
    const tag = `dep-${randomUUID().slice(0, 8)}`;
    const result = await batch([
      { id: '1', method: 'GET', url: '/me/contacts/AAMkAGNvbnRhY3Qtbm90LWZvdW5k' },
      post('2', tag, ['1']),
      { id: '3', method: 'GET', url: '/me/contacts?$top=1', dependsOn: ['2'] },
    ]);
    assert.equal(result.status, 200);
    assert.ok(result.byId.get('1').status >= 400);
    for (const id of ['2', '3']) {
      const item = result.byId.get(id);
      assert.equal(item.status, 424);
      assert.equal(item.body.error.code, 'FailedDependency');
    }
    assert.equal(await count(tag), 0, 'the dependent create did not run');
  });

  it('answers 204 items without a body, and each item with its own status and error body', async () => {
    const tag = `del-${randomUUID().slice(0, 8)}`;
    const made = await batch([post('1', tag)]);
    const id = made.byId.get('1').body.id;
    const result = await batch([
      { id: 'del', method: 'DELETE', url: `/me/contacts/${id}` },
      {
        id: 'bad',
        method: 'PATCH',
        url: '/me/contacts/x',
        headers: { 'Content-Type': 'application/json' },
        body: { nope: 1 },
      },
      { id: 'other', method: 'GET', url: `/users/${sbx.tenants[0]!.users[4]!.id}/contacts` },
    ]);
    const deleted = result.byId.get('del');
    assert.equal(deleted.status, 204);
    assert.equal('body' in deleted, false);
    assert.equal(new BatchResponseContent(result.body).getResponseById('del').status, 204);
    assert.ok(result.byId.get('bad').status >= 400);
    assert.equal(result.byId.get('other').status, 403, "another user's mailbox with a delegated token");
    assert.equal(result.byId.get('other').body.error.code, 'ErrorAccessDenied');
    assert.equal(await count(tag), 0);
  });

  it('runs at most four items of a batch at a time, so a batch alone never trips MailboxConcurrency', async () => {
    await tools.faults({ latency: { baseMs: 150 } });
    await tools.throttling({ enabled: true });
    const requests = Array.from({ length: 8 }, (_, i) => ({
      id: `g${i}`,
      method: 'GET',
      url: '/me/contacts?$top=1',
    }));
    const result = await batch(requests);
    assert.deepEqual(
      result.body.responses.map((r: any) => r.status),
      Array(8).fill(200),
    );
    const counters = await tools.mailboxMetrics(userId);
    assert.equal(counters?.maxInFlight, 4);
    assert.equal(counters?.throttled, 0);
  });

  it('throttles items one by one: two 429s with their own Retry-After while the others succeed', async () => {
    await tools.throttling({ enabled: true, requestsPer10Minutes: 3 });
    const requests = Array.from({ length: 5 }, (_, i) => ({
      id: `r${i}`,
      method: 'GET',
      url: '/me/contacts?$top=1',
    }));
    const result = await batch(requests);
    assert.equal(result.status, 200);
    const statuses = result.body.responses.map((r: any) => r.status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    for (const r of result.body.responses.filter((x: any) => x.status === 429)) {
      assert.equal(r.body.error.code, 'ApplicationThrottled');
      assert.equal(r.body.error.message, 'Application is over its RequestRate limit.');
      assert.ok(Number(r.headers['Retry-After']) >= 1);
    }
    assert.equal((await tools.mailboxMetrics(userId))?.throttled, 2);
  });

  it('applies item faults to the item (503 + Retry-After) and a drop to the whole answer after storing', async () => {
    await tools.faults({
      rules: [{ match: { method: 'GET' }, fault: '503', times: 1, retryAfterSeconds: 5 }],
    });
    const busy = await batch([
      { id: 'a', method: 'GET', url: '/me/contacts?$top=1' },
      { id: 'b', method: 'GET', url: '/me/contacts?$top=1' },
    ]);
    assert.equal(busy.byId.get('a').status, 503);
    assert.equal(busy.byId.get('a').headers['Retry-After'], '5');
    assert.equal(busy.byId.get('b').status, 200);

    await tools.faults({ rules: [{ match: { path: '/$batch' }, fault: '503', times: 1 }] });
    const whole = await batch([{ id: 'a', method: 'GET', url: '/me/contacts?$top=1' }]);
    assert.equal(whole.status, 503, 'a rule naming $batch faults the batch itself');
    assert.equal(whole.body.error.code, 'ErrorServerBusy');

    // A generic connection fault is the HTTP request's: drawn once for the batch, never per item.
    await tools.faults({ rules: [{ match: { method: 'PATCH' }, fault: 'reset', probability: 1 }] });
    const patched = await batch([
      {
        id: 'p',
        method: 'PATCH',
        url: `/me/contacts/${busy.byId.get('b').body.value[0].id}`,
        headers: { 'Content-Type': 'application/json' },
        body: { jobTitle: 'Patched in a batch' },
      },
    ]);
    assert.equal(patched.status, 200, 'items have no connection of their own to reset');
    assert.equal(patched.byId.get('p').status, 200);
    await tools.faults({ rules: [{ match: {}, fault: 'reset', times: 1 }] });
    await assert.rejects(batch([{ id: 'a', method: 'GET', url: '/me/contacts?$top=1' }]), TypeError);
    const log = (await tools.get('/faults/log')).body.entries;
    assert.deepEqual(
      log.map((e: { url: string; fault: string }) => [e.url, e.fault]),
      [['/$batch', 'reset']],
    );

    const tags = [`drop-${randomUUID().slice(0, 8)}`, `kept-${randomUUID().slice(0, 8)}`];
    await tools.faults({ rules: [{ match: { path: 'contacts' }, fault: 'drop', times: 1 }] });
    await assert.rejects(batch([post('1', tags[0]!), post('2', tags[1]!)]), TypeError);
    for (const tag of tags)
      assert.equal(await count(tag), 1, 'the changes were stored before the answer was lost');
  });
});
