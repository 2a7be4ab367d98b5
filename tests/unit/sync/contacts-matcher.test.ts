import assert from 'node:assert/strict';
import { DEFAULT_CONTACT_MAPPING } from '../../../src/sync/contacts/contact-mapping.js';
import { toCrmFields } from '../../../src/sync/contacts/contact.mapper.js';
import {
  FOLD_FROM,
  FOLD_TO,
  foldKey,
  matchKeysOf,
  normaliseName,
} from '../../../src/sync/contacts/contact-match-keys.js';
import { asCandidates, ContactMatcher, decideBatch } from '../../../src/sync/contacts/contact-matcher.js';
import { sandboxContactsPage } from '../../fixtures/graph/contacts/contact-fixtures.js';

const email = (address: string) => ({ address });
const crm = [
  {
    id: 'c1',
    firstName: 'Inès',
    lastName: 'Sánchez',
    companyName: 'Müller & Söhne',
    emails: [email('ines@mueller.example')],
  },
  { id: 'c2', firstName: 'Noah', lastName: 'Johnson', companyName: 'Northwind Traders', emails: [] },
  { id: 'c3', firstName: 'Ann', lastName: 'Lee', companyName: null, emails: [email('shared@team.example')] },
  { id: 'c4', firstName: 'Bob', lastName: 'Ray', companyName: null, emails: [email('SHARED@team.example')] },
  { id: 'c5', firstName: 'Emma', lastName: 'Stone', companyName: 'Contoso', emails: [] },
  { id: 'c6', firstName: 'emma', lastName: 'STONE', companyName: ' contoso ', emails: [] },
];

describe('Contacts: duplicate matching (pure)', () => {
  const matcher = new ContactMatcher(asCandidates(crm));

  it('matches by email: trimmed, case-insensitive, Unicode NFC, any of the addresses', () => {
    assert.deepEqual(
      matcher.match({ lastName: 'Other', emails: [email('x@y.example'), email('  INES@Mueller.example ')] }),
      { kind: 'match', id: 'c1', matchedBy: 'email' },
    );
    const decomposed = 'ine\u0301s@accents.example';
    const m = new ContactMatcher([{ id: 'a', contact: { emails: [email(decomposed.normalize('NFC'))] } }]);
    assert.equal(m.match({ emails: [email(decomposed)] }).kind, 'match');
  });

  it('else by first + last name and company, ignoring case, accents and spacing', () => {
    assert.deepEqual(
      matcher.match({ firstName: 'INES', lastName: 'sanchez', companyName: 'Muller  &  Sohne' }),
      {
        kind: 'match',
        id: 'c1',
        matchedBy: 'name+company',
      },
    );
    assert.deepEqual(
      matcher.match({ firstName: 'Noah', lastName: 'Johnson', companyName: 'northwind traders' }),
      {
        kind: 'match',
        id: 'c2',
        matchedBy: 'name+company',
      },
    );
  });

  it('a name alone, or the same company with another name, is not a match', () => {
    assert.deepEqual(matcher.match({ firstName: 'Noah', lastName: 'Johnson' }), { kind: 'none' });
    assert.deepEqual(
      matcher.match({ firstName: 'Liam', lastName: 'Johnson', companyName: 'Northwind Traders' }),
      {
        kind: 'none',
      },
    );
  });

  it('two CRM candidates are ambiguous: no merge, both reported', () => {
    assert.deepEqual(matcher.match({ emails: [email('shared@TEAM.example')] }), {
      kind: 'ambiguous',
      ids: ['c3', 'c4'],
      matchedBy: 'email',
    });
    assert.deepEqual(matcher.match({ firstName: 'Emma', lastName: 'Stone', companyName: 'Contoso' }), {
      kind: 'ambiguous',
      ids: ['c5', 'c6'],
      matchedBy: 'name+company',
    });
  });

  it('keys: ß folds to ss, NUL is ignored, no name+company key without a company', () => {
    assert.equal(normaliseName('  Meißner\tDÖRTE '), 'meissner dorte');
    assert.equal(matchKeysOf({ firstName: 'Ann', lastName: 'Lee' }).nameCompany, null);
    assert.equal(matchKeysOf({ lastName: 'Le\u0000e', companyName: 'Acme' }).nameCompany, 'lee|acme');
    assert.equal([...FOLD_FROM].length, [...FOLD_TO].length);
    assert.equal(foldKey('Müller & Söhne Maschinenbau'), 'muller&sohnemaschinenbau');
  });

  it('a batch of Outlook duplicates syncs to ONE CRM record, matched within the batch too', () => {
    // The sandbox seeds duplicates: the same person twice, one respelled ("H. Böhm") with the same
    // address, and a pair with the same name and company but no email.
    const page = sandboxContactsPage().value;
    const incoming = page.map((c) => ({ remoteId: c.id!, contact: toCrmFields(c, DEFAULT_CONTACT_MAPPING) }));
    const decisions = decideBatch(incoming, []);
    const dup = [...decisions].filter(([, d]) => d.kind === 'duplicate');
    const byId = new Map(page.map((c) => [c.id!, c]));
    const pairs = dup.map(([id, d]) => {
      assert.equal(d.kind, 'duplicate');
      const of = d.kind === 'duplicate' ? d.of : undefined;
      return `${byId.get(id)!.displayName} → ${byId.get(of!.remoteId)!.displayName} (${d.kind === 'duplicate' ? d.matchedBy : ''})`;
    });
    assert.deepEqual(pairs.sort(), [
      'Dörte Meißner → Dörte Meißner (email)',
      'H. Böhm → Henrik Böhm (email)',
      'Noah Johnson → Noah Johnson (name+company)',
    ]);
    assert.equal([...decisions.values()].filter((d) => d.kind === 'new').length, page.length - 3);
  });

  it('a batch merges into existing CRM records; a second Outlook copy of it is a duplicate of that record', () => {
    const decisions = decideBatch(
      [
        { remoteId: 'r1', contact: { firstName: 'Inès', emails: [email('ines@mueller.example')] } },
        { remoteId: 'r2', contact: { firstName: 'I.', emails: [email('INES@mueller.example')] } },
        { remoteId: 'r3', contact: { emails: [email('shared@team.example')] } },
        {
          remoteId: 'r4',
          contact: { firstName: 'New', lastName: 'Person', emails: [email('new@x.example')] },
        },
      ],
      asCandidates(crm),
    );
    assert.deepEqual(Object.fromEntries(decisions), {
      r1: { kind: 'match', crmId: 'c1', matchedBy: 'email' },
      r2: { kind: 'duplicate', of: { remoteId: 'r1', crmId: 'c1' }, matchedBy: 'email' },
      r3: { kind: 'ambiguous', crmIds: ['c3', 'c4'], remoteIds: [], matchedBy: 'email' },
      r4: { kind: 'new' },
    });
  });
});
