import assert from 'node:assert/strict';
import { rngFor } from '../../../src/sandbox/seed/prng.js';
import {
  DEFAULT_CONTACT_MAPPING,
  GRAPH_CONTACT_FIELDS,
  type ContactMapping,
} from '../../../src/sync/contacts/contact-mapping.js';
import { toCrmFields, toGraphContact } from '../../../src/sync/contacts/contact.mapper.js';
import type { MappedValues } from '../../../src/sync/contacts/contact-values.js';
import {
  contactAllProperties,
  contactUntidy,
  sandboxContactsPage,
} from '../../fixtures/graph/contacts/contact-fixtures.js';
import { generated } from '../../fixtures/graph/contacts/generated-contacts.js';

const mapping: ContactMapping = { ...DEFAULT_CONTACT_MAPPING };
const WRITABLE = new Set<string>([...Object.keys(GRAPH_CONTACT_FIELDS), 'displayName']);

describe('Contacts: mapper (pure)', () => {
  it('round-trips: toCrmFields(toGraphContact(x)) == x for 500 generated contacts', () => {
    const rng = rngFor(6, 'contacts-mapper');
    for (let i = 0; i < 500; i++) {
      const values = generated(rng, i);
      const body = toGraphContact(values, mapping);
      // What Graph answers is JSON: nothing survives that JSON cannot carry.
      const echoed = JSON.parse(JSON.stringify(body));
      assert.deepEqual(toCrmFields(echoed, mapping), values, `contact ${i}`);
    }
  });

  it('round-trips with a user mapping as well (department → officeLocation, phones → imAddresses)', () => {
    const mine: ContactMapping = { ...mapping, department: 'officeLocation', homePhones: 'imAddresses' };
    const values = generated(rngFor(7, 'x'), 1);
    const body = toGraphContact(values, mine) as Record<string, unknown>;
    assert.equal(body.officeLocation, values.department);
    assert.ok(!('department' in body) && !('homePhones' in body));
    assert.deepEqual(toCrmFields(body, mine), values);
  });

  it('never sends read-only properties or categories; always sends the display name', () => {
    const rng = rngFor(8, 'writable');
    for (let i = 0; i < 50; i++) {
      const body = toGraphContact(generated(rng, i), mapping);
      for (const key of Object.keys(body)) assert.ok(WRITABLE.has(key), key);
    }
    const body = toGraphContact(
      { firstName: 'Ann', middleName: null, lastName: 'Lee', companyName: 'Contoso' },
      mapping,
    );
    assert.equal(body.displayName, 'Ann Lee');
    assert.equal(
      toGraphContact({ firstName: null, lastName: null, companyName: 'Contoso' }, mapping).displayName,
      'Contoso',
    );
  });

  it('sends only mapped fields that are given; a cleared field is sent as cleared', () => {
    const body = toGraphContact(
      { jobTitle: null, emails: [], businessPhones: [], homeAddress: null, birthday: null },
      { ...mapping, mobilePhone: undefined },
    );
    assert.deepEqual(body, {
      jobTitle: null,
      emailAddresses: [],
      businessPhones: [],
      homeAddress: { street: null, city: null, state: null, postalCode: null, countryOrRegion: null },
      birthday: null,
    });
    assert.deepEqual(toGraphContact({ firstName: 'Ann' }, { lastName: 'surname' }), {});
  });

  it('reads a full Graph contact: names, emails as typed, phones, addresses, a Paris-midnight birthday', () => {
    const values = toCrmFields(contactAllProperties(), mapping);
    assert.deepEqual(values, {
      salutation: 'Dr',
      firstName: 'Camille',
      middleName: 'Anne',
      lastName: 'Dupont',
      companyName: 'Fourth Coffee',
      jobTitle: 'Responsable achats',
      department: 'Achats',
      notes: 'Met at the Lyon fair.\nPrefers email.',
      birthday: '1984-06-12',
      emails: [
        { address: 'Camille.Dupont@FourthCoffee.example', name: 'Camille Dupont' },
        { address: 'camille@home.example', name: null },
      ],
      businessPhones: ['+33 4 72 10 20 30', '+33 4 72 10 20 31'],
      homePhones: ['+33 4 72 00 00 01'],
      mobilePhone: '+33 6 12 34 56 78',
      businessAddress: {
        street: '12 rue de la République',
        city: 'Lyon',
        state: null,
        postalCode: '69002',
        countryOrRegion: 'France',
      },
      homeAddress: null,
      otherAddress: null,
    });
  });

  it('cleans an untidy contact: NUL, blanks, invalid and repeated addresses', () => {
    const values = toCrmFields(contactUntidy(), mapping);
    assert.equal(values.firstName, 'Jürgen');
    assert.equal(values.lastName, 'Weiß');
    assert.equal(values.companyName, 'Wide World Importers');
    for (const cleared of [
      'middleName',
      'salutation',
      'department',
      'notes',
      'mobilePhone',
      'jobTitle',
      'birthday',
    ])
      assert.equal(values[cleared as keyof MappedValues], null, cleared);
    assert.deepEqual(values.homePhones, []);
    assert.deepEqual(values.businessPhones, ['+49 89 1234 5678']);
    assert.deepEqual(values.emails, [
      { address: 'Juergen.Weiss@WideWorldImporters.example', name: 'Jürgen Weiß' },
    ]);
    assert.equal(values.businessAddress, null);
    assert.deepEqual(values.homeAddress, {
      street: 'Leopoldstraße 5',
      city: 'München',
      state: null,
      postalCode: null,
      countryOrRegion: null,
    });
    assert.ok(!JSON.stringify(values).includes('\\u0000'));
  });

  it('leaves out properties the payload does not carry (absent is unknown, not cleared)', () => {
    const values = toCrmFields({ id: 'x', givenName: 'Ann', surname: null }, mapping);
    assert.deepEqual(values, { firstName: 'Ann', lastName: null });
  });

  it('reads every recorded sandbox contact with a name or company', () => {
    for (const contact of sandboxContactsPage().value) {
      const values = toCrmFields(contact, mapping);
      assert.ok(values.firstName || values.lastName || values.companyName, contact.id ?? '');
      assert.ok(((values.emails as unknown[] | undefined)?.length ?? 0) <= 3);
    }
  });

  it('cuts text longer than the CRM keeps', () => {
    const values = toCrmFields({ givenName: 'x'.repeat(250), personalNotes: 'n'.repeat(40_000) }, mapping);
    assert.equal((values.firstName as string).length, 200);
    assert.equal((values.notes as string).length, 32_000);
  });
});
