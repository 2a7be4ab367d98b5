import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../src/platform/db/database.js';
import { TEST_CLIENT_ID } from '../../support/test-identity.js';
import { FOLDER, SyncHarness, waitFor } from './support/sync-harness.js';

async function orgOf(h: SyncHarness, tenantId: string): Promise<string> {
  return h.world.app.tandem.db.system(
    async (tx) =>
      rowsOf<{ id: string }>(
        await tx.execute(sql`select id::text from organisations where tenant_id = ${tenantId}`),
      )[0]!.id,
  );
}

/** Enabling (adopt, duplicates, dry run), disabling, managers, and organisation isolation of the engine's tables. */
describe('Sync engine lifecycle', function () {
  this.timeout(90_000);
  let h: SyncHarness;

  before(async () => {
    h = await SyncHarness.start();
  });
  after(() => h?.stop());

  it('the dry run shows what the first sync would create, link and merge, and changes nothing', async () => {
    await h.createCrmContact({
      firstName: 'Emmy',
      lastName: 'Noether',
      emails: [{ address: 'emmy@algebra.example' }],
    });
    await h.createCrmContact({ firstName: 'Sofia', lastName: 'Kovalevskaya' });
    const existing = await h.outlook
      .api(`/users/${h.member.id}/contactFolders`)
      .post({ displayName: FOLDER });
    await h.outlook.api(`/users/${h.member.id}/contactFolders/${existing.id}/contacts`).post({
      givenName: 'Emmy',
      surname: 'Noether',
      jobTitle: 'Professor',
      emailAddresses: [{ address: 'EMMY@algebra.example' }],
    });
    await h.outlook
      .api(`/users/${h.member.id}/contactFolders/${existing.id}/contacts`)
      .post({ givenName: 'Marie', surname: 'Curie' });
    const res = await h.api('POST', '/sync/contacts/dry-run');
    assert.equal(res.status, 200, res.text);
    const report = res.body;
    assert.equal(report.container.exists, true);
    assert.deepEqual(
      report.toCrm.merge.map((i: any) => [i.label, i.matchedBy]),
      [['Emmy Noether', 'email']],
    );
    assert.deepEqual(
      report.toCrm.create.map((i: any) => i.label),
      ['Marie Curie'],
    );
    assert.deepEqual(
      report.toOffice.create.map((i: any) => i.label),
      ['Sofia Kovalevskaya'],
    );
    assert.equal((await h.view()).state, 'disabled');
    assert.equal((await h.crmContacts()).length, 2);
  });

  it('enabling adopts the existing folder and merges a duplicate instead of creating it twice', async () => {
    const since = Date.now();
    await h.enable();
    await h.settled(since);
    assert.equal((await h.folders()).length, 1, 'adopted, not duplicated');
    const crm = await h.crmContacts();
    assert.deepEqual(crm.map((c) => c.lastName).sort(), ['Curie', 'Kovalevskaya', 'Noether']);
    assert.equal(crm.find((c) => c.lastName === 'Noether').jobTitle, 'Professor');
    const office = await h.outlookContacts((await h.folders())[0]!.id);
    assert.deepEqual(office.map((c) => c.surname).sort(), ['Curie', 'Kovalevskaya', 'Noether']);
    const merges = (await h.api('GET', '/sync/contacts/journal?action=merge')).body.entries;
    assert.equal(merges.length, 1);
    assert.equal(merges[0].details.matchedBy, 'email');
  });

  it('a manager syncs every contact they can see, including a colleague’s new one', async () => {
    const manager = await h.world.addMember(
      h.member.orgId,
      h.world.tenant().users.filter((u) => !u.isAdministrator)[1]!,
      'manager',
    );
    const since = Date.now();
    await h.enable(manager.token);
    await h.settled(since, manager.token);
    const managerFolder = async () => {
      const client = h.world.sandbox.graph(await h.world.sandbox.token(manager.userPrincipalName, 'graph'));
      const [folder] = (
        await client.api(`/users/${manager.id}/contactFolders`).filter(`displayName eq '${FOLDER}'`).get()
      ).value;
      return (await client.api(`/users/${manager.id}/contactFolders/${folder.id}/contacts`).top(100).get())
        .value as any[];
    };
    assert.equal((await managerFolder()).length, 3);
    await h.createCrmContact({ firstName: 'Hedy', lastName: 'Lamarr' });
    await waitFor(async () => (await managerFolder()).some((c) => c.surname === 'Lamarr'));
  });

  it('tenant B sees none of tenant A’s sync state, links, outbox, journal or runs', async () => {
    const fabrikam = h.world.tenant(1);
    const b = await h.world.provision(
      fabrikam.users.find((u) => u.isAdministrator)!,
      1,
    );
    const viewB = (await h.api('GET', '/sync/contacts', undefined, b.token)).body;
    assert.deepEqual([viewB.state, viewB.container.id, viewB.pending], ['disabled', null, 0]);
    assert.deepEqual((await h.api('GET', '/sync/contacts/journal', undefined, b.token)).body.entries, []);
    for (const table of ['sync_states', 'sync_links', 'sync_outbox', 'sync_journal', 'sync_runs']) {
      const count = (orgId: string) =>
        h.world.app.tandem.db.scoped(
          orgId,
          async (tx) =>
            rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n,
        );
      assert.equal(await count(b.orgId), 0, `${table} is empty for B`);
      if (table !== 'sync_outbox') assert.ok((await count(h.member.orgId)) > 0, `${table} has A's rows`);
    }
  });

  it('enabling without the tenant’s consent fails closed with a clear problem and changes nothing', async () => {
    const fabrikam = h.world.tenant(1);
    // Fabrikam's organisation was provisioned by the previous case.
    const member = await h.world.addMember(
      await orgOf(h, fabrikam.id),
      fabrikam.users.find((u) => !u.isAdministrator)!,
      'standard',
    );
    const consents = h.world.sandbox.sandbox.store.state.tenants[fabrikam.id]!.consents;
    const saved = consents[TEST_CLIENT_ID];
    delete consents[TEST_CLIENT_ID];
    try {
      const res = await h.api('PUT', '/sync/contacts', { enabled: true }, member.token);
      assert.equal(res.status, 403, res.text);
      assert.equal(res.body.code, 'office365_consent_required');
      assert.equal(res.text.includes('AADSTS'), false, 'no raw Entra message');
      assert.equal((await h.api('GET', '/sync/contacts', undefined, member.token)).body.state, 'disabled');
    } finally {
      consents[TEST_CLIENT_ID] = saved!;
    }
  });

  it('disabling deletes the folder and its copies from Outlook and leaves the CRM intact', async () => {
    const crmBefore = (await h.crmContacts()).length;
    const res = await h.api('PUT', '/sync/contacts', { enabled: false });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([res.body.enabled, res.body.state, res.body.container.id], [false, 'disabled', null]);
    assert.equal((await h.folders()).length, 0);
    assert.equal((await h.crmContacts()).length, crmBefore);
    const status = (await h.api('GET', '/sync')).body;
    assert.equal(JSON.stringify(status).includes('"enabled":true'), false);
  });
});
