import assert from 'node:assert/strict';
import { contactsResource } from '../../../src/sync/contacts/contacts.resource.js';

const email = (address: string) => ({ address });
const records = [
  {
    id: 'c1',
    firstName: 'Inès',
    lastName: 'Sánchez',
    companyName: 'Müller & Söhne',
    emails: [email('ines@mueller.example')],
    jobTitle: 'Buyer',
    notes: 'long notes the index never keeps',
  },
  { id: 'c2', firstName: 'Ann', lastName: 'Lee', companyName: null, emails: [email('team@x.example')] },
  { id: 'c3', firstName: 'Bob', lastName: 'Ray', companyName: null, emails: [email('TEAM@x.example')] },
];

/** The index as the engine builds it: each record's id and only the resource's match fields. */
function indexOf(rows: Record<string, unknown>[]) {
  const index = contactsResource.duplicates();
  for (const { id, ...rest } of rows) {
    const values = Object.fromEntries(contactsResource.matchFields.map((f) => [f, rest[f] ?? null]));
    index.add(id as string, values);
  }
  return index;
}

describe('Contacts: the duplicate index of a sync round', () => {
  it('matches an item by email, else by name and company, from the match fields alone', () => {
    const index = indexOf(records);
    assert.deepEqual(index.match({ lastName: 'Other', emails: [email(' INES@mueller.example')] }), {
      crmId: 'c1',
      matchedBy: 'email',
    });
    assert.deepEqual(index.match({ firstName: 'ines', lastName: 'SANCHEZ', companyName: 'Muller & Sohne' }), {
      crmId: 'c1',
      matchedBy: 'name+company',
    });
    assert.equal(index.match({ firstName: 'Nobody', emails: [email('nobody@x.example')] }), undefined);
  });

  it('never matches when several records fit (the item is created, not merged)', () => {
    assert.equal(indexOf(records).match({ emails: [email('team@x.example')] }), undefined);
  });

  it('finds a record added during the round, so a later duplicate merges into it', () => {
    const index = indexOf(records);
    const grace = { firstName: 'Grace', lastName: 'Hopper', emails: [email('grace@navy.example')] };
    assert.equal(index.match(grace), undefined);
    index.add('created-1', { ...grace, companyName: null });
    assert.deepEqual(index.match({ ...grace, emails: [email('Grace@Navy.example')] }), {
      crmId: 'created-1',
      matchedBy: 'email',
    });
    // A second record with the same address makes it ambiguous from then on.
    index.add('created-2', { firstName: 'G', lastName: 'H', emails: [email('grace@navy.example')] });
    assert.equal(index.match(grace), undefined);
  });
});
