import assert from 'node:assert/strict';
import { contactDefinition } from '../../../src/crm/contacts/contact.definition.js';
import { createSchemaOf } from '../../../src/crm/shared/record.definition.js';
import { DEFAULT_CONTACT_MAPPING, type ContactMapping } from '../../../src/sync/contacts/contact-mapping.js';
import { toCrmFields, toGraphContact } from '../../../src/sync/contacts/contact.mapper.js';
import {
  crmPatch,
  readCrmFields,
  type CrmContactRecord,
} from '../../../src/sync/contacts/contact-crm-fields.js';
import {
  contactAllProperties,
  contactUntidy,
  sandboxContactsPage,
} from '../../fixtures/graph/contacts/contact-fixtures.js';

const mapping: ContactMapping = { ...DEFAULT_CONTACT_MAPPING };

/** A CRM contact as the database returns it (jsonb reorders keys; absent members are absent). */
const stored = (): CrmContactRecord => ({
  firstName: 'Ann',
  lastName: 'Lee',
  companyName: 'Contoso',
  birthday: '1990-02-03',
  emails: [
    { type: 'home', name: null, address: 'ann@home.example' } as never,
    { address: 'ann.lee@contoso.example', type: 'work' },
  ],
  phones: [
    { type: 'fax', number: '+1 425 555 0000' },
    { type: 'business', number: '+1 425 555 0100' },
    { type: 'mobile', number: '+1 206 555 0101' },
    { type: 'mobile', number: '+1 206 555 0102' },
  ],
  addresses: [{ type: 'business', city: 'Redmond', street: '1 Microsoft Way' }],
});

describe('Contacts: CRM side of the mapping (pure)', () => {
  it('reads the mapped values of a CRM contact: phone and address slots by type, first mobile', () => {
    const values = readCrmFields(stored(), mapping);
    assert.deepEqual(values.businessPhones, ['+1 425 555 0100']);
    assert.equal(values.mobilePhone, '+1 206 555 0101');
    assert.deepEqual(values.homePhones, []);
    assert.deepEqual(values.emails, [
      { address: 'ann@home.example', name: null },
      { address: 'ann.lee@contoso.example', name: null },
    ]);
    assert.deepEqual(values.businessAddress, {
      street: '1 Microsoft Way',
      city: 'Redmond',
      state: null,
      postalCode: null,
      countryOrRegion: null,
    });
    assert.equal(values.homeAddress, null);
    assert.equal(values.notes, null);
  });

  it('reads only mapped fields', () => {
    assert.deepEqual(
      Object.keys(readCrmFields(stored(), { lastName: 'surname', emails: 'emailAddresses' })),
      ['lastName', 'emails'],
    );
  });

  it('an unchanged round trip through Graph gives an empty patch (nothing to write, no history noise)', () => {
    const record = stored();
    const echoed = JSON.parse(JSON.stringify(toGraphContact(readCrmFields(record, mapping), mapping)));
    assert.deepEqual(crmPatch(record, toCrmFields(echoed, mapping)), {});
  });

  it('writes changes in place and keeps what no mapped field covers (fax, second mobile, email types)', () => {
    const record = stored();
    const patch = crmPatch(record, {
      mobilePhone: '+1 206 555 0199',
      businessPhones: ['+1 425 555 0100', '+1 425 555 0110'],
      emails: [
        { address: 'ANN@home.example', name: 'Ann' },
        { address: 'new@contoso.example', name: null },
      ],
      homeAddress: { street: null, city: 'Kirkland', state: 'WA', postalCode: null, countryOrRegion: null },
      jobTitle: 'Buyer',
      lastName: 'Lee',
    });
    assert.deepEqual(patch, {
      jobTitle: 'Buyer',
      emails: [
        { address: 'ANN@home.example', name: 'Ann', type: 'home' },
        { address: 'new@contoso.example', name: null, type: 'work' },
      ],
      phones: [
        { type: 'fax', number: '+1 425 555 0000' },
        { number: '+1 425 555 0100', type: 'business' },
        { number: '+1 206 555 0199', type: 'mobile' },
        { type: 'mobile', number: '+1 206 555 0102' },
        { number: '+1 425 555 0110', type: 'business' },
      ],
      addresses: [
        { type: 'business', city: 'Redmond', street: '1 Microsoft Way' },
        {
          type: 'home',
          street: null,
          city: 'Kirkland',
          state: 'WA',
          postalCode: null,
          countryOrRegion: null,
        },
      ],
    });
  });

  it('a field cleared in Outlook is cleared in the CRM', () => {
    const patch = crmPatch(stored(), {
      mobilePhone: null,
      businessAddress: null,
      birthday: null,
      companyName: null,
    });
    assert.deepEqual(patch, {
      companyName: null,
      birthday: null,
      phones: [
        { type: 'fax', number: '+1 425 555 0000' },
        { type: 'business', number: '+1 425 555 0100' },
        { type: 'mobile', number: '+1 206 555 0102' },
      ],
      addresses: [],
    });
  });

  it('every recorded Graph contact becomes a contact the CRM validation accepts', () => {
    const schema = createSchemaOf(contactDefinition);
    const contacts = [contactAllProperties(), contactUntidy(), ...sandboxContactsPage().value];
    for (const contact of contacts) {
      const fields = crmPatch({}, toCrmFields(contact, mapping));
      const parsed = schema.safeParse(fields);
      assert.ok(parsed.success, `${contact.displayName}: ${JSON.stringify(parsed.error?.issues)}`);
      assert.deepEqual(
        contactDefinition.finalize!(parsed.data as never).issues,
        [],
        String(contact.displayName),
      );
    }
  });
});
