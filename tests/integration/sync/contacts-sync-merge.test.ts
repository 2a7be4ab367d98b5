import assert from 'node:assert/strict';
import { SyncHarness } from './support/sync-harness.js';

/**
 * Both sides edited between two runs: different fields both survive; the same field goes to the
 * most recent change (server clocks) and the overwritten CRM value stays in the field history.
 * The periodic scan and the runs a CRM edit requests are stopped so each edit pair lands before one run.
 */
describe('Contacts sync: three-way merge', function () {
  this.timeout(60_000);
  let h: SyncHarness;
  let crmId: string;
  let remoteId: string;
  let folderId: string;

  before(async () => {
    h = await SyncHarness.start();
    const crm = await h.createCrmContact({ firstName: 'Mary', lastName: 'Somerville', jobTitle: 'Writer' });
    crmId = crm.id;
    const since = Date.now();
    await h.enable();
    await h.settled(since);
    await h.container.syncEngine!.scanner.stop();
    await h.container.syncEngine!.outboxRuns.stop();
    folderId = (await h.folders())[0]!.id;
    remoteId = (await h.outlookContacts(folderId))[0].id;
  });
  after(() => h?.stop());

  const outlookItem = () =>
    h.outlook.api(`/users/${h.member.id}/contactFolders/${folderId}/contacts/${remoteId}`);
  const crmRecord = async () => (await h.api('GET', `/contacts/${crmId}`)).body;

  it('edits to different fields on both sides both survive', async () => {
    assert.equal((await h.api('PATCH', `/contacts/${crmId}`, { department: 'Science' })).status, 200);
    await outlookItem().patch({ jobTitle: 'Polymath' });
    await h.syncNow();
    const [crm, office] = [await crmRecord(), await outlookItem().get()];
    assert.deepEqual([crm.department, crm.jobTitle], ['Science', 'Polymath']);
    assert.deepEqual([office.department, office.jobTitle], ['Science', 'Polymath']);
  });

  it('the same field edited on both sides: the most recent change wins, the other value is kept in history', async () => {
    assert.equal((await h.api('PATCH', `/contacts/${crmId}`, { jobTitle: 'Astronomer' })).status, 200);
    await new Promise((r) => setTimeout(r, 1_100)); // Graph's clock has whole seconds
    await outlookItem().patch({ jobTitle: 'Mathematician' });
    await h.syncNow();
    assert.equal((await crmRecord()).jobTitle, 'Mathematician');
    assert.equal((await outlookItem().get()).jobTitle, 'Mathematician');
    const history = (await h.api('GET', `/contacts/${crmId}/history`)).body.items as any[];
    const overwritten = history.find((r) => r.field === 'jobTitle' && r.oldValue === 'Astronomer');
    assert.ok(overwritten, 'the overwritten CRM value is in the field history');
    assert.equal(overwritten.source, 'merge');
    const conflicts = (await h.api('GET', '/sync/contacts/journal?action=conflict')).body.entries as any[];
    assert.deepEqual(conflicts[0].details.conflicts, [
      { field: 'jobTitle', kept: 'Mathematician', overwritten: 'Astronomer', winner: 'office' },
    ]);
    assert.equal((await h.view()).conflicts, 1);
  });

  it('a CRM edit made after the Outlook edit wins and is written to Outlook', async () => {
    await outlookItem().patch({ jobTitle: 'Translator' });
    await new Promise((r) => setTimeout(r, 1_100)); // Graph's clock has whole seconds
    assert.equal((await h.api('PATCH', `/contacts/${crmId}`, { jobTitle: 'Scientist' })).status, 200);
    await h.syncNow();
    assert.equal((await crmRecord()).jobTitle, 'Scientist');
    assert.equal((await outlookItem().get()).jobTitle, 'Scientist');
  });
});
