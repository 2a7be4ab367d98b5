import assert from 'node:assert/strict';
import { MeetingsHarness, waitFor } from './support/meetings-harness.js';

const paris = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Paris' });
const ny = (dateTime: string) => ({ dateTime, timeZone: 'America/New_York' });
const utc = (e: any) => `${String(e.start.dateTime).slice(0, 16)}Z`;
const dayOf = (e: any) => String(e.originalStart).slice(0, 10);

/**
 * Recurring meetings (issue 7, beyond the references): a series, its exceptions and its cancelled
 * occurrences travel both ways; the CRM holds one meeting per series.
 */
describe('Meetings sync: recurring series', function () {
  this.timeout(120_000);
  let m: MeetingsHarness;
  let calendarId: string;

  before(async () => {
    m = await MeetingsHarness.start();
    const since = Date.now();
    await m.enable();
    await m.settled(since);
    calendarId = await m.calendarId();
  });
  after(() => m?.stop());

  const standup = {
    subject: 'Standup',
    start: paris('2026-03-23T09:00'),
    end: paris('2026-03-23T09:30'),
    recurrence: {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
      range: { type: 'numbered', startDate: '2026-03-23', numberOfOccurrences: 6 },
      cancelledOccurrences: ['2026-04-13'],
      exceptions: [
        {
          originalStartDate: '2026-04-06',
          start: paris('2026-04-06T11:00'),
          end: paris('2026-04-06T11:30'),
          subject: 'Standup (moved)',
        },
      ],
    },
  };

  const occurrencesOf = async (subject: string) => {
    const master = (await m.events(calendarId)).find(
      (e) => e.subject === subject && e.type === 'seriesMaster',
    );
    assert.ok(master, `${subject} is a series master in Outlook`);
    return {
      master,
      instances: await m.instances(master.id, '2026-03-01T00:00:00Z', '2026-08-01T00:00:00Z'),
    };
  };

  it('a CRM series goes to Outlook with its exception and its cancelled occurrence, across DST', async () => {
    const crm = await m.createCrmMeeting(standup);
    await m.syncNow();
    const { master, instances } = await occurrencesOf('Standup');
    assert.equal(master.recurrence.pattern.type, 'weekly');
    assert.equal(master.recurrence.range.numberOfOccurrences, 6);
    assert.deepEqual(
      instances.map(dayOf),
      ['2026-03-23', '2026-03-30', '2026-04-06', '2026-04-20', '2026-04-27'],
      '13 April is cancelled',
    );
    assert.equal(utc(instances[0]), '2026-03-23T08:00Z', '09:00 Paris winter time');
    assert.equal(utc(instances[1]), '2026-03-30T07:00Z', '09:00 Paris summer time');
    const moved = instances.find((i) => dayOf(i) === '2026-04-06');
    assert.equal(moved.type, 'exception');
    assert.equal(moved.subject, 'Standup (moved)');
    assert.equal(utc(moved), '2026-04-06T09:00Z');
    const meetings = await m.crmMeetings();
    assert.equal(meetings.filter((x) => x.subject === 'Standup').length, 1, 'one CRM meeting per series');
    assert.equal(meetings.find((x) => x.id === crm.id).recurrence.exceptions.length, 1);
  });

  it('an occurrence changed and one deleted in Outlook come back into the CRM series', async () => {
    const { instances } = await occurrencesOf('Standup');
    const april20 = instances.find((i) => dayOf(i) === '2026-04-20');
    const april27 = instances.find((i) => dayOf(i) === '2026-04-27');
    await m.outlook.api(`/users/${m.member.id}/events/${april20.id}`).patch({
      start: paris('2026-04-20T14:00:00'),
      end: paris('2026-04-20T14:30:00'),
    });
    await m.outlook.api(`/users/${m.member.id}/events/${april27.id}`).delete();
    await m.syncNow();
    const [series] = (await m.crmMeetings()).filter((x) => x.subject === 'Standup');
    assert.deepEqual(series.recurrence.cancelledOccurrences, ['2026-04-13', '2026-04-27']);
    assert.deepEqual(
      series.recurrence.exceptions.map((x: any) => [x.originalStartDate, x.start.dateTime, x.start.timeZone]),
      [
        ['2026-04-06', '2026-04-06T11:00:00', 'Europe/Paris'],
        ['2026-04-20', '2026-04-20T14:00:00', 'Europe/Paris'],
      ],
    );
    assert.equal(
      (await m.crmMeetings()).filter((x) => x.subject.startsWith('Standup')).length,
      1,
      'occurrences never become meetings of their own',
    );
  });

  it('a series made in Outlook, with an exception and a cancelled occurrence, becomes one CRM meeting', async () => {
    const master = await m.outlook.api(`/users/${m.member.id}/calendars/${calendarId}/events`).post({
      subject: 'Daily client check',
      start: ny('2026-06-01T10:00:00'),
      end: ny('2026-06-01T10:15:00'),
      location: { displayName: 'Phone' },
      recurrence: {
        pattern: { type: 'daily', interval: 1 },
        range: { type: 'numbered', startDate: '2026-06-01', numberOfOccurrences: 5 },
      },
    });
    const instances = await m.instances(master.id, '2026-05-31T00:00:00Z', '2026-06-10T00:00:00Z');
    await m.outlook.api(`/users/${m.member.id}/events/${instances[2].id}`).delete();
    await m.outlook
      .api(`/users/${m.member.id}/events/${instances[3].id}`)
      .patch({ location: { displayName: 'Their office' } });
    await m.syncNow();
    const found = (await m.crmMeetings()).filter((x) => x.subject === 'Daily client check');
    assert.equal(found.length, 1);
    const [series] = found;
    assert.deepEqual(series.start, ny('2026-06-01T10:00:00'));
    assert.deepEqual(series.recurrence.pattern, { type: 'daily', interval: 1 });
    assert.deepEqual(series.recurrence.cancelledOccurrences, ['2026-06-03']);
    assert.deepEqual(
      series.recurrence.exceptions.map((x: any) => [x.originalStartDate, x.location, x.start.dateTime]),
      [['2026-06-04', 'Their office', '2026-06-04T10:00:00']],
    );

    // And back: a cancellation added in the CRM removes that occurrence from Outlook.
    const res = await m.api('PATCH', `/meetings/${series.id}`, {
      recurrence: { ...series.recurrence, cancelledOccurrences: ['2026-06-03', '2026-06-05'] },
    });
    assert.equal(res.status, 200, res.text);
    await waitFor(async () => {
      const now = await m.instances(master.id, '2026-05-31T00:00:00Z', '2026-06-10T00:00:00Z');
      return now.length === 3 && !now.some((i) => dayOf(i) === '2026-06-05');
    });
  });

  it('an expired delta link (410) is recovered by a full round: no duplicate, no spurious delete', async () => {
    await m.outlook.api(`/users/${m.member.id}/calendars/${calendarId}/events`).post({
      subject: 'After 410',
      start: paris('2026-09-07T09:00:00'),
      end: paris('2026-09-07T09:30:00'),
    });
    await m.tool('POST', '/delta/expire');
    const before = await m.crmMeetings();
    await m.syncNow();
    const after = await m.crmMeetings();
    assert.equal(after.length, before.length + 1);
    assert.equal(new Set(after.map((x) => x.subject)).size, after.length, 'no CRM duplicates');
    const events = await m.events(calendarId);
    assert.equal(new Set(events.map((e) => e.subject)).size, events.length, 'no Outlook duplicates');
    assert.ok(!(await m.journal()).some((e) => e.action === 'delete'), 'nothing taken for deleted');
    const [series] = after.filter((x) => x.subject === 'Standup');
    assert.deepEqual(
      series.recurrence.cancelledOccurrences,
      ['2026-04-13', '2026-04-27'],
      'the series intact',
    );
  });

  it('an idle run after the series converged writes nothing', async () => {
    await m.syncNow();
    const snapshot = async () => {
      const events = await m.events(calendarId);
      const instances = await Promise.all(
        events.map((e) => m.instances(e.id, '2026-03-01T00:00:00Z', '2026-08-01T00:00:00Z')),
      );
      return {
        office: events.map((e) => `${e.id}:${e.changeKey}`).sort(),
        instances: instances
          .flat()
          .map((i) => `${i.id}:${i.changeKey}`)
          .sort(),
        crm: (await m.crmMeetings()).map((x) => `${x.id}:${x.version}`).sort(),
        journal: (await m.journal()).length,
      };
    };
    const before = await snapshot();
    await m.syncNow();
    await m.syncNow();
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual((await m.view()).errors, [], 'no item was refused on the way');
  });
});
