import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../src/platform/db/database.js';
import { MeetingsHarness, waitFor } from './support/meetings-harness.js';

const paris = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Paris' });
const dayOf = (e: any) => String(e.originalStart).slice(0, 10);

/**
 * A series' occurrences are written after its master. A run stopped between the two (here: Graph
 * failing every read of the series' instances, as a crash would stop it) leaves the occurrences
 * unconfirmed and the meeting queued: the next run writes them again from the CRM, and the
 * occurrences Office 365 still lacks are not taken for a change of Outlook's.
 */
describe('Meetings sync: a run stopped between a series and its occurrences', function () {
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
  after(async () => {
    await m?.tool('DELETE', '/faults').catch(() => undefined);
    await m?.stop();
  });

  it('the occurrences are re-derived from the CRM by the next run, the CRM keeps them', async () => {
    await m.tool('PUT', '/faults', {
      rules: [{ match: { method: 'GET', path: '/instances' }, fault: 'reset', times: 10_000 }],
    });
    const crm = await m.createCrmMeeting({
      subject: 'Weekly sync',
      start: paris('2026-03-23T09:00'),
      end: paris('2026-03-23T09:30'),
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
        range: { type: 'numbered', startDate: '2026-03-23', numberOfOccurrences: 5 },
        cancelledOccurrences: ['2026-03-30'],
        exceptions: [
          {
            originalStartDate: '2026-04-06',
            start: paris('2026-04-06T15:00'),
            end: paris('2026-04-06T15:30'),
          },
        ],
      },
    });
    const master = await waitFor(async () =>
      (await m.events(calendarId)).find((e) => e.subject === 'Weekly sync'),
    );
    await waitFor(async () => ((await m.view()).errors.length ? true : undefined), 60_000);
    await m.tool('DELETE', '/faults');
    const before = await m.instances(master.id, '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z');
    assert.equal(before.length, 5, 'the master was written, its occurrences were not');
    assert.ok((await m.view()).pending > 0, 'the meeting stays queued');

    await m.syncNow();
    const after = await m.instances(master.id, '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z');
    assert.deepEqual(after.map(dayOf), ['2026-03-23', '2026-04-06', '2026-04-13', '2026-04-20']);
    const moved = after.find((i: any) => dayOf(i) === '2026-04-06');
    assert.equal(moved.type, 'exception');
    assert.equal(String(moved.start.dateTime).slice(0, 16), '2026-04-06T13:00', '15:00 Paris summer time');
    const [series] = (await m.crmMeetings()).filter((x) => x.id === crm.id);
    assert.deepEqual(series.recurrence.cancelledOccurrences, ['2026-03-30']);
    assert.deepEqual(
      series.recurrence.exceptions.map((x: any) => x.originalStartDate),
      ['2026-04-06'],
    );
    assert.equal((await m.events(calendarId)).filter((e) => e.subject === 'Weekly sync').length, 1);

    // The master's writes go with If-Match: its link holds the changeKey Graph gave.
    const [link] = await m.world.app.tandem.db.scoped(m.member.orgId, async (tx) =>
      rowsOf<{ v: string | null }>(
        await tx.execute(sql`select remote_version as v from sync_links where crm_id = ${crm.id}`),
      ),
    );
    const now = (await m.events(calendarId)).find((e) => e.id === master.id);
    assert.equal(link?.v, now.changeKey);

    // Converged: an idle run writes nothing.
    const snapshot = async () => ({
      office: (await m.events(calendarId)).map((e) => `${e.id}:${e.changeKey}`).sort(),
      crm: (await m.crmMeetings()).map((x) => `${x.id}:${x.version}`).sort(),
    });
    const settled = await snapshot();
    await m.syncNow();
    assert.deepEqual(await snapshot(), settled);
  });
});
