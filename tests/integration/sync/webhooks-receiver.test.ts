import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createServer } from '../../../src/app/server.js';
import { newId } from '../../../src/platform/db/ids.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import type { RunReason, SyncTarget, SyncTrigger } from '../../../src/sync/engine/sync-contract.js';
import { hashClientState, newClientState } from '../../../src/sync/webhooks/client-state.js';
import { GraphSubscriptionRepository } from '../../../src/sync/webhooks/graph-subscription.repo.js';
import { buildWebhooks, type Webhooks } from '../../../src/sync/webhooks/webhooks.module.js';
import { SandboxedTandem, type SandboxedMember } from '../../support/sandboxed-app.js';

/** The edge the receiver calls (the engine's trigger): records what was asked. */
class RecordingTrigger implements SyncTrigger {
  readonly runs: { target: SyncTarget; reason: RunReason; at: number }[] = [];
  async requestRun(target: SyncTarget, reason: RunReason): Promise<void> {
    this.runs.push({ target, reason, at: Date.now() });
  }
}

const GUIDS = {
  otherTenant: '0b7a6a51-3c1f-4f51-9b0e-2f1d3a4b5c6d',
  otherUser: '5e0c9d1a-7b2f-4c3e-8d4a-6f7b8c9d0e1f',
};

/**
 * The receiver (`POST /api/webhooks/graph[/lifecycle]`) on Tandem's real server and database:
 * the handshake, forged notifications, a replay flood. Subscriptions are stored directly (known
 * clientState), so no Graph traffic is involved here.
 */
describe('Graph change notifications: the receiver', () => {
  let sbx: SandboxedTandem;
  let member: SandboxedMember;
  let trigger: RecordingTrigger;
  let webhooks: Webhooks;
  let server: http.Server;
  let base: string;
  const logs: string[] = [];
  const repo = new GraphSubscriptionRepository();

  before(async function () {
    this.timeout(120_000);
    sbx = await SandboxedTandem.start({ ownDatabase: true });
    const owner = await sbx.provision(sbx.tenant(0).users.find((u) => u.isAdministrator)!);
    member = await sbx.addMember(owner.orgId, sbx.user('daniel'));
    trigger = new RecordingTrigger();
    const { container, db } = sbx.app.tandem;
    webhooks = buildWebhooks({
      db,
      graph: container.graph!,
      trigger,
      publicUrl: () => base,
      logger: createLogger({
        level: 'info',
        destination: new Writable({ write: (c, _e, done) => (logs.push(String(c)), done()) }),
      }),
    });
    server = http.createServer(createServer({ ...container.serverDeps, graphWebhooks: webhooks.router }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await webhooks?.stop();
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await sbx?.stop();
  });

  /** A stored subscription of `member` with a known clientState. */
  const subscription = async (module: SyncTarget['module'] = 'contacts') => {
    const clientState = newClientState();
    const subscriptionId = newId();
    const target: SyncTarget = { orgId: member.orgId, userId: member.userId, module };
    await sbx.app.tandem.db.scoped(member.orgId, (tx) =>
      repo.save(tx, {
        id: newId(),
        ...target,
        tenantId: sbx.tenant(0).id,
        mailbox: member.id,
        subscriptionId,
        resource: `/users/${member.id}/contactFolders/F/contacts`,
        clientStateHash: hashClientState(clientState),
        expiresAt: new Date(Date.now() + 3 * 86_400_000),
        renewAt: new Date(Date.now() + 2 * 86_400_000),
      }),
    );
    const notification = (overrides: Record<string, unknown> = {}) => ({
      subscriptionId,
      subscriptionExpirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
      changeType: 'created',
      resource: `Users/${member.id}/Contacts/AAMkAGI2THVSAAA=`,
      resourceData: { '@odata.type': '#Microsoft.Graph.Contact', id: 'AAMkAGI2THVSAAA=' },
      clientState,
      tenantId: sbx.tenant(0).id,
      ...overrides,
    });
    return { target, subscriptionId, clientState, notification };
  };

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  describe('the validation handshake', () => {
    const tokens = {
      graph:
        'Validation: Testing client application reachability for subscription Request-Id: 0a1b2c3d-aaaa-4bbb-8ccc-123456789abc',
      script: '<script>alert(1)</script>',
      unicode: 'Zoë – 東京 – 😀 – ﻿ – \u202e',
      plus: 'a+b c%2Bd',
      large: 'x'.repeat(4096),
    };
    for (const path of ['/api/webhooks/graph', '/api/webhooks/graph/lifecycle'])
      for (const [name, token] of Object.entries(tokens))
        it(`${path}: echoes the decoded token (${name}) byte for byte as text/plain with nosniff`, async () => {
          // Graph's own encoding: .NET form encoding, `+` for spaces.
          const encoded = encodeURIComponent(token).replace(/%20/g, '+');
          const started = performance.now();
          const res = await fetch(`${base}${path}?validationToken=${encoded}`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          });
          const elapsed = performance.now() - started;
          const body = Buffer.from(await res.arrayBuffer());
          assert.equal(res.status, 200);
          assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
          assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
          assert.ok(body.equals(Buffer.from(token, 'utf8')), `body differs for ${name}`);
          assert.ok(elapsed < 200, `handshake took ${elapsed} ms`);
        });

    it('refuses a request carrying two validation tokens', async () => {
      const res = await fetch(`${base}/api/webhooks/graph?validationToken=a&validationToken=b`, {
        method: 'POST',
      });
      assert.equal(res.status, 400);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    });
  });

  describe('forged and foreign notifications', () => {
    it('answers 202 and triggers nothing for a wrong clientState, an unknown subscription, another tenant or another mailbox', async () => {
      const { notification, clientState } = await subscription();
      const before = trigger.runs.length;
      const forged = [
        notification({ clientState: `${clientState.slice(0, -1)}${clientState.endsWith('A') ? 'B' : 'A'}` }),
        notification({ clientState: undefined }),
        notification({ clientState: null }),
        notification({ subscriptionId: newId() }),
        notification({ tenantId: GUIDS.otherTenant }),
        notification({ resource: `Users/${GUIDS.otherUser}/Contacts/AAMk=` }),
        notification({ resource: `Users/${member.id}/Messages/AAMk=` }),
        notification({ resource: undefined }),
        { subscriptionId: 42, clientState },
      ];
      for (let round = 0; round < 50; round++)
        for (const f of forged) {
          const res = await post('/api/webhooks/graph', { value: [f] });
          assert.equal(res.status, 202);
        }
      const res = await post('/api/webhooks/graph', { value: forged });
      assert.equal(res.status, 202);
      assert.equal(trigger.runs.length, before, 'a forged notification requested a run');
      const security = logs.filter((l) => l.includes('graph_notification_dropped'));
      const reasons = new Set(security.map((l) => JSON.parse(l).reason as string));
      for (const reason of [
        'client_state_mismatch',
        'unknown_subscription',
        'tenant_mismatch',
        'resource_mismatch',
        'malformed',
      ])
        assert.ok(reasons.has(reason), `no security log for ${reason}`);
      assert.ok(
        security.length <= 10,
        `security log not rate-limited: ${security.length} lines for ${50 * forged.length} drops`,
      );
      assert.ok(!logs.some((l) => l.includes(clientState)), 'a clientState reached the log');
    });

    it('refuses what is not a notification collection: non-JSON, malformed JSON, wrong shape, oversized', async () => {
      const before = trigger.runs.length;
      const text = await post('/api/webhooks/graph', 'value=1', { 'content-type': 'text/plain' });
      assert.equal(text.status, 415);
      const bad = await post('/api/webhooks/graph', '{"value": [', {});
      assert.equal(bad.status, 400);
      const shape = await post('/api/webhooks/graph', { value: 'nope' });
      assert.equal(shape.status, 400);
      assert.match(shape.headers.get('content-type') ?? '', /problem\+json/);
      const big = await post('/api/webhooks/graph', { value: [{ pad: 'x'.repeat(1_100_000) }] });
      assert.equal(big.status, 413);
      assert.equal(trigger.runs.length, before);
    });
  });

  describe('authentic notifications', () => {
    it('request one run of the subscription’s (user, module), never reading the payload as data', async () => {
      const { notification, target } = await subscription('meetings');
      const before = trigger.runs.length;
      const res = await post('/api/webhooks/graph/lifecycle', {
        value: [
          notification({
            resource: `Users/${member.id.toUpperCase()}/Events/AAMk=`,
            resourceData: { evil: true },
          }),
        ],
      });
      assert.equal(res.status, 202);
      assert.deepEqual(
        trigger.runs.slice(before).map((r) => [r.target, r.reason]),
        [[target, 'notification']],
      );
    });

    it('coalesce a replay flood of 10,000 notifications into at most one run per 5 s, acknowledged fast', async () => {
      const { notification, target } = await subscription('tasks');
      const valid = notification({ resource: `Users/${member.id}/todo/lists/L/tasks/T` });
      const mine = () =>
        trigger.runs.filter((r) => r.target.module === target.module && r.target.userId === target.userId);
      const latencies: number[] = [];
      const started = Date.now();
      let next = 0;
      const worker = async () => {
        while (next < 2_000) {
          next++;
          const t = performance.now();
          const res = await post('/api/webhooks/graph', { value: Array.from({ length: 5 }, () => valid) });
          latencies.push(performance.now() - t);
          assert.equal(res.status, 202);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      const floodMs = Date.now() - started;
      const windows = Math.ceil(floodMs / 5_000);
      assert.ok(mine().length >= 1 && mine().length <= windows, `${mine().length} runs in ${floodMs} ms`);
      // The trailing run of the last window follows once it closes; then nothing more.
      await new Promise((r) => setTimeout(r, 5_300));
      const runs = mine();
      assert.ok(runs.length <= windows + 1, `${runs.length} runs for ${windows} windows`);
      for (let i = 1; i < runs.length; i++)
        assert.ok(runs[i]!.at - runs[i - 1]!.at >= 4_900, 'two runs inside one 5 s window');
      latencies.sort((a, b) => a - b);
      const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
      assert.ok(p99 < 300, `acknowledgement p99 ${p99.toFixed(0)} ms`);
    });
  });
});
