import assert from 'node:assert/strict';
import type { CandidateScope } from '../../../src/sync/contacts/contact-candidates.repo.js';
import { categoriesFor } from '../../../src/sync/contacts/contact-categories.js';
import {
  loadCategoryFacts,
  type CategorisedContact,
} from '../../../src/sync/contacts/contact-category-facts.repo.js';
import { TestApp, type Member, type TestOrg } from '../../support/test-app.js';

describe('Contacts: category facts from CRM data (database)', () => {
  let app: TestApp;
  let orgA: TestOrg;
  let orgB: TestOrg;
  let standard: Member;
  let manager: Member;
  const contacts: Record<string, CategorisedContact> = {};

  const post = async (who: Member, collection: string, body: Record<string, unknown>) => {
    const res = await app.request('POST', `/api/v1/${collection}`, { token: who.token, body });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  const scopeOf = (org: TestOrg, member: Member, recordScope: 'own' | 'all'): CandidateScope => ({
    orgId: org.orgId,
    userId: member.userId,
    recordScope,
  });
  const categories = async (scope: CandidateScope, dbOrg = scope.orgId) => {
    const facts = await app.tandem.db.scoped(dbOrg, (tx) =>
      loadCategoryFacts(tx, scope, Object.values(contacts)),
    );
    return Object.fromEntries(
      Object.entries(contacts).map(([name, c]) => [
        name,
        facts.has(c.id) ? categoriesFor(facts.get(c.id)!) : null,
      ]),
    );
  };

  before(async () => {
    app = await TestApp.start();
    orgA = await app.createOrg();
    orgB = await app.createOrg();
    standard = await orgA.addMember('standard');
    manager = await orgA.addMember('manager');
    contacts.prospect = await post(standard, 'contacts', {
      firstName: 'Pia',
      lastName: 'Prospect',
      emails: [{ address: 'Pia@Prospect.example' }],
    });
    contacts.company = await post(standard, 'contacts', { companyName: 'Acme', customerStatus: 'past' });
    contacts.customer = await post(standard, 'contacts', { firstName: 'Carl', lastName: 'Customer' });
    await post(standard, 'deals', { name: 'Open deal', stage: 'open', contactId: contacts.prospect!.id });
    await post(standard, 'deals', { name: 'Lost deal', stage: 'lost', contactId: contacts.prospect!.id });
    await post(manager, 'deals', {
      name: "Manager's won deal",
      stage: 'won',
      contactId: contacts.customer!.id,
    });
    await post(standard, 'leads', { lastName: 'Pia', email: 'PIA@prospect.EXAMPLE' });
    // Tenant B: a lead with the same address and a won deal mean nothing to tenant A.
    await post(orgB.admin, 'leads', { lastName: 'Carl', email: 'pia@prospect.example' });
  });
  after(() => app.stop());

  it('deals, customer status and leads decide the categories (manager: every record counts)', async () => {
    assert.deepEqual(await categories(scopeOf(orgA, manager, 'all')), {
      prospect: ['Tandem Person', 'Tandem Current Prospect', 'Tandem Lead'],
      company: ['Tandem Company', 'Tandem Past Customer'],
      customer: ['Tandem Person', 'Tandem Current Customer'],
    });
  });

  it('a standard member: deals and leads they cannot see do not count', async () => {
    assert.deepEqual((await categories(scopeOf(orgA, standard, 'own'))).customer, ['Tandem Person']);
  });

  it("tenant B cannot see tenant A's deals or leads, even with A's ids", async () => {
    const crossed = await categories(scopeOf(orgA, manager, 'all'), orgB.orgId);
    assert.deepEqual(crossed, {
      prospect: ['Tandem Person'],
      company: ['Tandem Company', 'Tandem Past Customer'],
      customer: ['Tandem Person'],
    });
  });
});
