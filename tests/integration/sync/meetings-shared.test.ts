import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../src/platform/db/database.js';
import { OrganisationSettingsRepository } from '../../../src/tenancy/organisation-settings/organisation-settings.repo.js';
import { MeetingsHarness } from './support/meetings-harness.js';

const client = { name: 'Carla Client', address: 'carla@acme.example' };
const SHARED_UID = '040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5000000000000000010000000FEEDFACE';

/**
 * The organisation's sync policy (`GET|PUT /organisation/sync-policy`) and its "one shared
 * meeting" for client invitations (issue 7): the second invited member joins the first one's CRM
 * meeting as a participant instead of getting their own. The default (each their own) is covered in
 * meetings-invitations.test.ts.
 */
describe('Meetings sync: one shared meeting per client invitation (organisation policy)', function () {
  this.timeout(90_000);
  let m: MeetingsHarness;

  before(async () => {
    m = await MeetingsHarness.start();
    const contact = await m.api(
      'POST',
      '/contacts',
      { firstName: 'Carla', lastName: 'Client', emails: [{ address: client.address }] },
      m.admin.token,
    );
    assert.equal(contact.status, 201, contact.text);
    m.invitation('Board review', client, { iCalUId: SHARED_UID });
    m.invitation('Board review', client, { iCalUId: SHARED_UID, user: m.admin });
  });
  after(() => m?.stop());

  const audit = async () => (await m.api('GET', '/audit', undefined, m.admin.token)).body.entries as any[];

  it('is off by default and readable by every member', async () => {
    const res = await m.api('GET', '/organisation/sync-policy');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { sharedClientMeetings: false });
  });

  it('only holders of manageUsers change it (403, audited); bad input is a problem+json 400', async () => {
    const refused = await m.api('PUT', '/organisation/sync-policy', { sharedClientMeetings: true });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'not_permitted');
    assert.match(String(refused.headers.get('content-type')), /application\/problem\+json/);
    const bad = await m.api(
      'PUT',
      '/organisation/sync-policy',
      { sharedClientMeetings: 'yes' },
      m.admin.token,
    );
    assert.equal(bad.status, 400);
    assert.match(String(bad.headers.get('content-type')), /application\/problem\+json/);
    const extra = await m.api(
      'PUT',
      '/organisation/sync-policy',
      { sharedClientMeetings: true, other: 1 },
      m.admin.token,
    );
    assert.equal(extra.status, 400);
    assert.deepEqual((await m.api('GET', '/organisation/sync-policy')).body, { sharedClientMeetings: false });
    const entries = (await audit()).filter((e) => e.action === 'organisation.sync_policy_change');
    assert.deepEqual(
      entries.map((e) => [e.outcome, e.detail, e.actor.userId]),
      [['refused', 'not_permitted', m.member.userId]],
    );
  });

  it('an Administrator turns it on (audited); every member reads it', async () => {
    const res = await m.api(
      'PUT',
      '/organisation/sync-policy',
      { sharedClientMeetings: true },
      m.admin.token,
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { sharedClientMeetings: true });
    assert.deepEqual((await m.api('GET', '/organisation/sync-policy')).body, { sharedClientMeetings: true });
    const [latest] = (await audit()).filter((e) => e.action === 'organisation.sync_policy_change');
    assert.deepEqual(
      [latest.outcome, latest.detail, latest.actor.userId],
      ['success', 'sharedClientMeetings=true', m.admin.userId],
    );
  });

  it('the second invited member joins the first one’s CRM meeting as a participant', async () => {
    let since = Date.now();
    await m.enable({ addClientInvitations: true });
    await m.settled(since);
    since = Date.now();
    await m.enable({ addClientInvitations: true }, m.admin.token);
    await m.settled(since, m.admin.token);
    await m.syncNow(m.admin.token);
    const shared = (await m.crmMeetings(m.admin.token)).filter((x) => x.iCalUId === SHARED_UID);
    assert.equal(shared.length, 1, 'one CRM meeting for the organisation');
    assert.equal(shared[0].ownerId, m.member.userId, 'the first capture keeps it');
    const admin = shared[0].attendees.find((a: any) => a.email === m.admin.userPrincipalName.toLowerCase());
    assert.equal(admin?.response, 'accepted', 'the administrator is a participant');
    const joined = (await m.journal(m.admin.token)).filter(
      (e) => e.reason === 'imported_shared_record_joined',
    );
    assert.deepEqual(
      joined.map((e) => e.crmId),
      [shared[0].id],
      'joined once, whatever the number of runs',
    );
    assert.deepEqual(await m.events(await m.calendarId(m.admin), m.admin), []);
  });

  it('the settings of one organisation are invisible to another (row-level security)', async () => {
    const other = await m.world.app.createOrg();
    const repo = new OrganisationSettingsRepository();
    const db = m.world.app.tandem.db;
    const orgA = m.member.orgId;
    const seen = await db.scoped(other.orgId, async (tx) => ({
      rows: rowsOf(await tx.execute(sql`select * from organisation_settings`)),
      policy: await repo.syncPolicy(tx, orgA),
    }));
    assert.deepEqual(seen.rows, []);
    assert.deepEqual(seen.policy, { sharedClientMeetings: false }, 'A’s row is not found from B');
    await assert.rejects(
      db.scoped(other.orgId, (tx) =>
        repo.saveSyncPolicy(tx, orgA, { sharedClientMeetings: false }, other.admin.userId),
      ),
      (err: any) => /row-level security/.test(String(err?.cause?.message ?? err?.message)),
    );
    assert.deepEqual(
      await db.scoped(orgA, (tx) => repo.syncPolicy(tx, orgA)),
      { sharedClientMeetings: true },
      'A’s policy is unchanged',
    );
  });
});
