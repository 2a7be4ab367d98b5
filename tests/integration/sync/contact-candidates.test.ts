import assert from 'node:assert/strict';
import {
  findContactCandidates,
  type CandidateScope,
} from '../../../src/sync/contacts/contact-candidates.repo.js';
import { asCandidates, ContactMatcher } from '../../../src/sync/contacts/contact-matcher.js';
import { TestApp, type Member, type TestOrg } from '../../support/test-app.js';

describe('Contacts: CRM duplicate candidates (database)', () => {
  let app: TestApp;
  let orgA: TestOrg;
  let orgB: TestOrg;
  let standard: Member;
  let manager: Member;
  const ids: Record<string, string> = {};

  const create = async (who: Member, name: string, body: Record<string, unknown>) => {
    const res = await app.request('POST', '/api/v1/contacts', { token: who.token, body });
    assert.equal(res.status, 201, res.text);
    ids[name] = res.body.id;
  };
  const scopeOf = (org: TestOrg, member: Member, recordScope: 'own' | 'all'): CandidateScope => ({
    orgId: org.orgId,
    userId: member.userId,
    recordScope,
  });
  const find = (scope: CandidateScope, incoming: Parameters<typeof findContactCandidates>[2]) =>
    app.tandem.db.scoped(scope.orgId, (tx) => findContactCandidates(tx, scope, incoming));
  const names = (rows: { id: string }[]) =>
    rows.map((r) => Object.keys(ids).find((k) => ids[k] === r.id) ?? 'unknown').sort();

  before(async () => {
    app = await TestApp.start();
    orgA = await app.createOrg();
    orgB = await app.createOrg();
    standard = await orgA.addMember('standard');
    manager = await orgA.addMember('manager');
    await create(standard, 'ines', {
      firstName: 'Inès',
      lastName: 'Sánchez',
      companyName: 'Müller & Söhne',
      emails: [{ address: 'Ines.Sanchez@Mueller.example' }],
    });
    await create(standard, 'noah', {
      firstName: 'Noah',
      lastName: 'Johnson',
      companyName: 'Northwind Traders',
    });
    await create(manager, 'managers-own', {
      firstName: 'Mia',
      lastName: 'Ward',
      emails: [{ address: 'mia@ward.example' }],
    });
    await create(standard, 'deleted', { lastName: 'Gone', emails: [{ address: 'gone@x.example' }] });
    assert.equal(
      (await app.request('DELETE', `/api/v1/contacts/${ids.deleted}`, { token: standard.token })).status,
      204,
    );
    await create(orgB.admin, 'other-tenant', {
      firstName: 'Inès',
      lastName: 'Sánchez',
      companyName: 'Müller & Söhne',
      emails: [{ address: 'ines.sanchez@mueller.example' }],
    });
  });
  after(() => app.stop());

  it('finds contacts sharing an email (any case) or a company (accents folded) in one query', async () => {
    const rows = await find(scopeOf(orgA, manager, 'all'), [
      { emails: [{ address: ' INES.SANCHEZ@mueller.example' }] },
      { firstName: 'Noah', lastName: 'Johnson', companyName: 'northwind  traders' },
      { lastName: 'Nobody', emails: [{ address: 'nobody@x.example' }] },
    ]);
    assert.deepEqual(names(rows), ['ines', 'noah']);
    const byCompany = await find(scopeOf(orgA, manager, 'all'), [
      { firstName: 'Ines', companyName: 'Muller & Sohne' },
    ]);
    assert.deepEqual(names(byCompany), ['ines']);
  });

  it('the matcher then decides among the candidates', async () => {
    const incoming = { firstName: 'INES', lastName: 'Sanchez', companyName: 'Muller & Sohne' };
    const rows = await find(scopeOf(orgA, manager, 'all'), [incoming]);
    assert.deepEqual(new ContactMatcher(asCandidates(rows)).match(incoming), {
      kind: 'match',
      id: ids.ines,
      matchedBy: 'name+company',
    });
  });

  it("respects the record scope: a standard member's own contacts only; a manager's all", async () => {
    const incoming = [
      { emails: [{ address: 'mia@ward.example' }] },
      { emails: [{ address: 'ines.sanchez@mueller.example' }] },
    ];
    assert.deepEqual(names(await find(scopeOf(orgA, standard, 'own'), incoming)), ['ines']);
    assert.deepEqual(names(await find(scopeOf(orgA, manager, 'all'), incoming)), ['ines', 'managers-own']);
  });

  it('never returns deleted contacts', async () => {
    assert.deepEqual(
      await find(scopeOf(orgA, standard, 'all'), [{ emails: [{ address: 'gone@x.example' }] }]),
      [],
    );
  });

  it('tenant B cannot see tenant A: the same email and company only find their own organisation', async () => {
    const incoming = [
      {
        firstName: 'Inès',
        lastName: 'Sánchez',
        companyName: 'Müller & Söhne',
        emails: [{ address: 'ines.sanchez@mueller.example' }],
      },
    ];
    assert.deepEqual(names(await find(scopeOf(orgB, orgB.admin, 'all'), incoming)), ['other-tenant']);
    // Even asked with organisation A's id in the scope, row-level security of B's transaction hides A.
    const crossed = await app.tandem.db.scoped(orgB.orgId, (tx) =>
      findContactCandidates(tx, scopeOf(orgA, manager, 'all'), incoming),
    );
    assert.deepEqual(crossed, []);
  });

  it('a batch with nothing to match asks nothing', async () => {
    assert.deepEqual(await find(scopeOf(orgA, manager, 'all'), [{ firstName: 'Ann' }, {}]), []);
  });
});
