import assert from 'node:assert/strict';
import { buildMeetingDryRun } from '../../../src/sync/calendar/meeting-dry-run.js';
import { meetingValues } from '../../../src/sync/calendar/meeting.mapper.js';
import { occurrenceWrites } from '../../../src/sync/calendar/meeting-series-push.js';
import { patternOccurrences, seriesSpan, shapeOfMaster } from '../../../src/sync/calendar/meeting-series.js';
import { transactionIdOf } from '../../../src/sync/calendar/meetings.resource.js';

const paris = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Paris' });

/** A Graph series master as delta returns it (UTC times, original zones). */
const master = {
  id: 'M',
  type: 'seriesMaster',
  subject: 'Standup',
  isAllDay: false,
  start: { dateTime: '2026-03-23T08:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2026-03-23T08:30:00.0000000', timeZone: 'UTC' },
  originalStartTimeZone: 'Europe/Paris',
  originalEndTimeZone: 'Europe/Paris',
  recurrence: {
    pattern: {
      type: 'weekly',
      interval: 1,
      daysOfWeek: ['monday'],
      firstDayOfWeek: 'sunday',
      index: 'first',
    },
    range: {
      type: 'numbered',
      startDate: '2026-03-23',
      numberOfOccurrences: 4,
      recurrenceTimeZone: 'Europe/Paris',
    },
  },
};

/** An instance as `/instances` lists it (UTC), dated in the series' zone. */
const instance = (date: string, startUtc: string, extra: Record<string, unknown> = {}) => ({
  id: `occ-${date}`,
  date,
  event: {
    id: `occ-${date}`,
    type: 'occurrence',
    subject: 'Standup',
    originalStart: `${startUtc}Z`,
    start: { dateTime: `${startUtc}.0000000`, timeZone: 'UTC' },
    end: { dateTime: `${startUtc.slice(0, 14)}30:00.0000000`, timeZone: 'UTC' },
    originalStartTimeZone: 'Europe/Paris',
    originalEndTimeZone: 'Europe/Paris',
    ...extra,
  },
});

describe('Meetings: series occurrences (pure)', () => {
  const shape = shapeOfMaster(master)!;
  const span = seriesSpan(shape, new Date('2026-03-01T00:00:00Z'));

  it('a series’ pattern occurrences keep their local time across the DST change', () => {
    const dates = patternOccurrences(shape, span);
    assert.deepEqual([...dates.keys()], ['2026-03-23', '2026-03-30', '2026-04-06', '2026-04-13']);
    assert.deepEqual(dates.get('2026-03-30')!.start, paris('2026-03-30T09:00:00'));
  });

  const instances = [
    instance('2026-03-23', '2026-03-23T08:00:00'),
    instance('2026-03-30', '2026-03-30T07:00:00'),
    instance('2026-04-06', '2026-04-06T07:00:00'),
    instance('2026-04-13', '2026-04-13T07:00:00'),
  ];

  it('writes a cancelled date as a DELETE and an exception as a PATCH of its occurrence, nothing else', () => {
    const values = meetingValues({
      subject: 'Standup',
      start: paris('2026-03-23T09:00'),
      end: paris('2026-03-23T09:30'),
      recurrence: {
        ...master.recurrence,
        cancelledOccurrences: ['2026-03-30'],
        exceptions: [
          {
            originalStartDate: '2026-04-06',
            start: paris('2026-04-06T11:00'),
            end: paris('2026-04-06T11:30'),
          },
        ],
      },
    });
    const writes = occurrenceWrites('u1', values, shape, instances, span);
    assert.deepEqual(
      writes.map((w) => [w.method, w.url.split('/').pop()]),
      [
        ['DELETE', 'occ-2026-03-30'],
        ['PATCH', 'occ-2026-04-06'],
      ],
    );
    assert.deepEqual((writes[1]!.body as any).start, {
      dateTime: '2026-04-06T11:00:00',
      timeZone: 'Europe/Paris',
    });
    assert.equal(
      (writes[1]!.body as any).subject,
      'Standup',
      'the series’ subject when the exception has none',
    );
  });

  it('an occurrence already as wanted is left alone; an exception the CRM dropped goes back to the pattern', () => {
    const moved = instance('2026-04-06', '2026-04-06T09:00:00', { type: 'exception' });
    const values = meetingValues({
      subject: 'Standup',
      start: paris('2026-03-23T09:00'),
      end: paris('2026-03-23T09:30'),
      recurrence: { ...master.recurrence, cancelledOccurrences: [], exceptions: [] },
    });
    const writes = occurrenceWrites('u1', values, shape, [...instances.slice(0, 2), moved], span);
    assert.deepEqual(
      writes.map((w) => [w.method, w.url.split('/').pop(), (w.body as any).start.dateTime]),
      [['PATCH', 'occ-2026-04-06', '2026-04-06T09:00:00']],
    );
    const same = meetingValues({
      subject: 'Standup',
      start: paris('2026-03-23T09:00'),
      end: paris('2026-03-23T09:30'),
      recurrence: {
        ...master.recurrence,
        exceptions: [
          {
            originalStartDate: '2026-04-06',
            start: paris('2026-04-06T11:00'),
            end: paris('2026-04-06T11:30'),
          },
        ],
      },
    });
    assert.deepEqual(occurrenceWrites('u1', same, shape, [...instances.slice(0, 2), moved], span), []);
  });
});

describe('Meetings: dry run and transaction ids (pure)', () => {
  it('links tagged events, creates the rest, leaves out events organised by others', () => {
    const report = buildMeetingDryRun({
      records: [
        { id: 'r1', subject: 'Linked' },
        { id: 'r2', subject: 'New in CRM' },
      ],
      items: [
        { id: 'e1', subject: 'Linked', tag: 'r1' },
        { id: 'e2', subject: 'New in Outlook' },
        { id: 'e3', subject: 'Invitation', isOrganizer: false },
      ],
      containerExists: true,
      tagOf: (item) => item.tag as string | undefined,
    });
    assert.deepEqual(
      report.toCrm.link.map((x) => x.remoteId),
      ['e1'],
    );
    assert.deepEqual(
      report.toCrm.create.map((x) => x.label),
      ['New in Outlook'],
    );
    assert.deepEqual(
      report.toOffice.create.map((x) => x.crmId),
      ['r2'],
    );
    assert.deepEqual(
      report.toOffice.link.map((x) => x.crmId),
      ['r1'],
    );
  });

  it('a transaction id is the same for the same meeting and calendar, different otherwise', () => {
    assert.equal(transactionIdOf('a', 'cal1'), transactionIdOf('a', 'cal1'));
    assert.notEqual(transactionIdOf('a', 'cal1'), transactionIdOf('b', 'cal1'));
    assert.notEqual(transactionIdOf('a', 'cal1'), transactionIdOf('a', 'cal2'));
  });
});
