import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { contactDefinition } from '../../../src/crm/contacts/contact.definition.js';
import { rowsOf } from '../../../src/platform/db/database.js';
import type { RunReason, SyncTarget } from '../../../src/sync/engine/sync-contract.js';
import { actorOf } from '../../../src/tenancy/principal.js';
import { SyncHarness, waitFor } from './support/sync-harness.js';

/**
 * CRM → Outlook without waiting for the outbox scan: a CRM change starts its member's run as soon
 * as it has committed, and many changes ask for few runs. The scanner is set to its longest
 * interval (300 s), longer than this file, so it never runs here.
 */
describe('Contacts sync: a CRM change starts its run once committed', function () {
  this.timeout(120_000);
  let h: SyncHarness;
  let folderId: string;
  /** The reasons of the runs requested for the member since the case began. */
  let requested: RunReason[];

  const outboxRunsSince = async (since: Date): Promise<number> => {
    const rows = await h.world.app.tandem.db.scoped(h.member.orgId, async (tx) =>
      rowsOf<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from sync_runs
          where user_id = ${h.member.userId} and reason = 'outbox' and started_at >= ${since.toISOString()}`),
      ),
    );
    return rows[0]!.n;
  };
  const inOutlook = async (lastName: string) =>
    (await h.outlookContacts(folderId)).find((c) => c.surname === lastName);

  before(async () => {
    h = await SyncHarness.start({ SYNC_SCAN_SECONDS: '300' });
    await h.createCrmContact({ firstName: 'Ada', lastName: 'Lovelace' });
    const since = Date.now();
    await h.enable();
    await h.settled(since);
    await h.syncNow();
    folderId = (await h.folders())[0]!.id;
    const trigger = h.container.syncTrigger!;
    const requestRun = trigger.requestRun.bind(trigger);
    trigger.requestRun = (target: SyncTarget, reason: RunReason) => {
      if (target.userId === h.member.userId) requested.push(reason);
      return requestRun(target, reason);
    };
  });
  beforeEach(() => {
    requested = [];
  });
  after(() => h?.stop());

  it('an edit in the CRM reaches Outlook through a run of its own, not the scan', async () => {
    const since = new Date();
    const [ada] = (await h.crmContacts()).filter((c) => c.lastName === 'Lovelace');
    const res = await h.api('PATCH', `/contacts/${ada.id}`, { jobTitle: 'Mathematician' });
    assert.equal(res.status, 200, res.text);
    assert.ok(requested.includes('outbox'), 'the run is requested by the time the edit is answered');
    await waitFor(async () => (await inOutlook('Lovelace'))?.jobTitle === 'Mathematician');
    assert.ok((await outboxRunsSince(since)) >= 1);
  });

  it('edits in quick succession all arrive: the last one wins in Outlook', async () => {
    const [ada] = (await h.crmContacts()).filter((c) => c.lastName === 'Lovelace');
    for (const title of ['Analyst', 'Programmer', 'Countess', 'Writer', 'Poet'])
      assert.equal((await h.api('PATCH', `/contacts/${ada.id}`, { jobTitle: title })).status, 200);
    await waitFor(async () => (await inOutlook('Lovelace'))?.jobTitle === 'Poet');
  });

  it('a bulk of 40 contacts saved together asks for one run now and at most one more', async () => {
    const since = new Date();
    const tenant = h.world.tenant();
    const actor = actorOf(await h.container.tenancy.resolvePrincipal(tenant.id, h.member.id));
    const names = Array.from({ length: 40 }, (_, i) => `Bulk${String(i).padStart(2, '0')}`);
    await h.world.app.tandem.db.scoped(h.member.orgId, async (tx) => {
      for (const lastName of names)
        await h.container.records.create(
          actor,
          contactDefinition,
          { firstName: 'Imported', lastName },
          { tx },
        );
    });
    await waitFor(async () => {
      const surnames = new Set((await h.outlookContacts(folderId)).map((c) => c.surname));
      return names.every((n) => surnames.has(n));
    });
    const outbox = requested.filter((r) => r === 'outbox').length;
    assert.ok(outbox >= 1 && outbox <= 2, `${outbox} outbox run requests for 40 changes`);
    assert.ok((await outboxRunsSince(since)) <= 2);
  });
});
