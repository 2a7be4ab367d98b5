import assert from 'node:assert/strict';
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

/** Token health: Tandem's consent revoked in the tenant, then given back. */
describe('Contacts sync: consent revoked and restored', function () {
  this.timeout(90_000);
  let h: SyncHarness;
  let folderId: string;
  const told = new RecordingNotifier();

  const tool = (path: string, body: unknown) =>
    fetch(`${h.world.sandbox.url}/_sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const tenantId = () => h.world.tenant().id;
  const surnames = async () => (await h.outlookContacts(folderId)).map((c) => c.surname).sort();

  before(async () => {
    h = await SyncHarness.start();
    h.container.syncEngine!.setNotifier(told);
    await h.createCrmContact({ firstName: 'Before', lastName: 'Revocation' });
    const since = Date.now();
    await h.enable();
    await h.settled(since);
    folderId = (await h.folders())[0]!.id;
  });
  after(() => h?.stop());

  it('the sandbox refuses Tandem once its consent is revoked: token endpoint and Graph', async () => {
    const revoked = await tool('/consent/revoke', { tenantId: tenantId() });
    assert.equal(revoked.status, 200);
    const info = (await (await fetch(`${h.world.sandbox.url}/_sandbox`)).json()) as {
      tandemClientId: string;
    };
    const res = await fetch(`${h.world.sandbox.url}/${tenantId()}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: info.tandemClientId,
        client_secret: h.world.sandbox.sandbox.tandemClientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    const body = (await res.json()) as { error: string; error_codes: number[] };
    // Entra's answer for an app without a service principal in the tenant (consent removed).
    assert.equal(res.status, 401);
    assert.equal(body.error, 'invalid_client');
    assert.deepEqual(body.error_codes, [7000229]);
    const graph = await h.world.app.tandem.container
      .graph!.call({ kind: 'app', tenantId: tenantId() }, h.member.id, {
        method: 'GET',
        url: `/users/${h.member.id}/contactFolders/${folderId}`,
        idempotent: true,
      })
      .then(
        () => 'answered',
        (err: { code?: string }) => err.code,
      );
    assert.equal(graph, 'UNAUTHORIZED', 'the token issued before is refused by Graph too');
  });

  it('the next run marks the module needs-consent and tells the member; nothing is lost', async () => {
    await h.createCrmContact({ firstName: 'During', lastName: 'Revocation' });
    const view = await waitFor(async () => {
      const v = await h.view();
      return v.state === 'needs_consent' ? v : undefined;
    });
    assert.ok(view.pending >= 1, 'the CRM change waits in the outbox');
    assert.equal(told.of('needsConsent').length, 1);
    assert.equal((told.of('needsConsent')[0]!.detail as { code: string }).code, 'UNAUTHORIZED');
    const run = await h.api('POST', '/sync/contacts/run');
    assert.equal(run.status, 409, 'sync now asks for consent instead of failing again');
    assert.equal(run.body.code, 'sync_needs_consent');
  });

  it('consent restored and the module turned on again: back to idle, the waiting change delivered', async () => {
    assert.equal((await tool('/consent/restore', { tenantId: tenantId() })).status, 200);
    const since = Date.now();
    await h.enable();
    const view = await h.settled(since);
    assert.equal(view.state, 'idle');
    assert.deepEqual(await surnames(), ['Revocation', 'Revocation']);
    assert.equal((await h.folders()).length, 1);
  });
});
