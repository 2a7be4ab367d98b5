import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { SyncUserNotifier } from '../../../src/sync/engine/sync-contract.js';
import { SyncHarness, waitFor } from './support/sync-harness.js';

/** What the engine told the member (the bot's port, recorded). */
class RecordingNotifier implements SyncUserNotifier {
  readonly calls: { kind: string; detail: unknown }[] = [];
  runFinished: SyncUserNotifier['runFinished'] = async (_t, detail) =>
    void this.calls.push({ kind: 'runFinished', detail });
  needsConsent: SyncUserNotifier['needsConsent'] = async (_t, detail) =>
    void this.calls.push({ kind: 'needsConsent', detail });
  massDeletePaused: SyncUserNotifier['massDeletePaused'] = async (_t, detail) =>
    void this.calls.push({ kind: 'massDeletePaused', detail });
  containerDeleted: SyncUserNotifier['containerDeleted'] = async (_t, detail) =>
    void this.calls.push({ kind: 'containerDeleted', detail });
  of(kind: string) {
    return this.calls.filter((c) => c.kind === kind);
  }
}

async function tool(h: SyncHarness, method: string, path: string, body?: unknown) {
  const res = await fetch(`${h.world.sandbox.url}/_sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

/** The engine under Graph's failures (sandbox fault injection over HTTPS). */
describe('Sync engine under faults', function () {
  this.timeout(90_000);
  let h: SyncHarness;
  let folderId: string;
  const told = new RecordingNotifier();

  before(async () => {
    h = await SyncHarness.start();
    h.container.syncEngine!.setNotifier(told);
    for (const n of [1, 2, 3]) await h.createCrmContact({ firstName: 'Base', lastName: `Person ${n}` });
    const since = Date.now();
    await h.enable();
    await h.settled(since);
    folderId = (await h.folders())[0]!.id;
  });
  after(() => h?.stop());
  afterEach(() => tool(h, 'DELETE', '/faults'));

  const surnames = async () => (await h.outlookContacts(folderId)).map((c) => c.surname).sort();

  it('a create whose response is lost is found by its tag: no duplicate in Outlook', async () => {
    await tool(h, 'PUT', '/faults', {
      rules: [
        { match: { method: 'POST', path: `/contactFolders/${folderId}/contacts` }, fault: 'drop', times: 1 },
      ],
    });
    await h.createCrmContact({ firstName: 'Lost', lastName: 'Response' });
    await waitFor(async () => (await surnames()).includes('Response'));
    await tool(h, 'DELETE', '/faults');
    await h.syncNow();
    assert.equal((await surnames()).filter((s) => s === 'Response').length, 1);
    assert.equal((await h.crmContacts()).filter((c) => c.lastName === 'Response').length, 1);
    const log = await (await fetch(`${h.world.sandbox.url}/_sandbox/faults/log`)).json();
    assert.ok(JSON.stringify(log).includes('"drop"'), 'the response was really lost');
  });

  it('an expired delta link (410) is recovered by a full enumeration: no duplicates, no spurious deletes', async () => {
    await h.outlook
      .api(`/users/${h.member.id}/contactFolders/${folderId}/contacts`)
      .post({ givenName: 'New', surname: 'After410' });
    await tool(h, 'POST', '/delta/expire');
    const before = (await h.crmContacts()).length;
    await h.syncNow();
    const crm = await h.crmContacts();
    assert.equal(crm.length, before + 1);
    assert.equal(new Set(crm.map((c) => c.lastName)).size, crm.length, 'no CRM duplicates');
    assert.equal(new Set(await surnames()).size, (await surnames()).length, 'no Outlook duplicates');
    assert.ok(
      !(await h.api('GET', '/sync/contacts/journal?action=delete')).body.entries.length,
      'nothing deleted',
    );
  });

  it('runs requested at once for one target run one at a time', async () => {
    const { runner } = h.container.syncEngine!;
    const target = { orgId: h.member.orgId, userId: h.member.userId, module: 'contacts' as const };
    const finished = told.of('runFinished').length;
    const results = await Promise.all([1, 2, 3, 4].map(() => runner.run(target, 'manual')));
    assert.equal(told.of('runFinished').length, finished + 1, 'the member hears of the run once');
    assert.equal(results.filter((r) => r === 'ran').length, 1, JSON.stringify(results));
    assert.ok(results.filter((r) => r === 'busy').length >= 1);
  });

  it('the reaper frees the lease of a run that died and the target runs again', async () => {
    const { db } = h.world.app.tandem;
    await db.system((tx) =>
      tx.execute(sql`update sync_states set state = 'running', lease_owner = 'dead-worker',
        lease_until = now() - interval '1 minute' where user_id = ${h.member.userId}`),
    );
    const since = Date.now();
    await h.container.syncEngine!.scanner.tick();
    const view = await h.settled(since);
    assert.equal(view.state, 'idle');
  });

  it('a run that would delete many CRM contacts pauses and asks; nothing is deleted until the answer', async () => {
    const put = await h.api('PUT', '/sync/contacts', {
      enabled: true,
      options: { deleteCrmOnRemoteDelete: true },
    });
    assert.equal(put.status, 200, put.text);
    const before = (await h.crmContacts()).length;
    // 12 more linked contacts, then all of them deleted in Outlook at once (threshold: max(10, 20 %)).
    for (let i = 0; i < 12; i++) await h.createCrmContact({ firstName: 'Bulk', lastName: `Contact ${i}` });
    await h.syncNow();
    for (const c of await h.outlookContacts(folderId)) {
      await h.outlook.api(`/users/${h.member.id}/contactFolders/${folderId}/contacts/${c.id}`).delete();
    }
    const since = Date.now();
    await h.api('POST', '/sync/contacts/run');
    const paused = await waitFor(async () => {
      const v = await h.view();
      return v.state === 'paused' && Date.parse(v.lastRunAt) >= since - 1000 ? v : undefined;
    });
    assert.equal(paused.paused.code, 'mass_delete');
    assert.ok(paused.paused.count > paused.paused.threshold);
    assert.equal((await h.crmContacts()).length, before + 12, 'nothing deleted while paused');
    assert.equal((await h.api('POST', '/sync/contacts/run')).status, 409);
    assert.deepEqual(told.of('massDeletePaused').at(-1)?.detail, {
      count: paused.paused.count,
      threshold: paused.paused.threshold,
    });

    const answer = await h.api('POST', '/sync/contacts/resolve-pause', { applyDeletions: false });
    assert.equal(answer.status, 200, answer.text);
    await h.settled(Date.now());
    assert.equal((await h.crmContacts()).length, before + 12, 'kept in the CRM');
    await waitFor(async () => (await h.outlookContacts(folderId)).length === before + 12);
  });

  it('the folder deleted in Outlook disables the module, tells nobody to recreate it, and keeps the CRM', async () => {
    const crmBefore = (await h.crmContacts()).length;
    await h.outlook.api(`/users/${h.member.id}/contactFolders/${folderId}`).delete();
    await h.api('POST', '/sync/contacts/run');
    const view = await waitFor(async () => {
      const v = await h.view();
      return v.state === 'disabled' ? v : undefined;
    });
    assert.equal(view.enabled, false);
    assert.equal(view.paused.code, 'container_deleted');
    await new Promise((r) => setTimeout(r, 2_500));
    assert.equal((await h.folders()).length, 0, 'not recreated');
    assert.deepEqual(
      told.of('containerDeleted').map((c) => c.detail),
      [{ containerName: 'Tandem Contacts' }],
    );
    assert.equal((await h.crmContacts()).length, crmBefore);
  });
});
