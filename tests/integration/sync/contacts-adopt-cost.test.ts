import assert from 'node:assert/strict';
import { FOLDER, SyncHarness } from './support/sync-harness.js';

const ADOPTED = 500;

/** The first sync of a large folder the user already had: what it costs in Graph requests. */
describe('Contacts sync: adopting a large folder', function () {
  this.timeout(180_000);
  let h: SyncHarness;

  before(async () => {
    h = await SyncHarness.start();
  });
  after(() => h?.stop());

  it(`reads the tags of ${ADOPTED} unlinked contacts in a page of ids, not one request per contact`, async () => {
    const folder = await h.outlook.api(`/users/${h.member.id}/contactFolders`).post({ displayName: FOLDER });
    for (let i = 0; i < ADOPTED; i += 20) {
      const requests = Array.from({ length: Math.min(20, ADOPTED - i) }, (_, k) => ({
        id: String(k + 1),
        method: 'POST',
        url: `/users/${h.member.id}/contactFolders/${folder.id}/contacts`,
        headers: { 'Content-Type': 'application/json' },
        body: { givenName: 'Adopted', surname: `Person ${i + k}`, companyName: 'Northwind' },
      }));
      const res = await h.outlook.api('/$batch').post({ requests });
      assert.ok(res.responses.every((r: { status: number }) => r.status === 201));
    }
    await fetch(`${h.world.sandbox.url}/_sandbox/metrics`, { method: 'DELETE' });
    const since = Date.now();
    await h.enable();
    await h.settled(since, h.member.token, 120_000);

    const view = await h.view();
    assert.equal(view.counts.toCrm.created, ADOPTED);
    // Metrics are per app and mailbox; only Tandem called Graph since they were cleared.
    const mailboxes = Object.entries((await h.metrics()).mailboxes as Record<string, { requests: number }>);
    const requests = mailboxes
      .filter(([key]) => key.endsWith(`|${h.member.id}`))
      .reduce((sum, [, c]) => sum + c.requests, 0);
    // Each adopted contact then gets its Tandem category (one PATCH each, 20 to a `$batch`).
    assert.equal(view.counts.toOffice.updated, ADOPTED);
    const reads = requests - ADOPTED;
    process.stdout.write(`      Graph requests besides the ${ADOPTED} category writes: ${reads}\n`);
    // Folder, master categories, delta pages, one tag listing page, subscription: a few dozen at
    // most. Reading each tag (the previous way) alone was one request per contact.
    assert.ok(reads < 60, `${reads} requests`);
  });
});
