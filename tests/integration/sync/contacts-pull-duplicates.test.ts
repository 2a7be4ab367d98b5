import assert from 'node:assert/strict';
import { FOLDER, SyncHarness } from './support/sync-harness.js';

/**
 * Duplicates in the folder a member adopts, all in the first delta page: the round's duplicate
 * index finds the existing CRM contact, and the contacts the round itself creates, so each person
 * ends up as ONE CRM contact.
 */
describe('Contacts sync: duplicates pulled in one round', function () {
  this.timeout(90_000);
  let h: SyncHarness;

  before(async () => {
    h = await SyncHarness.start();
  });
  after(() => h?.stop());

  it('merges into the existing contact and into contacts created earlier in the same round', async () => {
    const ada = await h.createCrmContact({
      firstName: 'Ada',
      lastName: 'Lovelace',
      emails: [{ address: 'ada@analytical.example' }],
    });
    const folder = await h.outlook.api(`/users/${h.member.id}/contactFolders`).post({ displayName: FOLDER });
    const contacts = `/users/${h.member.id}/contactFolders/${folder.id}/contacts`;
    for (const body of [
      {
        givenName: 'Ada',
        surname: 'Lovelace',
        jobTitle: 'Analyst',
        emailAddresses: [{ address: 'ada@analytical.example' }],
      },
      { givenName: 'Grace', surname: 'Hopper', emailAddresses: [{ address: 'grace@navy.example' }] },
      { givenName: 'Linus', surname: 'Torvalds', companyName: 'Linux Foundation' },
      // Duplicates of the three above, later in the same page.
      { givenName: 'A.', surname: 'Lovelace', emailAddresses: [{ address: 'ADA@analytical.example ' }] },
      { givenName: 'Grace', surname: 'Hopper (Navy)', emailAddresses: [{ address: 'Grace@Navy.example' }] },
      { givenName: 'LINUS', surname: 'torvalds', companyName: ' linux  foundation' },
    ])
      await h.outlook.api(contacts).post(body);

    const since = Date.now();
    await h.enable();
    await h.settled(since);

    const crm = await h.crmContacts();
    assert.deepEqual(crm.map((c) => c.lastName).sort(), ['Hopper', 'Lovelace', 'Torvalds']);
    assert.equal(crm.find((c) => c.lastName === 'Lovelace').id, ada.id, 'merged into the existing contact');
    assert.equal(crm.find((c) => c.lastName === 'Lovelace').jobTitle, 'Analyst');
    const journal = (await h.api('GET', '/sync/contacts/journal?limit=100')).body.entries as any[];
    const of = (action: string) =>
      journal
        .filter((e) => e.action === action && e.direction !== 'to_office')
        .map((e) => [e.label, e.details.matchedBy]);
    assert.deepEqual(of('merge'), [['Ada Lovelace', 'email']]);
    assert.deepEqual(
      of('create')
        .map(([label]) => label)
        .sort(),
      ['Grace Hopper', 'Linus Torvalds'],
    );
    assert.deepEqual(
      journal
        .filter((e) => e.reason === 'duplicate_in_office')
        .map((e) => [e.label, e.details.matchedBy])
        .sort(),
      [
        ['A. Lovelace', 'email'],
        ['Grace Hopper (Navy)', 'email'],
        ['LINUS torvalds', 'name+company'],
      ],
    );
  });
});
