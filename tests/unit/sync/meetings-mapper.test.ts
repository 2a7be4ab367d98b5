import assert from 'node:assert/strict';
import { meetingCrmFields } from '../../../src/sync/calendar/meeting-crm-fields.js';
import { normalRecurrence, toGraphRecurrence } from '../../../src/sync/calendar/meeting-recurrence.js';
import { fromGraphTime, normalLocal, toGraphTime } from '../../../src/sync/calendar/meeting-time.js';
import { eventBody, eventValues, meetingValues } from '../../../src/sync/calendar/meeting.mapper.js';
import { syncWindow } from '../../../src/sync/calendar/meeting-window.js';

/** A Graph event as delta returns it without `Prefer: outlook.timezone`: times in UTC, original zones named. */
const utcEvent = (startUtc: string, endUtc: string, zone: string, extra: Record<string, unknown> = {}) => ({
  id: 'e1',
  subject: 'Review',
  isAllDay: false,
  start: { dateTime: `${startUtc}.0000000`, timeZone: 'UTC' },
  end: { dateTime: `${endUtc}.0000000`, timeZone: 'UTC' },
  originalStartTimeZone: zone,
  originalEndTimeZone: zone,
  location: { displayName: 'Room 1' },
  attendees: [],
  recurrence: null,
  ...extra,
});

describe('Meetings: time zones (pure)', () => {
  // Europe/Paris: CET (+1) → CEST (+2) on the last Sunday of March, back on the last Sunday of October.
  it('Europe/Paris keeps 09:00 local across the March and October DST changes', () => {
    const before = eventValues(utcEvent('2026-03-28T08:00:00', '2026-03-28T09:00:00', 'Europe/Paris'));
    const after = eventValues(utcEvent('2026-03-29T07:00:00', '2026-03-29T08:00:00', 'Europe/Paris'));
    assert.deepEqual(before.start, { dateTime: '2026-03-28T09:00:00', timeZone: 'Europe/Paris' });
    assert.deepEqual(after.start, { dateTime: '2026-03-29T09:00:00', timeZone: 'Europe/Paris' });
    const october = eventValues(utcEvent('2026-10-25T08:00:00', '2026-10-25T09:00:00', 'Europe/Paris'));
    assert.deepEqual(october.start, { dateTime: '2026-10-25T09:00:00', timeZone: 'Europe/Paris' });
    const lastSummerDay = eventValues(utcEvent('2026-10-24T07:00:00', '2026-10-24T08:00:00', 'Europe/Paris'));
    assert.deepEqual(lastSummerDay.end, { dateTime: '2026-10-24T10:00:00', timeZone: 'Europe/Paris' });
  });

  // America/New_York: EST (-5) → EDT (-4) on the second Sunday of March, back on the first Sunday of November.
  it('America/New_York keeps 09:00 local across the March and November DST changes', () => {
    const spring = eventValues(utcEvent('2026-03-08T13:00:00', '2026-03-08T14:00:00', 'America/New_York'));
    const winter = eventValues(utcEvent('2026-03-07T14:00:00', '2026-03-07T15:00:00', 'America/New_York'));
    const fall = eventValues(utcEvent('2026-11-01T14:00:00', '2026-11-01T15:00:00', 'America/New_York'));
    for (const v of [spring, winter, fall]) assert.equal((v.start as any).dateTime.slice(11), '09:00:00');
    assert.equal((spring.start as any).timeZone, 'America/New_York');
  });

  it('start and end keep their own zones (a flight Paris → New York)', () => {
    const v = eventValues(
      utcEvent('2026-06-01T08:00:00', '2026-06-01T16:00:00', 'Europe/Paris', {
        originalEndTimeZone: 'Eastern Standard Time',
      }),
    );
    assert.deepEqual(v.start, { dateTime: '2026-06-01T10:00:00', timeZone: 'Europe/Paris' });
    assert.deepEqual(v.end, { dateTime: '2026-06-01T12:00:00', timeZone: 'Eastern Standard Time' });
  });

  it('a time in its own zone is kept as written; an unknown original zone falls back to the payload', () => {
    assert.deepEqual(
      fromGraphTime(
        { dateTime: '2026-03-29T02:30:00.0000000', timeZone: 'Europe/Paris' },
        'Europe/Paris',
        false,
      ),
      { dateTime: '2026-03-29T02:30:00', timeZone: 'Europe/Paris' },
    );
    assert.deepEqual(
      fromGraphTime(
        { dateTime: '2026-03-29T07:00:00.0000000', timeZone: 'UTC' },
        'tzone://Microsoft/Custom',
        false,
      ),
      { dateTime: '2026-03-29T07:00:00', timeZone: 'UTC' },
    );
    assert.equal(normalLocal('2026-03-29T09:00'), '2026-03-29T09:00:00');
    assert.deepEqual(toGraphTime({ dateTime: '2026-03-29T09:00', timeZone: 'Europe/Paris' }), {
      dateTime: '2026-03-29T09:00:00',
      timeZone: 'Europe/Paris',
    });
  });

  it('all-day stays all-day on the right date, in both zones, on a DST day', () => {
    for (const zone of ['Europe/Paris', 'America/New_York']) {
      const v = eventValues({
        ...utcEvent('2026-03-29T00:00:00', '2026-03-30T00:00:00', zone),
        isAllDay: true,
      });
      assert.equal(v.isAllDay, true);
      assert.deepEqual(v.start, { dateTime: '2026-03-29T00:00:00', timeZone: zone });
      assert.deepEqual(v.end, { dateTime: '2026-03-30T00:00:00', timeZone: zone });
    }
  });

  it('CRM → Graph → CRM gives the same values (what Graph stores is the original zone)', () => {
    const record = {
      subject: 'Board',
      location: 'HQ',
      start: { dateTime: '2026-11-01T01:30', timeZone: 'America/New_York' },
      end: { dateTime: '2026-11-01T03:00', timeZone: 'America/New_York' },
      isAllDay: false,
      attendees: [],
      recurrence: null,
    };
    const values = meetingValues(record);
    const body = eventBody(values, { pushAttendees: false });
    const echoed = {
      ...body,
      originalStartTimeZone: 'America/New_York',
      originalEndTimeZone: 'America/New_York',
    };
    assert.deepEqual(eventValues(echoed), values);
  });
});

describe('Meetings: zone names (pure)', () => {
  it('a Windows name for the zone the CRM holds under its IANA name keeps the CRM’s spelling', () => {
    const record = {
      start: { dateTime: '2026-03-29T09:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-03-29T10:00:00', timeZone: 'Europe/Paris' },
    };
    const patch = meetingCrmFields(
      {
        start: { dateTime: '2026-03-29T09:00:00', timeZone: 'Romance Standard Time' },
        end: { dateTime: '2026-03-29T11:00:00', timeZone: 'Romance Standard Time' },
      },
      record,
      { pushAttendees: false },
    );
    assert.deepEqual(patch.start, record.start);
    assert.deepEqual(patch.end, { dateTime: '2026-03-29T11:00:00', timeZone: 'Europe/Paris' });
    const moved = meetingCrmFields(
      { start: { dateTime: '2026-03-29T09:00:00', timeZone: 'Eastern Standard Time' } },
      record,
      { pushAttendees: false },
    );
    assert.deepEqual(moved.start, { dateTime: '2026-03-29T09:00:00', timeZone: 'Eastern Standard Time' });
  });
});

describe('Meetings: recurrence (pure)', () => {
  it('Graph’s filled-in pattern and range compare equal to the CRM’s minimal one', () => {
    const graph = {
      pattern: {
        type: 'weekly',
        interval: 1,
        month: 0,
        dayOfMonth: 0,
        daysOfWeek: ['friday', 'monday'],
        firstDayOfWeek: 'sunday',
        index: 'first',
      },
      range: {
        type: 'numbered',
        startDate: '2026-03-02',
        endDate: '0001-01-01',
        recurrenceTimeZone: 'Romance Standard Time',
        numberOfOccurrences: 10,
      },
    };
    const crm = {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'friday'] },
      range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 10 },
    };
    assert.deepEqual(normalRecurrence(graph), normalRecurrence(crm));
  });

  it('each pattern type keeps only what it reads, both ways', () => {
    const cases = [
      { type: 'daily', interval: 2 },
      { type: 'absoluteMonthly', interval: 1, dayOfMonth: 15 },
      { type: 'relativeMonthly', interval: 1, daysOfWeek: ['thursday'], index: 'last' },
      { type: 'absoluteYearly', interval: 1, dayOfMonth: 29, month: 3 },
      { type: 'relativeYearly', interval: 1, daysOfWeek: ['sunday'], index: 'last', month: 10 },
    ];
    for (const pattern of cases) {
      const rule = normalRecurrence({
        pattern,
        range: { type: 'endDate', startDate: '2026-03-29', endDate: '2027-03-29' },
      })!;
      assert.deepEqual(rule.pattern, pattern);
      const graph = toGraphRecurrence(rule, 'Europe/Paris');
      assert.deepEqual((graph.range as any).recurrenceTimeZone, 'Europe/Paris');
      assert.deepEqual(normalRecurrence(graph), rule);
    }
    assert.equal(normalRecurrence(null), null);
  });

  it('a CRM series folds its exceptions and cancelled dates into values, and back', () => {
    const record = {
      subject: 'Standup',
      location: null,
      start: { dateTime: '2026-03-23T09:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-03-23T09:15:00', timeZone: 'Europe/Paris' },
      isAllDay: false,
      attendees: [],
      recurrence: {
        pattern: { type: 'daily', interval: 1 },
        range: {
          type: 'numbered',
          startDate: '2026-03-23',
          numberOfOccurrences: 10,
          recurrenceTimeZone: 'Europe/Paris',
        },
        cancelledOccurrences: ['2026-03-27', '2026-03-25'],
        exceptions: [
          {
            originalStartDate: '2026-03-30',
            start: { dateTime: '2026-03-30T11:00', timeZone: 'Europe/Paris' },
            end: { dateTime: '2026-03-30T11:15', timeZone: 'Europe/Paris' },
            subject: 'Standup',
            location: 'Room 2',
          },
        ],
      },
    };
    const values = meetingValues(record);
    assert.deepEqual(values.occurrences, {
      cancelled: ['2026-03-25', '2026-03-27'],
      exceptions: [
        {
          originalStartDate: '2026-03-30',
          start: { dateTime: '2026-03-30T11:00:00', timeZone: 'Europe/Paris' },
          end: { dateTime: '2026-03-30T11:15:00', timeZone: 'Europe/Paris' },
          location: 'Room 2',
        },
      ],
    });
    const patch = meetingCrmFields({ occurrences: { cancelled: ['2026-03-24'], exceptions: [] } }, record, {
      pushAttendees: false,
    });
    assert.deepEqual((patch.recurrence as any).cancelledOccurrences, ['2026-03-24']);
    assert.deepEqual((patch.recurrence as any).exceptions, []);
    assert.equal(
      (patch.recurrence as any).range.recurrenceTimeZone,
      'Europe/Paris',
      'the series zone is kept',
    );
    assert.deepEqual((patch.recurrence as any).pattern, { type: 'daily', interval: 1 });
  });
});

describe('Meetings: attendees and window (pure)', () => {
  const record = {
    subject: 'Demo',
    start: { dateTime: '2026-05-01T10:00:00', timeZone: 'UTC' },
    end: { dateTime: '2026-05-01T11:00:00', timeZone: 'UTC' },
    attendees: [{ email: 'crm.only@client.example', name: 'Crm Only', type: 'required', response: 'none' }],
  };

  it('CRM participants are not written to Graph unless pushAttendees', () => {
    const values = meetingValues(record);
    assert.equal(eventBody(values, { pushAttendees: false }).attendees, undefined);
    assert.deepEqual(eventBody(values, { pushAttendees: true }).attendees, [
      { emailAddress: { address: 'crm.only@client.example', name: 'Crm Only' }, type: 'required' },
    ]);
  });

  it('Office attendees are added to the CRM’s without pushAttendees, replace them with it', () => {
    const incoming = [{ email: 'guest@client.example', name: null, type: 'optional', response: 'accepted' }];
    const added = meetingCrmFields({ attendees: incoming }, record, { pushAttendees: false });
    assert.deepEqual(
      (added.attendees as any[]).map((a) => a.email),
      ['crm.only@client.example', 'guest@client.example'],
    );
    const replaced = meetingCrmFields({ attendees: incoming }, record, { pushAttendees: true });
    assert.deepEqual(
      (replaced.attendees as any[]).map((a) => a.email),
      ['guest@client.example'],
    );
    const nothing = meetingCrmFields({ attendees: [] }, record, { pushAttendees: false });
    assert.equal(nothing.attendees, undefined, 'no change, no write');
  });

  it('an event without subject gets the CRM’s “(No subject)”, which never travels back; addresses only', () => {
    const patch = meetingCrmFields({ subject: '  ' }, undefined, { pushAttendees: false });
    assert.equal(patch.subject, '(No subject)');
    assert.equal(meetingValues({ ...record, subject: '(No subject)' }).subject, '');
    const v = eventValues({
      ...utcEvent('2026-05-01T10:00:00', '2026-05-01T11:00:00', 'UTC'),
      attendees: [
        { emailAddress: { address: 'Board Room', name: 'Board Room' }, type: 'resource' },
        { emailAddress: { address: 'ok@client.example' }, type: 'required' },
      ],
    });
    assert.deepEqual(
      (v.attendees as any[]).map((a) => a.email),
      ['ok@client.example'],
    );
  });

  it('the sync window runs from a year back to two years ahead, from the start of the day', () => {
    const w = syncWindow(new Date('2026-12-06T03:55:00Z'));
    assert.equal(w.start.toISOString(), '2025-12-06T00:00:00.000Z');
    assert.equal(w.end.toISOString(), '2028-12-05T00:00:00.000Z');
  });
});
