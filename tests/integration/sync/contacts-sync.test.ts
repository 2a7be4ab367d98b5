import assert from 'node:assert/strict';
import { SyncHarness, waitFor } from './support/sync-harness.js';

/** Contacts through the engine, end to end: REST → jobs → Graph (sandbox over HTTPS) → CRM. */
describe('Contacts sync (engine)', function () {
  this.timeout(60_000);
  let h: SyncHarness;

  before(async () => {
    h = await SyncHarness.start();
  });
  after(() => h?.stop());

  it('enabling creates the folder, pushes CRM contacts and pulls the folder’s contacts', async () => {
    const crm = await h.createCrmContact({
      firstName: 'Ada',
      lastName: 'Lovelace',
      emails: [{ address: 'ada@analytical.example' }],
      companyName: 'Analytical Engines',
    });
    const since = Date.now();
    const enabled = await h.enable();
    assert.equal(enabled.enabled, true);
    assert.ok(enabled.container.id, 'the folder id is known as soon as enabling returns');
    const folders = await h.folders();
    assert.equal(folders.length, 1);
    await h.settled(since);
    const inOutlook = await h.outlookContacts(folders[0]!.id);
    assert.deepEqual(
      inOutlook.map((c) => [c.givenName, c.surname, c.emailAddresses[0]?.address]),
      [['Ada', 'Lovelace', 'ada@analytical.example']],
    );

    await h.outlook.api(`/users/${h.member.id}/contactFolders/${folders[0]!.id}/contacts`).post({
      givenName: 'Grace',
      surname: 'Hopper',
      emailAddresses: [{ address: 'grace@navy.example' }],
    });
    await h.syncNow();
    const names = (await h.crmContacts()).map((c) => `${c.firstName} ${c.lastName}`).sort();
    assert.deepEqual(names, ['Ada Lovelace', 'Grace Hopper']);
    const journal = (await h.api('GET', '/sync/contacts/journal')).body.entries;
    assert.ok(
      journal.some((e: any) => e.action === 'create' && e.direction === 'to_office' && e.crmId === crm.id),
    );
    assert.ok(
      journal.some(
        (e: any) => e.action === 'create' && e.direction === 'to_crm' && e.label === 'Grace Hopper',
      ),
    );
  });

  it('a CRM change reaches Outlook within seconds without asking (outbox)', async () => {
    const [ada] = (await h.crmContacts()).filter((c) => c.lastName === 'Lovelace');
    const res = await h.api('PATCH', `/contacts/${ada.id}`, { jobTitle: 'Mathematician' });
    assert.equal(res.status, 200);
    const folder = (await h.folders())[0]!;
    await waitFor(async () =>
      (await h.outlookContacts(folder.id)).find((c) => c.jobTitle === 'Mathematician'),
    );
  });

  it('an idle run after convergence writes nothing to Office 365 or the CRM', async () => {
    await h.syncNow();
    const folder = (await h.folders())[0]!;
    const snapshot = async () => ({
      office: (await h.outlookContacts(folder.id)).map((c) => `${c.id}:${c.changeKey}`).sort(),
      crm: (await h.crmContacts()).map((c) => `${c.id}:${c.version}`).sort(),
      journal: (await h.api('GET', '/sync/contacts/journal')).body.entries.length,
    });
    const before = await snapshot();
    await h.syncNow();
    await h.syncNow();
    assert.deepEqual(await snapshot(), before);
  });
});
