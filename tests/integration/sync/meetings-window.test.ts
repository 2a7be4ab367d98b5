import assert from 'node:assert/strict';
import { syncWindow } from '../../../src/sync/calendar/meeting-window.js';
import { MeetingsHarness } from './support/meetings-harness.js';

const DAY = 86_400_000;
const paris = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Paris' });

/**
 * The calendar window moves: a calendarView delta round keeps the window it began with, so the
 * engine starts a fresh round (reconciled as after a 410) once the round is a week old. Time is the
 * engine's injected clock, moved forward by days without waiting.
 */
describe('Meetings sync: the window moves', function () {
  this.timeout(120_000);
  let m: MeetingsHarness;
  let clock = Date.now();
  let calendarId: string;

  before(async () => {
    m = await MeetingsHarness.start({}, { now: () => new Date(clock) });
    await m.createCrmMeeting({
      subject: 'Near',
      start: paris('2027-01-12T09:00'),
      end: paris('2027-01-12T10:00'),
    });
    const since = Date.now();
    await m.enable();
    await m.settled(since);
    calendarId = await m.calendarId();
  });
  after(() => m?.stop());

  it('an Outlook event beyond the round’s window comes in once the round is a week old, nothing else changes', async () => {
    // Three days past the end of the window the first round began with.
    const at = new Date(syncWindow(new Date(clock)).end.getTime() + 3 * DAY).toISOString().slice(0, 10);
    await m.outlook.api(`/users/${m.member.id}/calendars/${calendarId}/events`).post({
      subject: 'Beyond the window',
      start: { dateTime: `${at}T10:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${at}T11:00:00`, timeZone: 'UTC' },
    });
    const beyond = async () => (await m.crmMeetings()).filter((x) => x.subject === 'Beyond the window');

    await m.syncNow();
    assert.equal((await beyond()).length, 0, 'outside the round’s window');
    clock += 6 * DAY;
    await m.syncNow();
    assert.equal((await beyond()).length, 0, 'a six-day-old round keeps its window');

    const before = (await m.crmMeetings()).map((x) => `${x.id}:${x.version}`).sort();
    const journalBefore = (await m.journal()).length;
    clock += 2 * DAY;
    await m.syncNow();
    assert.equal((await beyond()).length, 1, 'the fresh round’s window reaches it, once');
    const after = await m.crmMeetings();
    assert.deepEqual(
      after
        .filter((x) => x.subject !== 'Beyond the window')
        .map((x) => `${x.id}:${x.version}`)
        .sort(),
      before,
      'the other meetings are neither changed nor duplicated',
    );
    const lines = (await m.journal()).slice(0, (await m.journal()).length - journalBefore);
    assert.ok(!lines.some((e) => e.action === 'delete'), 'nothing deleted');
    assert.equal((await m.events(calendarId)).length, 2, 'no duplicate in Outlook');

    // The new round is fresh: an idle run writes nothing.
    const snapshot = async () => ({
      office: (await m.events(calendarId)).map((e) => `${e.id}:${e.changeKey}`).sort(),
      crm: (await m.crmMeetings()).map((x) => `${x.id}:${x.version}`).sort(),
      journal: (await m.journal()).length,
    });
    const settled = await snapshot();
    await m.syncNow();
    assert.deepEqual(await snapshot(), settled);
  });
});
