import assert from 'node:assert/strict';
import { SyncHarness } from './support/sync-harness.js';

/** "Categories to import": Outlook contacts carrying a chosen category become CRM contacts, once. */
describe('Contacts sync: importing contacts by Outlook category', function () {
  this.timeout(90_000);
  let h: SyncHarness;
  let matchedId: string;
  const originals: Record<string, { id: string; changeKey: string }> = {};

  const defaultFolder = () => `/users/${h.member.id}/contacts`;
  const names = async () => (await h.crmContacts()).map((c) => `${c.firstName} ${c.lastName}`).sort();

  before(async () => {
    h = await SyncHarness.start();
    const matched = await h.createCrmContact({
      firstName: 'Dana',
      lastName: 'Match',
      emails: [{ address: 'dana@match.example' }],
    });
    matchedId = matched.id;
    const outlook = [
      { givenName: 'Kim', surname: 'Client', categories: ['Clients'], jobTitle: 'Buyer' },
      { givenName: 'Fay', surname: 'Family', categories: ['Family'] },
      {
        givenName: 'Dana',
        surname: 'Match',
        categories: ['VIP', 'clients'],
        emailAddresses: [{ address: 'DANA@match.example' }],
        jobTitle: 'CTO',
      },
    ];
    for (const c of outlook) {
      const created = await h.outlook.api(defaultFolder()).post(c);
      originals[c.surname] = { id: created.id, changeKey: created.changeKey };
    }
    // Another user's mailbox is never read, whatever it carries.
    const admin = h.world.sandbox.graph(await h.world.sandbox.token(h.admin.userPrincipalName, 'graph'));
    await admin
      .api(`/users/${h.admin.id}/contacts`)
      .post({ givenName: 'Not', surname: 'Mine', categories: ['Clients'] });

    const since = Date.now();
    const res = await h.api('PUT', '/sync/contacts', {
      enabled: true,
      options: { importCategories: ['Clients'] },
    });
    assert.equal(res.status, 200, res.text);
    await h.settled(since);
  });
  after(() => h?.stop());

  it('imports the contacts carrying the category, merges a duplicate, and leaves the others', async () => {
    assert.deepEqual(await names(), ['Dana Match', 'Kim Client']);
    const dana = (await h.crmContacts()).find((c) => c.id === matchedId);
    assert.equal(dana.jobTitle, 'CTO', 'the empty CRM field is filled from Outlook');
    const journal = (await h.api('GET', '/sync/contacts/journal')).body.entries;
    const kim = journal.find((e: any) => e.reason === 'imported_by_category');
    assert.equal(kim.label, 'Kim Client');
    assert.equal(kim.remoteId, originals.Client!.id);
    const merge = journal.find((e: any) => e.reason === 'imported_duplicate_matched');
    assert.equal(merge.crmId, matchedId);
    assert.equal(merge.action, 'merge');
  });

  it('leaves the originals untouched and syncs the imported contacts through "Tandem Contacts"', async () => {
    for (const o of Object.values(originals)) {
      const now = await h.outlook.api(`${defaultFolder()}/${o.id}`).get();
      assert.equal(now.changeKey, o.changeKey);
    }
    const folder = (await h.folders())[0]!;
    const copies = (await h.outlookContacts(folder.id)).map((c) => `${c.givenName} ${c.surname}`).sort();
    assert.deepEqual(copies, ['Dana Match', 'Kim Client']);
  });

  it('imports each contact once, and a contact given the category later at the next run', async () => {
    await h.outlook.api(`${defaultFolder()}/${originals.Client!.id}`).patch({ jobTitle: 'Head buyer' });
    await h.syncNow();
    assert.deepEqual(await names(), ['Dana Match', 'Kim Client']);
    await h.outlook.api(`${defaultFolder()}/${originals.Family!.id}`).patch({ categories: ['Clients'] });
    await h.syncNow();
    await h.syncNow();
    assert.deepEqual(await names(), ['Dana Match', 'Fay Family', 'Kim Client']);
  });
});
