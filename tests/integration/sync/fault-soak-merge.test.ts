import assert from 'node:assert/strict';
import { compareContacts, describeDiff, isEqual, sleep } from '../../support/sync-fixtures.js';
import { SoakWorld } from './fault-soak.scenario.js';

/**
 * Concurrent edits and idleness (issue 6 points 7–8, RELIABILITY D 25–26): while Tandem cannot
 * reach Graph, the same contacts change on both sides; once it can, the three-way merge keeps
 * edits to different fields from both sides and, for the same field, the most recent change, with
 * the overwritten value kept. After convergence an idle run writes nothing anywhere.
 * (Forged notifications — wrong clientState, unknown subscription — trigger nothing: proven by
 * `webhooks-receiver.test.ts`, "forged and foreign notifications".)
 */

/** Every request on Tandem's app-only paths (`/users/{oid}/…`) answers 503; Outlook's `/me/…` edits pass. */
const TANDEM_CUT_OFF = {
  seed: 7401,
  latency: { baseMs: 0, jitterMs: 0 },
  rules: [{ match: { pathRegex: '^/users/' }, fault: '503' as const, retryAfterSeconds: 1 }],
};

/** Counts (without changing anything) every request Tandem makes, by method. */
const SPY = {
  seed: 7401,
  latency: { baseMs: 0, jitterMs: 0 },
  rules: [{ match: { pathRegex: '^/users/' }, fault: 'slow' as const, delayMs: 0 }],
};

describe('Sync merge: concurrent edits on both sides, then an idle run', function () {
  this.timeout(10 * 60_000);
  let world: SoakWorld;

  before(async () => {
    world = await SoakWorld.start(7401, { database: 'memory' });
    await world.seedBothSides(20, 20);
    await world.limits();
    const enabledAt = Date.now();
    await world.enable();
    await world.converge(40, enabledAt, 5 * 60_000);
  });

  after(async () => {
    await world?.stop();
  });

  const crmJobTitle = async (id: string) => {
    const { records } = world.app.tandem.container;
    return (await records.get(await world.actor(), records.definitionOf('contact'), id)).jobTitle;
  };

  it('different fields changed on each side both survive; the same field takes the most recent change', async () => {
    const { records } = world.app.tandem.container;
    const def = records.definitionOf('contact');
    const actor = await world.actor();
    const outlookIdOf = async (crmId: string) => {
      const email = ((await records.get(actor, def, crmId)).emails as { address: string }[])[0]!.address;
      return (await world.outlook.findByEmail(world.folderId, email))[0]!.id as string;
    };
    const [a, b, c] = world.crmIds;
    const [outA, outB, outC] = [await outlookIdOf(a!), await outlookIdOf(b!), await outlookIdOf(c!)];

    await world.faults(TANDEM_CUT_OFF);
    // A: different fields on each side. B: CRM first, Outlook later. C: Outlook first, CRM later.
    await records.update(actor, def, a!, { jobTitle: 'A title from the CRM' });
    await world.outlook.updateAsMe(outA, { companyName: 'A company from Outlook' });
    await records.update(actor, def, b!, { jobTitle: 'B older, CRM' });
    await world.outlook.updateAsMe(outC, { jobTitle: 'C older, Outlook' });
    await sleep(1500);
    await world.outlook.updateAsMe(outB, { jobTitle: 'B newer, Outlook' });
    await records.update(actor, def, c!, { jobTitle: 'C newer, CRM' });
    await sleep(1500);
    await world.faultsOff();

    const resumedAt = Date.now();
    assert.equal((await world.api('POST', '/sync/contacts/run')).status, 202);
    await world.converge(40, resumedAt, 5 * 60_000);

    const snap = await world.snapshot();
    const diff = compareContacts(snap.crm, snap.outlook);
    assert.ok(isEqual(diff), describeDiff(diff));
    const rowA = await records.get(actor, def, a!);
    assert.deepEqual([rowA.jobTitle, rowA.companyName], ['A title from the CRM', 'A company from Outlook']);
    assert.equal(await crmJobTitle(b!), 'B newer, Outlook');
    assert.equal(await crmJobTitle(c!), 'C newer, CRM');

    // The overwritten values are kept: B's in the CRM field history, both in the conflict journal.
    const history = await records.historyOf(actor, def, b!, { limit: 50 });
    assert.ok(
      history.items.some((h) => h.field === 'jobTitle' && h.oldValue === 'B older, CRM'),
      JSON.stringify(history.items.filter((h) => h.field === 'jobTitle')),
    );
    const journal = await world.api('GET', '/sync/contacts/journal?action=conflict&limit=100');
    assert.equal(journal.status, 200, journal.text);
    const text = JSON.stringify(journal.body.entries);
    assert.ok(text.includes('B older, CRM') && text.includes('C older, Outlook'), text);
  });

  it('an idle run after convergence writes nothing to Outlook and nothing to the CRM', async () => {
    const { records } = world.app.tandem.container;
    const def = records.definitionOf('contact');
    const actor = await world.actor();
    const versions = async () =>
      Promise.all(world.crmIds.map(async (id) => (await records.get(actor, def, id)).version));
    const before = await versions();
    await world.faults(SPY);
    const ranAt = Date.now();
    assert.equal((await world.api('POST', '/sync/contacts/run')).status, 202);
    for (;;) {
      const view = await world.view();
      if (view.lastRunAt && Date.parse(view.lastRunAt) >= ranAt - 5 && view.state === 'idle') break;
      assert.ok(Date.now() - ranAt < 60_000, `no idle run within 60 s: ${view.state}`);
      await sleep(100);
    }
    const log = await world.faultLog();
    const writes = log.filter((e) => e.method !== 'GET');
    assert.deepEqual(writes, [], 'Tandem wrote to Outlook during an idle run');
    assert.ok(log.length >= 1, 'the idle run did not even read the delta');
    assert.deepEqual(await versions(), before, 'Tandem changed CRM records during an idle run');
  });
});
