import assert from 'node:assert/strict';
import {
  categoriesFor,
  isPersonContact,
  isTandemCategory,
  mergeCategories,
  TANDEM_CATEGORIES,
  type ContactCategoryFacts,
} from '../../../src/sync/contacts/contact-categories.js';
import { sandboxMasterCategories } from '../../fixtures/graph/contacts/contact-fixtures.js';

const person = (over: Partial<ContactCategoryFacts> = {}): ContactCategoryFacts => ({
  isPerson: true,
  dealStages: [],
  customerStatus: null,
  hasLead: false,
  ...over,
});

describe('Contacts: Tandem categories (pure)', () => {
  it('has the seven names of PRODUCT §3, each with a distinct preset colour', () => {
    assert.deepEqual(
      TANDEM_CATEGORIES.map((c) => c.name),
      [
        'Tandem Person',
        'Tandem Company',
        'Tandem Current Prospect',
        'Tandem Lost Prospect',
        'Tandem Current Customer',
        'Tandem Past Customer',
        'Tandem Lead',
      ],
    );
    assert.equal(new Set(TANDEM_CATEGORIES.map((c) => c.color)).size, 7);
    assert.ok(TANDEM_CATEGORIES.every((c) => /^preset([0-9]|1[0-9]|2[0-4])$/.test(c.color)));
  });

  it('person or company, from the name', () => {
    assert.equal(isPersonContact({ firstName: ' ', lastName: null }), false);
    assert.equal(isPersonContact({ lastName: 'Lee' }), true);
    assert.deepEqual(categoriesFor(person()), ['Tandem Person']);
    assert.deepEqual(categoriesFor(person({ isPerson: false })), ['Tandem Company']);
  });

  it('deals: open → current prospect; lost/unqualified only → lost prospect; won → current customer', () => {
    assert.deepEqual(categoriesFor(person({ dealStages: ['open', 'lost'] })), [
      'Tandem Person',
      'Tandem Current Prospect',
    ]);
    assert.deepEqual(categoriesFor(person({ dealStages: ['unqualified'] })), [
      'Tandem Person',
      'Tandem Lost Prospect',
    ]);
    assert.deepEqual(categoriesFor(person({ dealStages: ['lost', 'won'] })), [
      'Tandem Person',
      'Tandem Current Customer',
    ]);
  });

  it('customer status: current → current customer; past → past customer even with won deals', () => {
    assert.deepEqual(categoriesFor(person({ customerStatus: 'current' })), [
      'Tandem Person',
      'Tandem Current Customer',
    ]);
    assert.deepEqual(categoriesFor(person({ customerStatus: 'past', dealStages: ['won', 'open'] })), [
      'Tandem Person',
      'Tandem Current Prospect',
      'Tandem Past Customer',
    ]);
  });

  it('a contact with a lead is a Tandem Lead', () => {
    assert.deepEqual(categoriesFor(person({ isPerson: false, hasLead: true })), [
      'Tandem Company',
      'Tandem Lead',
    ]);
  });

  it("merging keeps the user's own categories and replaces Tandem's; nothing to write when already right", () => {
    assert.deepEqual(mergeCategories(['VIP', 'Tandem Lead', 'tandem person'], ['Tandem Person']), [
      'VIP',
      'Tandem Person',
    ]);
    assert.deepEqual(mergeCategories(undefined, ['Tandem Company']), ['Tandem Company']);
    assert.equal(mergeCategories(['Tandem Person', 'VIP'], ['Tandem Person']), undefined);
    assert.deepEqual(mergeCategories(['VIP'], []), undefined);
  });

  it("recognises Tandem's categories without case, and only them", () => {
    const names = sandboxMasterCategories().value.map((c) => c.displayName!);
    assert.deepEqual(names.filter(isTandemCategory), [
      'Tandem Person',
      'Tandem Company',
      'Tandem Current Customer',
    ]);
    assert.ok(isTandemCategory(' TANDEM LEAD '));
  });
});
