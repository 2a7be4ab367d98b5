import assert from 'node:assert/strict';
import { DEFAULT_CONTACT_MAPPING } from '../../../src/sync/contacts/contact-mapping.js';
import { SyncHarness, waitFor } from './support/sync-harness.js';

/** A per-user mapping to Graph fields outside the default one, end to end through the engine. */
describe('Contacts sync: an edited field mapping', function () {
  this.timeout(90_000);
  let h: SyncHarness;
  let folderId: string;
  let crmId: string;

  const outlookContact = async () => (await h.outlookContacts(folderId)).find((c) => c.surname === 'Curie');
  const crmContact = async () => (await h.crmContacts()).find((c) => c.id === crmId);

  before(async () => {
    h = await SyncHarness.start();
    const crm = await h.createCrmContact({
      firstName: 'Marie',
      lastName: 'Curie',
      companyName: 'Institut du Radium',
      jobTitle: 'Director',
      department: 'Radiochemistry',
    });
    crmId = crm.id;
    const mapping = { ...DEFAULT_CONTACT_MAPPING, department: 'officeLocation' };
    const since = Date.now();
    const res = await h.api('PUT', '/sync/contacts', { enabled: true, mapping });
    assert.equal(res.status, 200, res.text);
    await h.settled(since);
    folderId = (await h.folders())[0]!.id;
  });
  after(() => h?.stop());

  it('pushes the CRM field to the Graph field the user chose', async () => {
    const c = await outlookContact();
    assert.equal(c.officeLocation, 'Radiochemistry');
    assert.equal(c.department ?? null, null);
  });

  it('an Outlook edit of the remapped field reaches the CRM', async () => {
    const c = await outlookContact();
    await h.outlook
      .api(`/users/${h.member.id}/contactFolders/${folderId}/contacts/${c.id}`)
      .patch({ officeLocation: 'Pavillon Curie' });
    await h.syncNow();
    assert.equal((await crmContact()).department, 'Pavillon Curie');
  });

  it('an Outlook edit of another field leaves the remapped field as it is', async () => {
    const c = await outlookContact();
    await h.outlook
      .api(`/users/${h.member.id}/contactFolders/${folderId}/contacts/${c.id}`)
      .patch({ jobTitle: 'Professor' });
    await h.syncNow();
    const crm = await crmContact();
    assert.equal(crm.jobTitle, 'Professor');
    assert.equal(crm.department, 'Pavillon Curie');
    assert.equal((await outlookContact()).officeLocation, 'Pavillon Curie');
  });

  it('a CRM edit of the remapped field reaches the Graph field', async () => {
    const res = await h.api('PATCH', `/contacts/${crmId}`, { department: 'Physics' });
    assert.equal(res.status, 200, res.text);
    await waitFor(async () => (await outlookContact())?.officeLocation === 'Physics');
  });

  it('a mapping changed after enabling rewrites the copies, and the same delta link reads the new field', async () => {
    const mapping = { ...DEFAULT_CONTACT_MAPPING, department: 'officeLocation', jobTitle: 'profession' };
    const res = await h.api('PUT', '/sync/contacts', { enabled: true, mapping });
    assert.equal(res.status, 200, res.text);
    await waitFor(async () => (await outlookContact())?.profession === 'Professor');
    const c = await outlookContact();
    await h.outlook
      .api(`/users/${h.member.id}/contactFolders/${folderId}/contacts/${c.id}`)
      .patch({ profession: 'Nobel laureate' });
    await h.syncNow();
    const crm = await crmContact();
    assert.equal(crm.jobTitle, 'Nobel laureate');
    assert.equal(crm.department, 'Physics');
  });
});
