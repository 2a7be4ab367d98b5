import assert from 'node:assert/strict';
import type { Contact } from '@microsoft/microsoft-graph-types';
import { buildContactDryRun } from '../../../src/sync/contacts/contact-dry-run.js';
import { DEFAULT_CONTACT_MAPPING } from '../../../src/sync/contacts/contact-mapping.js';
import { sandboxContactsPage } from '../../fixtures/graph/contacts/contact-fixtures.js';

const TAG = 'String {f2b1c3d4-0000-4000-8000-000000000001} Name TandemRecordId';
const tagOf = (item: Record<string, unknown>) =>
  (item.singleValueExtendedProperties as { id: string; value: string }[] | undefined)?.find(
    (p) => p.id === TAG,
  )?.value;
const email = (address: string) => ({ address, type: 'work' as const });

describe('Contacts: dry run report (pure)', () => {
  it('first sync with no folder yet: every CRM contact would be created in Outlook', () => {
    const report = buildContactDryRun({
      records: [
        { id: 'c1', firstName: 'Ann', lastName: 'Lee', emails: [] },
        { id: 'c2', companyName: 'Contoso' },
      ],
      items: [],
      mapping: DEFAULT_CONTACT_MAPPING,
      containerExists: false,
    });
    assert.deepEqual(report, {
      module: 'contacts',
      container: { name: 'Tandem Contacts', exists: false },
      toOffice: {
        create: [
          { label: 'Ann Lee', crmId: 'c1' },
          { label: 'Contoso', crmId: 'c2' },
        ],
        link: [],
      },
      toCrm: { create: [], link: [], merge: [] },
    });
  });

  it('an adopted folder: tagged items link, matches merge (with the rule), duplicates merge, the rest is created', () => {
    const items: Contact[] = [
      {
        id: 'r-tagged',
        givenName: 'Ann',
        surname: 'Lee',
        singleValueExtendedProperties: [{ id: TAG, value: 'c1' }],
      },
      { id: 'r-email', givenName: 'B.', surname: 'Ray', emailAddresses: [{ address: 'BOB@ray.example' }] },
      { id: 'r-name', givenName: 'Chloé', surname: 'Noël', companyName: 'Litware' },
      { id: 'r-dup', givenName: 'Bob', surname: 'Ray', emailAddresses: [{ address: 'bob@ray.example' }] },
      { id: 'r-amb', emailAddresses: [{ address: 'team@x.example' }], companyName: 'X' },
      { id: 'r-new', givenName: 'Dan', surname: 'New' },
    ];
    const report = buildContactDryRun({
      records: [
        { id: 'c1', firstName: 'Ann', lastName: 'Lee', emails: [] },
        { id: 'c2', firstName: 'Bob', lastName: 'Ray', emails: [email('bob@ray.example')] },
        { id: 'c3', firstName: 'Chloe', lastName: 'Noel', companyName: 'LITWARE', emails: [] },
        { id: 'c4', lastName: 'T1', emails: [email('team@x.example')] },
        { id: 'c5', lastName: 'T2', emails: [email('team@x.example')] },
      ],
      items: items as Record<string, unknown>[],
      mapping: DEFAULT_CONTACT_MAPPING,
      containerExists: true,
      tagOf,
    });
    assert.deepEqual(report.toCrm, {
      link: [{ label: 'Ann Lee', crmId: 'c1', remoteId: 'r-tagged', matchedBy: 'tag' }],
      merge: [
        { label: 'B. Ray', crmId: 'c2', remoteId: 'r-email', matchedBy: 'email' },
        { label: 'Chloé Noël', crmId: 'c3', remoteId: 'r-name', matchedBy: 'name+company' },
        { label: 'Bob Ray', crmId: 'c2', remoteId: 'r-dup', matchedBy: 'email' },
      ],
      create: [
        { label: 'X', remoteId: 'r-amb', matchedBy: 'ambiguous:email' },
        { label: 'Dan New', remoteId: 'r-new' },
      ],
    });
    assert.deepEqual(report.toOffice, {
      link: [
        { label: 'Ann Lee', crmId: 'c1', remoteId: 'r-tagged', matchedBy: 'tag' },
        { label: 'Bob Ray', crmId: 'c2', remoteId: 'r-email', matchedBy: 'email' },
        { label: 'Chloe Noel', crmId: 'c3', remoteId: 'r-name', matchedBy: 'name+company' },
      ],
      create: [
        { label: 'T1', crmId: 'c4' },
        { label: 'T2', crmId: 'c5' },
      ],
    });
  });

  it('the seeded Outlook duplicates would become one CRM record each', () => {
    const items = sandboxContactsPage().value as Record<string, unknown>[];
    const report = buildContactDryRun({
      records: [],
      items,
      mapping: DEFAULT_CONTACT_MAPPING,
      containerExists: true,
    });
    assert.equal(report.toCrm.create.length, items.length - 3);
    assert.deepEqual(report.toCrm.merge.map((m) => `${m.label} (${m.matchedBy})`).sort(), [
      'Dörte Meißner (email)',
      'H. Böhm (email)',
      'Noah Johnson (name+company)',
    ]);
  });
});
