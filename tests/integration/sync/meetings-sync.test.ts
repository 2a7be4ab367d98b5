import assert from 'node:assert/strict';
import { MeetingsHarness, waitFor } from './support/meetings-harness.js';

const paris = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Paris' });

/** Meetings through the engine, end to end: REST → jobs → Graph (sandbox over HTTPS) → CRM. */
describe('Meetings sync (engine)', function () {
  this.timeout(90_000);
  let m: MeetingsHarness;
  let calendarId: string;

  before(async () => {
    m = await MeetingsHarness.start();
  });
  after(() => m?.stop());

  it('enabling adopts an existing "Tandem" calendar and pushes the member’s meetings in their zone', async () => {
    const existing = await m.outlook.api(`/users/${m.member.id}/calendars`).post({ name: 'Tandem' });
    await m.createCrmMeeting({
      subject: 'Kick-off',
      start: paris('2026-03-29T09:00'),
      end: { dateTime: '2026-03-29T10:00', timeZone: 'America/New_York' },
      location: 'Room 1',
    });
    const dry = (await m.api('POST', '/sync/meetings/dry-run')).body;
    assert.deepEqual(dry.container, { name: 'Tandem', exists: true });
    assert.deepEqual(
      dry.toOffice.create.map((x: any) => x.label),
      ['Kick-off'],
    );
    assert.equal((await m.view()).enabled, false, 'a dry run changes nothing');
    const since = Date.now();
    const enabled = await m.enable();
    assert.equal(enabled.enabled, true);
    assert.equal(enabled.container.id, existing.id, 'the calendar of that name is adopted');
    assert.equal((await m.calendars()).length, 1);
    calendarId = existing.id;
    await m.settled(since);
    const [event] = await m.events(calendarId);
    assert.equal(event.subject, 'Kick-off');
    assert.equal(event.originalStartTimeZone, 'Europe/Paris');
    assert.equal(event.originalEndTimeZone, 'America/New_York');
    assert.equal(event.start.dateTime.slice(0, 19), '2026-03-29T07:00:00', '09:00 Paris summer time');
    assert.match(event.transactionId, /^tandem-/, 'the create carried a transactionId');
  });

  it('an event created in the Tandem calendar is captured into the CRM with its zone and all-day date', async () => {
    await m.outlook.api(`/users/${m.member.id}/calendars/${calendarId}/events`).post({
      subject: 'Client lunch',
      start: { dateTime: '2026-11-01T12:00:00', timeZone: 'America/New_York' },
      end: { dateTime: '2026-11-01T13:30:00', timeZone: 'America/New_York' },
      attendees: [{ emailAddress: { address: 'Guest@Client.example', name: 'Guest' }, type: 'required' }],
    });
    await m.outlook.api(`/users/${m.member.id}/calendars/${calendarId}/events`).post({
      subject: 'Offsite',
      isAllDay: true,
      start: { dateTime: '2026-10-25T00:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-10-26T00:00:00', timeZone: 'Europe/Paris' },
    });
    await m.syncNow();
    const crm = await m.crmMeetings();
    const lunch = crm.find((x) => x.subject === 'Client lunch');
    assert.deepEqual(lunch.start, { dateTime: '2026-11-01T12:00:00', timeZone: 'America/New_York' });
    assert.deepEqual(lunch.end, { dateTime: '2026-11-01T13:30:00', timeZone: 'America/New_York' });
    assert.deepEqual(
      lunch.attendees.map((a: any) => a.email),
      ['guest@client.example'],
      'Office attendees are read into the CRM',
    );
    assert.equal(lunch.ownerId, m.member.userId);
    const offsite = crm.find((x) => x.subject === 'Offsite');
    assert.equal(offsite.isAllDay, true);
    assert.deepEqual(offsite.start, { dateTime: '2026-10-25T00:00:00', timeZone: 'Europe/Paris' });
    assert.deepEqual(offsite.end, { dateTime: '2026-10-26T00:00:00', timeZone: 'Europe/Paris' });
  });

  it('the member’s events are subscribed; an Outlook change reaches the CRM through the notification alone', async () => {
    const listed = (await (await m.tool('GET', '/subscriptions')).json()) as { subscriptions: any[] };
    const subscriptions = listed.subscriptions;
    const mine = subscriptions.filter((s) => s.userId === m.member.id);
    assert.deepEqual(
      mine.map((s) => s.resource),
      [`/users/${m.member.id}/events`],
    );
    await m.outlook.api(`/users/${m.member.id}/calendars/${calendarId}/events`).post({
      subject: 'Notified',
      start: { dateTime: '2026-08-03T09:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-08-03T09:30:00', timeZone: 'Europe/Paris' },
    });
    // The periodic backstop is minutes away: only the notification brings it in this soon.
    await waitFor(async () => (await m.crmMeetings()).find((x) => x.subject === 'Notified'), 15_000);
  });

  it('updates travel both ways', async () => {
    const kickoff = (await m.crmMeetings()).find((x) => x.subject === 'Kick-off');
    const res = await m.api('PATCH', `/meetings/${kickoff.id}`, { location: 'Room 9' });
    assert.equal(res.status, 200);
    await waitFor(async () => (await m.events(calendarId)).find((e) => e.location?.displayName === 'Room 9'));
    const lunch = (await m.events(calendarId)).find((e) => e.subject === 'Client lunch');
    await m.outlook
      .api(`/users/${m.member.id}/events/${lunch.id}`)
      .patch({ subject: 'Client lunch (moved)', start: lunch.start, end: lunch.end });
    await m.syncNow();
    assert.ok((await m.crmMeetings()).some((x) => x.subject === 'Client lunch (moved)'));
  });

  it('CRM participants are not pushed by default, and are with pushAttendees', async () => {
    const crm = await m.createCrmMeeting({
      subject: 'Private prep',
      start: paris('2026-05-04T14:00'),
      end: paris('2026-05-04T15:00'),
      attendees: [{ email: 'partner@client.example', name: 'Partner' }],
    });
    await m.syncNow();
    let event = (await m.events(calendarId)).find((e) => e.subject === 'Private prep');
    assert.deepEqual(event.attendees, [], 'not pushed by default');
    await m.syncNow();
    const kept = (await m.crmMeetings()).find((x) => x.id === crm.id);
    assert.deepEqual(
      kept.attendees.map((a: any) => a.email),
      ['partner@client.example'],
      'the CRM keeps its own',
    );

    const res = await m.api('PUT', '/sync/meetings', {
      enabled: true,
      options: { pushAttendees: true },
    });
    assert.equal(res.status, 200);
    await m.api('PATCH', `/meetings/${crm.id}`, {
      attendees: [
        { email: 'partner@client.example', name: 'Partner' },
        { email: 'second@client.example', name: 'Second' },
      ],
    });
    event = await waitFor(async () =>
      (await m.events(calendarId)).find((e) => e.subject === 'Private prep' && e.attendees.length === 2),
    );
    assert.deepEqual(event.attendees.map((a: any) => a.emailAddress.address).sort(), [
      'partner@client.example',
      'second@client.example',
    ]);
    await m.api('PUT', '/sync/meetings', { enabled: true, options: { pushAttendees: false } });
  });

  it('deletes travel both ways', async () => {
    const prep = (await m.crmMeetings()).find((x) => x.subject === 'Private prep');
    assert.equal((await m.api('DELETE', `/meetings/${prep.id}`)).status, 204);
    await waitFor(async () => !(await m.events(calendarId)).some((e) => e.subject === 'Private prep'));
    const offsite = (await m.events(calendarId)).find((e) => e.subject === 'Offsite');
    await m.outlook.api(`/users/${m.member.id}/events/${offsite.id}`).delete();
    await m.syncNow();
    assert.ok(!(await m.crmMeetings()).some((x) => x.subject === 'Offsite'));
  });

  it('a meeting beyond the sync window is pushed and not taken for deleted (delta lists it as removed)', async () => {
    const far = await m.createCrmMeeting({
      subject: 'Far future',
      start: paris('2031-01-15T09:00'),
      end: paris('2031-01-15T10:00'),
    });
    await m.syncNow();
    assert.ok((await m.events(calendarId)).some((e) => e.subject === 'Far future'));
    await m.syncNow();
    await m.syncNow();
    assert.ok(
      (await m.crmMeetings()).some((x) => x.id === far.id),
      'the CRM meeting stays',
    );
    assert.ok(
      (await m.events(calendarId)).some((e) => e.subject === 'Far future'),
      'so does the event',
    );
    assert.ok(!(await m.journal()).some((e) => e.crmId === far.id && e.action === 'delete'));
  });

  it('only owned meetings sync: an invitation in the calendar and another owner’s meeting stay out', async () => {
    m.invitation('Their meeting', { name: 'Someone', address: 'someone@elsewhere.example' }, { calendarId });
    // The administrator sees every meeting (record scope all) and owns this one.
    const theirs = await m.createCrmMeeting(
      { subject: 'Admin only', start: paris('2026-06-01T09:00'), end: paris('2026-06-01T10:00') },
      m.admin.token,
    );
    const since = Date.now();
    await m.enable(undefined, m.admin.token);
    await m.settled(since, m.admin.token);
    await m.syncNow();
    const adminEvents = await m.events(await m.calendarId(m.admin), m.admin);
    assert.deepEqual(
      adminEvents.map((e) => e.subject),
      ['Admin only'],
      'the member’s meetings stay out',
    );
    assert.ok(!(await m.events(calendarId)).some((e) => e.subject === 'Admin only'));
    const all = await m.crmMeetings(m.admin.token);
    assert.ok(
      !all.some((x) => x.subject === 'Their meeting'),
      'an event organised by another is not captured',
    );
    assert.ok(all.some((x) => x.id === theirs.id));
  });

  it('a create whose response is lost creates one event only (tag and transactionId)', async () => {
    await m.tool('PUT', '/faults', {
      rules: [
        { match: { method: 'POST', path: `/calendars/${calendarId}/events` }, fault: 'drop', times: 1 },
      ],
    });
    try {
      await m.createCrmMeeting({
        subject: 'Lost answer',
        start: paris('2026-09-01T09:00'),
        end: paris('2026-09-01T10:00'),
      });
      await waitFor(async () => (await m.events(calendarId)).some((e) => e.subject === 'Lost answer'));
    } finally {
      await m.tool('DELETE', '/faults');
    }
    await m.syncNow();
    await m.syncNow();
    assert.equal((await m.events(calendarId)).filter((e) => e.subject === 'Lost answer').length, 1);
    assert.equal((await m.crmMeetings()).filter((x) => x.subject === 'Lost answer').length, 1);
    const log = await (await m.tool('GET', '/faults/log')).json();
    assert.ok(JSON.stringify(log).includes('"drop"'), 'the response was really lost');
    // Graph's own guard, which a retried POST relies on: the same transactionId gives the same event.
    const [lost] = (await m.events(calendarId)).filter((e) => e.subject === 'Lost answer');
    const again = await m.outlook.api(`/users/${m.member.id}/calendars/${calendarId}/events`).post({
      subject: 'Lost answer',
      start: lost.start,
      end: lost.end,
      transactionId: lost.transactionId,
    });
    assert.equal(again.id, lost.id);
    assert.equal((await m.events(calendarId)).filter((e) => e.subject === 'Lost answer').length, 1);
  });

  it('an idle run after convergence writes nothing to Office 365 or the CRM', async () => {
    await m.syncNow();
    const snapshot = async () => ({
      office: (await m.events(calendarId)).map((e) => `${e.id}:${e.changeKey}`).sort(),
      crm: (await m.crmMeetings()).map((x) => `${x.id}:${x.version}`).sort(),
      journal: (await m.journal()).length,
    });
    const before = await snapshot();
    await m.syncNow();
    await m.syncNow();
    assert.deepEqual(await snapshot(), before);
  });

  it('meeting fields cannot be remapped (problem+json naming the field); options are checked', async () => {
    const remap = await m.api('PUT', '/sync/meetings', { enabled: true, mapping: { subject: 'location' } });
    assert.equal(remap.status, 400);
    assert.match(remap.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.deepEqual(
      remap.body.errors.map((e: any) => e.pointer),
      ['/mapping/subject'],
    );
    const bad = await m.api('PUT', '/sync/meetings', { enabled: true, options: { pushAttendees: 'yes' } });
    assert.equal(bad.status, 400);
    const catalog = (await m.api('GET', '/sync/meetings/catalog')).body;
    assert.deepEqual(
      catalog.options.map((o: any) => [o.name, o.default]),
      [
        ['pushAttendees', false],
        ['deleteCrmOnRemoteDelete', true],
        ['addClientInvitations', false],
      ],
    );
  });

  it('a member of another tenant cannot see this one’s meetings sync', async () => {
    const b = m.world.tenant(1).users.find((u) => u.isAdministrator)!;
    const other = await m.world.provision(b, 1);
    const view = await m.api('GET', '/sync/meetings', undefined, other.token);
    assert.equal(view.status, 200);
    assert.equal(view.body.enabled, false);
    assert.equal(view.body.container?.id ?? null, null);
    const journal = await m.api('GET', '/sync/meetings/journal', undefined, other.token);
    assert.deepEqual(journal.body.entries, []);
  });

  it('disabling deletes the Tandem calendar, the CRM meetings stay', async () => {
    const before = (await m.crmMeetings()).length;
    const res = await m.api('PUT', '/sync/meetings', { enabled: false });
    assert.equal(res.status, 200);
    assert.deepEqual(await m.calendars(), []);
    assert.equal((await m.crmMeetings()).length, before);
  });

  it('the calendar deleted in Outlook disables the module, tells the member, and is not recreated', async () => {
    const told: { containerName: string }[] = [];
    const quiet = async () => undefined;
    m.h.container.syncEngine!.setNotifier({
      runFinished: quiet,
      needsConsent: quiet,
      massDeletePaused: quiet,
      containerDeleted: async (_target, detail) => void told.push(detail),
    });
    const since = Date.now();
    await m.enable();
    await m.settled(since);
    const id = await m.calendarId();
    await m.outlook.api(`/users/${m.member.id}/calendars/${id}`).delete();
    await m.api('POST', '/sync/meetings/run');
    const view = await waitFor(async () => {
      const v = await m.view();
      return v.enabled === false ? v : undefined;
    });
    assert.equal(view.enabled, false);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await m.calendars(), [], 'no recreate loop');
    assert.deepEqual(told, [{ containerName: 'Tandem' }], 'the member is told');
    assert.ok((await m.crmMeetings()).length > 0, 'CRM intact');
  });
});
