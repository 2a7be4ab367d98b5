import assert from 'node:assert/strict';
import { MeetingsHarness } from './support/meetings-harness.js';

const client = { name: 'Carla Client', address: 'carla@acme.example' };
const lead = { name: 'Leo Lead', address: 'leo@prospect.example' };
const stranger = { name: 'Sam Stranger', address: 'sam@unknown.example' };
const SHARED_UID = '040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5000000000000000010000000CAFEBABE';

/**
 * "Add client meeting invitations" (PRODUCT §3 Meetings): accepted invitations in the main calendar
 * from a CRM contact or lead are captured, each invited member getting their own CRM meeting, linked
 * by iCalUId; they stay in the main calendar (never copied into "Tandem").
 */
describe('Meetings sync: client meeting invitations', function () {
  this.timeout(90_000);
  let m: MeetingsHarness;
  let contactId: string;
  let discovery: { id: string };

  before(async () => {
    m = await MeetingsHarness.start();
    const contact = await m.api(
      'POST',
      '/contacts',
      { firstName: 'Carla', lastName: 'Client', emails: [{ address: 'Carla@Acme.example' }] },
      m.admin.token,
    );
    assert.equal(contact.status, 201, contact.text);
    contactId = contact.body.id;
    const created = await m.api('POST', '/leads', { lastName: 'Lead', email: lead.address }, m.admin.token);
    assert.equal(created.status, 201, created.text);
    m.invitation('Quarterly review', client, { iCalUId: SHARED_UID });
    m.invitation('Quarterly review', client, { iCalUId: SHARED_UID, user: m.admin });
    discovery = m.invitation('Discovery call', lead);
    m.invitation('Maybe later', client, { response: 'tentativelyAccepted' });
    m.invitation('Vendor pitch', stranger);
  });
  after(() => m?.stop());

  const captured = async (token = m.member.token) =>
    (await m.crmMeetings(token)).filter((x) => x.iCalUId || x.organizer);

  it('is off by default: nothing of the main calendar is captured', async () => {
    const since = Date.now();
    await m.enable();
    await m.settled(since);
    assert.deepEqual(await captured(), []);
  });

  it('on, accepted invitations from a CRM contact or lead are captured with the member as host', async () => {
    const res = await m.api('PUT', '/sync/meetings', {
      enabled: true,
      options: { addClientInvitations: true },
    });
    assert.equal(res.status, 200, res.text);
    await m.syncNow();
    const mine = (await captured()).sort((a, b) => (a.subject < b.subject ? -1 : 1));
    assert.deepEqual(
      mine.map((x) => [x.subject, x.ownerId, x.organizer?.email]),
      [
        ['Discovery call', m.member.userId, lead.address],
        ['Quarterly review', m.member.userId, client.address],
      ],
      'not the tentative one, not the unknown organiser',
    );
    const review = mine.find((x) => x.subject === 'Quarterly review');
    assert.equal(review.contactId ?? null, null, 'the contact is another member’s: not referred to');
    assert.equal(review.iCalUId, SHARED_UID);
    assert.deepEqual(review.start, { dateTime: '2026-07-01T10:00:00', timeZone: 'Europe/Paris' });
    assert.deepEqual((await m.view()).errors, []);
    const calendar = await m.calendarId();
    assert.deepEqual(await m.events(calendar), [], 'captured meetings are not copied into "Tandem"');
  });

  it('each invited member gets their own CRM meeting, linked by the iCalUId', async () => {
    const since = Date.now();
    await m.enable({ addClientInvitations: true }, m.admin.token);
    await m.settled(since, m.admin.token);
    const all = (await m.crmMeetings(m.admin.token)).filter((x) => x.iCalUId === SHARED_UID);
    assert.deepEqual(all.map((x) => x.ownerId).sort(), [m.admin.userId, m.member.userId].sort());
    assert.deepEqual(await m.events(await m.calendarId(m.admin), m.admin), []);
    const refused = await m.api('PATCH', `/meetings/${all[0].id}`, { iCalUId: 'mine' }, m.admin.token);
    assert.equal(refused.status, 400, 'the iCalUId is the sync’s to write');
    const admins = all.find((x) => x.ownerId === m.admin.userId);
    assert.equal(admins.contactId, contactId, 'the administrator sees the contact: the meeting refers to it');
  });

  it('a captured invitation follows the organiser’s changes; the CRM’s own edits of other fields stay', async () => {
    const [call] = (await captured()).filter((x) => x.subject === 'Discovery call');
    assert.equal(
      (await m.api('PATCH', `/meetings/${call.id}`, { location: 'Notes: bring the demo' })).status,
      200,
    );
    const store = m.world.sandbox.sandbox.store;
    const mailbox = store.mailbox(m.world.tenant().id, m.member.id)!;
    store.update(mailbox, 'events', discovery.id, {
      subject: 'Discovery call (moved)',
      start: { dateTime: '2026-07-02T15:00:00.0000000', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-07-02T16:00:00.0000000', timeZone: 'Europe/Paris' },
    });
    await m.syncNow();
    const moved = (await m.crmMeetings()).find((x) => x.id === call.id);
    assert.equal(moved.subject, 'Discovery call (moved)');
    assert.deepEqual(moved.start, { dateTime: '2026-07-02T15:00:00', timeZone: 'Europe/Paris' });
    assert.equal(moved.location, 'Notes: bring the demo', 'not changed in Outlook: the CRM’s value stays');
    assert.ok((await m.journal()).some((e) => e.crmId === call.id && e.reason === 'imported_item_changed'));
  });

  it('an invitation is captured once, whatever the number of runs', async () => {
    await m.syncNow();
    await m.syncNow();
    assert.equal((await captured()).length, 2);
    const journal = await m.journal();
    assert.equal(journal.filter((e) => e.reason === 'client_invitation_accepted').length, 2);
  });
});
