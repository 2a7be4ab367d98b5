import assert from 'node:assert/strict';
import { SyncHarness, waitFor } from './support/sync-harness.js';

/** Tandem's seven categories kept on the synced contacts from CRM data, through the engine. */
describe('Contacts sync: Tandem categories on each contact', function () {
  this.timeout(90_000);
  let h: SyncHarness;
  let folderId: string;
  let adaId: string;
  let dealId: string;

  const contacts = () => h.outlookContacts(folderId);
  const ada = async () => (await contacts()).find((c) => c.surname === 'Lovelace');
  const sorted = (list: string[]) => [...list].sort();
  const masterList = async (): Promise<{ id: string; displayName: string }[]> =>
    (await h.outlook.api(`/users/${h.member.id}/outlook/masterCategories`).get()).value;

  before(async () => {
    h = await SyncHarness.start();
    const crm = await h.createCrmContact({
      firstName: 'Ada',
      lastName: 'Lovelace',
      emails: [{ address: 'ada@analytical.example' }],
    });
    adaId = crm.id;
    const deal = await h.api('POST', '/deals', { name: 'Engine', stage: 'won', contactId: adaId });
    assert.equal(deal.status, 201, deal.text);
    dealId = deal.body.id;
    const since = Date.now();
    await h.enable();
    await h.settled(since);
    folderId = (await h.folders())[0]!.id;
  });
  after(() => h?.stop());

  it('a contact with a won deal carries "Tandem Current Customer" in Outlook', async () => {
    assert.deepEqual(sorted((await ada()).categories), ['Tandem Current Customer', 'Tandem Person']);
  });

  it('a contact created in Outlook gets its Tandem category, and the run after writes nothing', async () => {
    await h.outlook
      .api(`/users/${h.member.id}/contactFolders/${folderId}/contacts`)
      .post({ companyName: 'Babbage & Co' });
    await h.syncNow();
    const company = (await contacts()).find((c) => c.companyName === 'Babbage & Co');
    assert.deepEqual(company.categories, ['Tandem Company']);
    const before = (await contacts()).map((c) => `${c.id}:${c.changeKey}`).sort();
    await h.syncNow();
    assert.deepEqual((await contacts()).map((c) => `${c.id}:${c.changeKey}`).sort(), before);
  });

  it("the user's own category on the contact stays, and is not written back", async () => {
    const c = await ada();
    await h.outlook
      .api(`/users/${h.member.id}/contactFolders/${folderId}/contacts/${c.id}`)
      .patch({ categories: ['VIP', ...c.categories] });
    const changeKey = (await ada()).changeKey;
    await h.syncNow();
    const after = await ada();
    assert.equal(after.changeKey, changeKey, 'nothing to put right: no write');
    assert.deepEqual(sorted(after.categories), ['Tandem Current Customer', 'Tandem Person', 'VIP']);
  });

  it('marking the deal lost moves the contact to "Tandem Lost Prospect" within seconds', async () => {
    const res = await h.api('PATCH', `/deals/${dealId}`, { stage: 'lost' });
    assert.equal(res.status, 200, res.text);
    const moved = await waitFor(async () => {
      const c = await ada();
      return c.categories.includes('Tandem Lost Prospect') ? c : undefined;
    });
    assert.deepEqual(moved.categories, ['VIP', 'Tandem Person', 'Tandem Lost Prospect']);
    const crm = (await h.crmContacts()).find((c) => c.id === adaId);
    assert.equal(crm.version, 1, 'a category write is not a CRM change');
  });

  it('a deal moved to another contact takes its category along: the first contact loses it', async () => {
    const grace = await h.createCrmContact({ firstName: 'Grace', lastName: 'Hopper' });
    await waitFor(async () => (await contacts()).find((c) => c.surname === 'Hopper'));
    const res = await h.api('PATCH', `/deals/${dealId}`, { contactId: grace.id });
    assert.equal(res.status, 200, res.text);
    const moved = await waitFor(async () => {
      const c = (await contacts()).find((x) => x.surname === 'Hopper');
      return c?.categories.includes('Tandem Lost Prospect') ? c : undefined;
    });
    assert.deepEqual(sorted(moved.categories), ['Tandem Lost Prospect', 'Tandem Person']);
    const left = await waitFor(async () => {
      const c = await ada();
      return c.categories.includes('Tandem Lost Prospect') ? undefined : c;
    });
    assert.deepEqual(sorted(left.categories), ['Tandem Person', 'VIP']);
  });

  it('a lead with the contact’s address adds "Tandem Lead"', async () => {
    const res = await h.api('POST', '/leads', { lastName: 'Lovelace', email: 'ADA@analytical.example' });
    assert.equal(res.status, 201, res.text);
    await waitFor(async () => (await ada()).categories.includes('Tandem Lead'));
  });

  it('a Tandem category renamed in Outlook is restored once, and the contacts show it again', async () => {
    const lost = (await masterList()).find((c) => c.displayName === 'Tandem Lost Prospect')!;
    const renamed = await fetch(`${h.world.sandbox.url}/_sandbox/outlook/rename-category`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userPrincipalName: h.member.userPrincipalName,
        id: lost.id,
        displayName: 'Old deals',
      }),
    });
    assert.equal(renamed.status, 200);
    await h.syncNow();
    const names = (await masterList()).map((c) => c.displayName);
    assert.ok(names.includes('Old deals'), 'the renamed category stays the user’s');
    assert.equal(names.filter((n) => n === 'Tandem Lost Prospect').length, 1);
    const grace = (await contacts()).find((c) => c.surname === 'Hopper');
    assert.ok(grace.categories.includes('Tandem Lost Prospect'), 'the contact shows it again');
    await h.syncNow();
    assert.equal((await masterList()).length, names.length, 'restored once, not at every run');
  });

  it('an idle run after all this writes nothing', async () => {
    const snapshot = async () => (await contacts()).map((c) => `${c.id}:${c.changeKey}`).sort();
    const before = await snapshot();
    await h.syncNow();
    await h.syncNow();
    assert.deepEqual(await snapshot(), before);
  });
});
