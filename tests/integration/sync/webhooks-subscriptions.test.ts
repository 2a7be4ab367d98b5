import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { createServer } from '../../../src/app/server.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import type { RunReason, SyncTarget, SyncTrigger } from '../../../src/sync/engine/sync-contract.js';
import type { GraphAuth, GraphPort } from '../../../src/sync/graph/graph-port.js';
import { hashClientState } from '../../../src/sync/webhooks/client-state.js';
import { GraphSubscriptionRepository } from '../../../src/sync/webhooks/graph-subscription.repo.js';
import {
  graphSubscriptions,
  type GraphSubscriptionRow,
} from '../../../src/sync/webhooks/graph-subscription.table.js';
import { buildWebhooks, type Webhooks } from '../../../src/sync/webhooks/webhooks.module.js';
import { SandboxedTandem, type SandboxedMember } from '../../support/sandboxed-app.js';

class RecordingTrigger implements SyncTrigger {
  readonly runs: { target: SyncTarget; reason: RunReason }[] = [];
  async requestRun(target: SyncTarget, reason: RunReason): Promise<void> {
    this.runs.push({ target, reason });
  }
}

const MINUTE = 60_000;

/** Waits for `check` to return a value (polls every 20 ms). */
async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 2_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Subscriptions against the sandbox's Graph: created app-only for a member's "Tandem Contacts"
 * folder, notified by real changes, driven through lifecycle events and renewals with the sandbox
 * tools, removed; and confined to their organisation.
 */
describe('Graph change notifications: subscriptions and their lifecycle', () => {
  let sbx: SandboxedTandem;
  let member: SandboxedMember;
  let trigger: RecordingTrigger;
  let webhooks: Webhooks;
  let graph: GraphPort;
  let app: GraphAuth;
  let server: http.Server;
  let base: string;
  let folder: string;
  let resource: string;
  let target: SyncTarget;
  const repo = new GraphSubscriptionRepository();

  const row = () =>
    sbx.app.tandem.db.scoped(member.orgId, (tx) =>
      repo.forTarget(tx, target),
    ) as Promise<GraphSubscriptionRow>;
  const tool = async (method: string, path = '', body?: unknown) => {
    const res = await fetch(`${sbx.sandbox.url}/_sandbox/subscriptions${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const live = async (id: string | null) =>
    ((await tool('GET')).body.subscriptions as any[]).find((s) => s.id === id) as any | undefined;
  const runsFor = (reason: RunReason) =>
    trigger.runs.filter((r) => r.reason === reason && r.target.userId === target.userId).length;
  const makeDue = (patch: Record<string, unknown> = {}) =>
    sbx.app.tandem.db.system((tx) =>
      tx
        .update(graphSubscriptions)
        .set({ renewAt: new Date(Date.now() - 1_000), ...patch })
        .where(eq(graphSubscriptions.userId, target.userId)),
    );

  before(async function () {
    this.timeout(120_000);
    sbx = await SandboxedTandem.start({ ownDatabase: true });
    const owner = await sbx.provision(sbx.tenant(0).users.find((u) => u.isAdministrator)!);
    member = await sbx.addMember(owner.orgId, sbx.user('daniel'));
    target = { orgId: member.orgId, userId: member.userId, module: 'contacts' };
    trigger = new RecordingTrigger();
    const { container, db } = sbx.app.tandem;
    graph = container.graph!;
    app = { kind: 'app', tenantId: sbx.tenant(0).id };
    webhooks = buildWebhooks({
      db,
      graph,
      trigger,
      publicUrl: () => base,
      logger: createLogger({ level: 'silent' }),
      coalesceMs: 300,
    });
    server = http.createServer(createServer({ ...container.serverDeps, graphWebhooks: webhooks.router }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const created = await graph.call<{ id: string }>(app, member.id, {
      method: 'POST',
      url: `/users/${member.id}/contactFolders`,
      body: { displayName: 'Tandem Contacts' },
    });
    folder = created.body.id;
    resource = `/users/${member.id}/contactFolders/${folder}/contacts`;
  });
  after(async () => {
    await webhooks?.stop();
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await sbx?.stop();
  });

  it('creates one app-only subscription on the folder, keeps only the clientState’s hash, and keeps it on a second ensure', async () => {
    await webhooks.subscriptions.ensure(target, sbx.tenant(0).id, member.id, resource);
    const stored = await row();
    const at = await live(stored.subscriptionId);
    assert.ok(at, 'the sandbox has the subscription');
    assert.equal(at.resource, resource);
    assert.equal(at.changeType, 'created,updated,deleted');
    assert.equal(at.notificationUrl, `${base}/api/webhooks/graph`);
    assert.equal(at.lifecycleNotificationUrl, `${base}/api/webhooks/graph/lifecycle`);
    const lifetime = Date.parse(at.expirationDateTime) - Date.now();
    assert.ok(lifetime > 4_000 * MINUTE && lifetime <= 4_230 * MINUTE, `lifetime ${lifetime / MINUTE} min`);
    assert.ok(stored.renewAt.getTime() - Date.now() <= 0.75 * 4_230 * MINUTE);
    const { body } = await graph.call<{ clientState: string }>(app, member.id, {
      method: 'GET',
      url: `/subscriptions/${stored.subscriptionId}`,
    });
    assert.ok(body.clientState.length >= 22, 'clientState carries at least 128 bits');
    assert.ok(stored.clientStateHash!.equals(hashClientState(body.clientState)));
    const columns = await sbx.app.tandem.db.system((tx) =>
      tx.execute(sql`select * from graph_subscriptions where subscription_id = ${stored.subscriptionId}`),
    );
    assert.ok(!JSON.stringify(columns).includes(body.clientState), 'the clientState itself is stored');

    await webhooks.subscriptions.ensure(target, sbx.tenant(0).id, member.id, resource);
    assert.equal((await row()).subscriptionId, stored.subscriptionId);
    const mine = (await tool('GET')).body.subscriptions.filter((s: any) => s.resource === resource);
    assert.equal(mine.length, 1);
  });

  it('requests a run within 2 s of a contact created through Graph in the folder, and none for another folder', async () => {
    const before = runsFor('notification');
    const other = await graph.call<{ id: string }>(app, member.id, {
      method: 'POST',
      url: `/users/${member.id}/contactFolders`,
      body: { displayName: 'Private' },
    });
    await graph.call(app, member.id, {
      method: 'POST',
      url: `/users/${member.id}/contactFolders/${other.body.id}/contacts`,
      body: { givenName: 'Not', surname: 'Synced' },
    });
    const started = Date.now();
    await graph.call(app, member.id, {
      method: 'POST',
      url: `/users/${member.id}/contactFolders/${folder}/contacts`,
      body: { givenName: 'Nora', surname: 'Notified' },
    });
    await eventually(() => runsFor('notification') > before, 2_000);
    assert.ok(Date.now() - started < 2_000);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(runsFor('notification'), before + 1);
    assert.ok((await row()).lastNotificationAt);
  });

  it('reauthorizes on reauthorizationRequired', async () => {
    const { subscriptionId } = await row();
    const expiryBefore = Date.parse((await live(subscriptionId)).expirationDateTime);
    await new Promise((r) => setTimeout(r, 20));
    const sent = await tool('POST', `/${subscriptionId}/lifecycle`, { event: 'reauthorizationRequired' });
    assert.equal(sent.status, 202);
    // Renewing reauthorizes (FACTS §0.10): the flag clears and the expiry moves on.
    await eventually(async () => {
      const s = await live(subscriptionId);
      return s?.reauthorizationRequired === false && Date.parse(s.expirationDateTime) > expiryBefore;
    }, 2_000);
    await eventually(async () => (await row()).status === 'active' || undefined);
    assert.equal((await row()).subscriptionId, subscriptionId);
  });

  it('runs a resync on missed', async () => {
    const before = runsFor('resync');
    const { subscriptionId } = await row();
    assert.equal((await tool('POST', `/${subscriptionId}/lifecycle`, { event: 'missed' })).status, 202);
    await eventually(() => runsFor('resync') > before, 2_000);
  });

  it('recreates the subscription and resyncs on subscriptionRemoved', async () => {
    const before = runsFor('resync');
    const { subscriptionId } = await row();
    assert.equal(
      (await tool('POST', `/${subscriptionId}/lifecycle`, { event: 'subscriptionRemoved' })).status,
      202,
    );
    const replaced = await eventually(async () => {
      const r = await row();
      return r.subscriptionId !== subscriptionId ? r : undefined;
    });
    assert.ok(await live(replaced.subscriptionId));
    assert.equal((await live(replaced.subscriptionId)).resource, resource);
    await eventually(() => runsFor('resync') > before, 2_000);
  });

  it('renews a due subscription before it expires, and recreates (with a resync) one Graph no longer has', async () => {
    const { subscriptionId } = await row();
    const expiryBefore = (await live(subscriptionId)).expirationDateTime;
    await new Promise((r) => setTimeout(r, 20));
    await makeDue();
    assert.equal(await webhooks.maintenance.runOnce(), 1);
    const renewed = await row();
    assert.equal(renewed.subscriptionId, subscriptionId);
    assert.ok(Date.parse((await live(subscriptionId)).expirationDateTime) > Date.parse(expiryBefore));
    assert.ok(renewed.renewAt.getTime() > Date.now() + 3_000 * MINUTE);
    assert.equal(await webhooks.maintenance.runOnce(), 0, 'nothing else was due');

    const before = runsFor('resync');
    assert.equal((await tool('POST', `/${subscriptionId}/expire`)).status, 200);
    await makeDue();
    await webhooks.maintenance.runOnce();
    const recreated = await row();
    assert.notEqual(recreated.subscriptionId, subscriptionId);
    assert.ok(await live(recreated.subscriptionId));
    assert.equal(runsFor('resync'), before + 1);
  });

  it('rotates an old clientState: the previous one is accepted during the overlap, its lifecycle events are not', async () => {
    const old = await row();
    const resyncs = runsFor('resync');
    const { body } = await graph.call<{ clientState: string }>(app, member.id, {
      method: 'GET',
      url: `/subscriptions/${old.subscriptionId}`,
    });
    await makeDue({ clientStateAt: new Date(Date.now() - 8 * 24 * 60 * MINUTE) });
    await webhooks.maintenance.runOnce();
    const rotated = await row();
    assert.notEqual(rotated.subscriptionId, old.subscriptionId);
    assert.equal(rotated.previousSubscriptionId, old.subscriptionId);
    assert.equal(await live(old.subscriptionId), undefined, 'the old subscription is deleted at Graph');
    assert.equal(runsFor('resync'), resyncs, 'a rotation loses nothing and needs no resync');

    await new Promise((r) => setTimeout(r, 350));
    const before = runsFor('notification');
    const late = {
      subscriptionId: old.subscriptionId,
      clientState: body.clientState,
      tenantId: sbx.tenant(0).id,
      changeType: 'updated',
      resource: `Users/${member.id}/Contacts/AAMk=`,
    };
    const post = (value: unknown[], path = '/api/webhooks/graph') =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value }),
      });
    assert.equal((await post([late])).status, 202);
    assert.equal(runsFor('notification'), before + 1);
    const lifecycle = { ...late, resource: undefined, lifecycleEvent: 'subscriptionRemoved' };
    assert.equal((await post([lifecycle], '/api/webhooks/graph/lifecycle')).status, 202);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(
      (await row()).subscriptionId,
      rotated.subscriptionId,
      'a stale lifecycle event recreated it',
    );
    assert.equal((await row()).status, 'active');
  });

  it('removes the subscription at Graph and in Tandem; removing again is harmless', async () => {
    const { subscriptionId } = await row();
    await webhooks.subscriptions.remove(target);
    assert.equal(await live(subscriptionId), undefined);
    assert.equal(await row(), undefined);
    await webhooks.subscriptions.remove(target);
  });

  it('tenant B cannot see or change tenant A’s subscriptions', async () => {
    await webhooks.subscriptions.ensure(target, sbx.tenant(0).id, member.id, resource);
    const a = await row();
    const other = await sbx.provision(
      sbx.tenant(1).users.find((u) => u.isAdministrator)!,
      1,
    );
    const { db } = sbx.app.tandem;
    const seen = await db.scoped(other.orgId, async (tx) => ({
      forTarget: await repo.forTarget(tx, target),
      forOrg: await repo.forOrg(tx, member.orgId),
      updated: await repo.update(tx, a.id, { status: 'recreate' }),
    }));
    assert.deepEqual(seen, { forTarget: undefined, forOrg: [], updated: undefined });
    await db.scoped(other.orgId, (tx) => repo.remove(tx, target));
    await db.scoped(other.orgId, (tx) => repo.schedule(tx, a.id, 'recreate', new Date(0)));
    const after = await row();
    assert.equal(after.status, 'active');
    assert.equal(after.renewAt.getTime(), a.renewAt.getTime());
    assert.equal((await db.scoped(member.orgId, (tx) => repo.forOrg(tx, member.orgId))).length, 1);
  });

  it('when Graph refuses the subscription, enabling still succeeds and the worker creates it later (with a resync)', async () => {
    await webhooks.subscriptions.remove(target);
    const reachable = base;
    base = 'http://127.0.0.1:9'; // nothing listens: the sandbox's validation request fails
    try {
      await webhooks.subscriptions.ensure(target, sbx.tenant(0).id, member.id, resource);
    } finally {
      base = reachable;
    }
    const pending = await row();
    assert.equal(pending.subscriptionId, null);
    assert.equal(pending.status, 'recreate');
    assert.equal(pending.lastError, 'BAD_REQUEST');
    assert.ok(pending.renewAt.getTime() > Date.now(), 'retried later, with backoff');
    assert.equal(
      (await tool('GET')).body.subscriptions.filter((s: any) => s.resource === resource).length,
      0,
    );

    const before = runsFor('resync');
    await makeDue();
    await webhooks.maintenance.runOnce();
    const created = await row();
    assert.ok(created.subscriptionId && (await live(created.subscriptionId)));
    assert.equal(created.status, 'active');
    assert.equal(created.failures, 0);
    assert.equal(runsFor('resync'), before + 1);
  });

  it('a recreate that finishes after the module was disabled leaves no subscription behind', async () => {
    const claimed = await row();
    await webhooks.subscriptions.remove(target);
    const before = runsFor('resync');
    await webhooks.subscriptions.maintain({ ...claimed, status: 'recreate' });
    assert.equal(await row(), undefined);
    assert.equal(
      (await tool('GET')).body.subscriptions.filter((s: any) => s.resource === resource).length,
      0,
    );
    assert.equal(runsFor('resync'), before, 'no run for a disabled module');
  });
});
