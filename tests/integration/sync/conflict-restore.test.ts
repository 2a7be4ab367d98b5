import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SandboxedMember } from '../../support/sandboxed-app.js';
import { SyncHarness } from './support/sync-harness.js';

/**
 * "Restore" on a settled conflict (POST /sync/{module}/journal/{entryId}/restore): the replaced
 * value goes back into the CRM record — also a value kept inside a list, a mobile phone — and on to
 * Outlook; bad requests and other people's entries change nothing.
 */
describe('Sync conflicts: restoring the value the merge replaced', function () {
  this.timeout(90_000);
  let h: SyncHarness;
  let fabrikam: SandboxedMember;
  let crmId: string;
  let remoteId: string;
  let folderId: string;
  let entryId: string;

  const crmRecord = async () => (await h.api('GET', `/contacts/${crmId}`)).body;
  const outlookItem = () =>
    h.outlook.api(`/users/${h.member.id}/contactFolders/${folderId}/contacts/${remoteId}`);

  before(async () => {
    h = await SyncHarness.start();
    fabrikam = await h.world.provision(
      h.world.tenant(1).users.find((u) => u.isAdministrator)!,
      1,
    );
    const crm = await h.createCrmContact({
      firstName: 'Grace',
      lastName: 'Hopper',
      phones: [
        { type: 'business', number: '+1 555 0100' },
        { type: 'mobile', number: '+1 555 0111' },
      ],
    });
    crmId = crm.id;
    const since = Date.now();
    await h.enable();
    await h.settled(since);
    // Both edits land before one run: the scan and the runs CRM edits request are stopped.
    await h.container.syncEngine!.scanner.stop();
    await h.container.syncEngine!.outboxRuns.stop();
    folderId = (await h.folders())[0]!.id;
    remoteId = (await h.outlookContacts(folderId))[0].id;

    const version = (await crmRecord()).version;
    const patched = await h.world.app.request('PATCH', `/api/v1/contacts/${crmId}`, {
      token: h.member.token,
      body: {
        phones: [
          { type: 'business', number: '+1 555 0100' },
          { type: 'mobile', number: '+1 555 0222' },
        ],
      },
      headers: { 'if-match': `"${version}"` },
    });
    assert.equal(patched.status, 200, patched.text);
    await new Promise((r) => setTimeout(r, 1_100)); // Graph's clock has whole seconds
    await outlookItem().patch({ mobilePhone: '+1 555 0333' });
    await h.syncNow();
    const conflicts = (await h.api('GET', '/sync/contacts/journal?action=conflict')).body.entries as any[];
    assert.deepEqual(conflicts[0].details.conflicts, [
      { field: 'mobilePhone', kept: '+1 555 0333', overwritten: '+1 555 0222', winner: 'office' },
    ]);
    entryId = conflicts[0].id;
  });
  after(() => h?.stop());

  const restore = (body: unknown, id = entryId, token = h.member.token) =>
    h.api('POST', `/sync/contacts/journal/${id}/restore`, body, token);

  it('refuses a field the conflict does not hold, a malformed id, unknown fields and other people’s entries; nothing changes', async () => {
    const before = await crmRecord();
    const refusals: [Awaited<ReturnType<typeof restore>>, number, string][] = [
      [await restore({ field: 'jobTitle' }), 422, 'conflict_field_unknown'],
      [await restore({ field: 'mobilePhone', extra: 1 }), 400, 'validation_failed'],
      [await restore({}), 400, 'validation_failed'],
      [await restore({ field: 'mobilePhone' }, 'not-an-id'), 400, 'invalid_id'],
      [await restore({ field: 'mobilePhone' }, randomUUID()), 404, 'conflict_not_found'],
      // Another member of the same organisation, and another organisation: not their journal.
      [await restore({ field: 'mobilePhone' }, entryId, h.admin.token), 404, 'conflict_not_found'],
      [await restore({ field: 'mobilePhone' }, entryId, fabrikam.token), 404, 'conflict_not_found'],
      [await restore({ field: 'mobilePhone', version: before.version + 5 }), 412, 'version_mismatch'],
    ];
    for (const [res, status, code] of refusals) {
      assert.equal(res.status, status, res.text);
      assert.match(String(res.headers.get('content-type')), /application\/problem\+json/);
      assert.equal(res.body.code, code, res.text);
    }
    assert.equal((await crmRecord()).version, before.version, 'nothing was written');
  });

  it('restores a value kept inside a list (the mobile phone), keeps the other phones, and syncs it to Outlook', async () => {
    const res = await restore({ field: 'mobilePhone' });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([res.body.field, res.body.value], ['mobilePhone', '+1 555 0222']);
    const record = await crmRecord();
    assert.equal(record.version, res.body.version);
    assert.deepEqual(
      record.phones.map((p: any) => [p.type, p.number]),
      [
        ['business', '+1 555 0100'],
        ['mobile', '+1 555 0222'],
      ],
    );
    const history = (await h.api('GET', `/contacts/${crmId}/history`)).body.items as any[];
    assert.ok(
      history.some((r) => r.field === 'phones' && r.source === 'user'),
      'the restore is the user’s own edit in the field history',
    );
    const journal = (await h.api('GET', '/sync/contacts/journal')).body.entries as any[];
    assert.ok(journal.some((e) => e.reason === 'restored_by_user' && e.details.restoredFrom === entryId));
    await h.syncNow();
    assert.equal((await outlookItem().get()).mobilePhone, '+1 555 0222');
  });
});
