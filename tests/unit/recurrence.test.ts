import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { recurrenceSchema, type Recurrence } from '../../src/crm/shared/common.schema.js';
import {
  expandSeries,
  occurrenceDates,
  type Occurrence,
  type RecurrenceInput,
  type RecurrencePatternInput,
  type RecurrenceRangeInput,
  type SeriesInput,
} from '../../src/platform/time/recurrence.js';

/** Runs an ES module body, with `lib` bound to the recurrence module, in a child killed after `ms`. */
function runBounded(body: string, ms = 10_000) {
  const lib = new URL('../../src/platform/time/recurrence.ts', import.meta.url).href;
  const script = `const lib = await import(${JSON.stringify(lib)});\n${body}`;
  const args = ['--import', 'tsx', '--input-type=module', '-e', script];
  return spawnSync(process.execPath, args, { timeout: ms, encoding: 'utf8' });
}

const noEnd = (startDate: string): RecurrenceRangeInput => ({ type: 'noEnd', startDate });

/** The first `n` dates of a recurrence, pulled one by one. */
function take(recurrence: RecurrenceInput, n: number): string[] {
  const dates: string[] = [];
  for (const date of occurrenceDates(recurrence)) {
    dates.push(date);
    if (dates.length >= n) break;
  }
  return dates;
}

/** A series whose master runs `from`–`to` (local times) on range.startDate's day, in `zone`. */
function series(
  day: string,
  from: string,
  to: string,
  zone: string,
  pattern: RecurrencePatternInput,
  range: Partial<RecurrenceRangeInput> = {},
): SeriesInput {
  return {
    start: { dateTime: `${day}T${from}`, timeZone: zone },
    end: { dateTime: `${day}T${to}`, timeZone: zone },
    recurrence: { pattern, range: { type: 'noEnd', startDate: day, ...range } },
  };
}

const utcStarts = (occurrences: Occurrence[]) => occurrences.map((o) => o.startUtc.toISOString());
const localStarts = (occurrences: Occurrence[]) => occurrences.map((o) => o.start.dateTime);
const everyMonday: RecurrencePatternInput = { type: 'weekly', interval: 1, daysOfWeek: ['monday'] };

describe('Recurrence expansion', () => {
  describe('wall-clock time across daylight saving', () => {
    it('keeps a weekly 09:00 Europe/Paris meeting at 09:00 local across the March and October 2026 changes', () => {
      const weekly = series('2026-03-16', '09:00:00', '10:00:00', 'Europe/Paris', everyMonday);
      const spring = expandSeries(weekly, new Date('2026-03-16T00:00Z'), new Date('2026-04-07T00:00Z'));
      assert.deepEqual(utcStarts(spring), [
        '2026-03-16T08:00:00.000Z',
        '2026-03-23T08:00:00.000Z',
        '2026-03-30T07:00:00.000Z', // CEST from 29 March
        '2026-04-06T07:00:00.000Z',
      ]);
      assert.deepEqual(localStarts(spring), [
        '2026-03-16T09:00:00',
        '2026-03-23T09:00:00',
        '2026-03-30T09:00:00',
        '2026-04-06T09:00:00',
      ]);
      assert.ok(
        spring.every((o) => o.end.dateTime.endsWith('T10:00:00') && o.end.timeZone === 'Europe/Paris'),
      );
      const autumn = expandSeries(weekly, new Date('2026-10-19T00:00Z'), new Date('2026-10-27T00:00Z'));
      assert.deepEqual(utcStarts(autumn), ['2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
    });

    it('keeps a weekly 09:00 America/New_York meeting at 09:00 local across the US change (8 March 2026)', () => {
      const weekly = series('2026-03-02', '09:00:00', '09:30:00', 'America/New_York', everyMonday);
      const got = expandSeries(weekly, new Date('2026-03-01T00:00Z'), new Date('2026-03-17T00:00Z'));
      assert.deepEqual(utcStarts(got), [
        '2026-03-02T14:00:00.000Z',
        '2026-03-09T13:00:00.000Z',
        '2026-03-16T13:00:00.000Z',
      ]);
      assert.deepEqual(localStarts(got), [
        '2026-03-02T09:00:00',
        '2026-03-09T09:00:00',
        '2026-03-16T09:00:00',
      ]);
    });

    it('accepts a Windows zone name and reports occurrences in that zone', () => {
      const weekly = series('2026-03-23', '09:00:00', '10:00:00', 'Romance Standard Time', everyMonday);
      const got = expandSeries(weekly, new Date('2026-03-23T00:00Z'), new Date('2026-03-31T00:00Z'));
      assert.deepEqual(utcStarts(got), ['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
      assert.deepEqual(
        got.map((o) => o.start),
        [
          { dateTime: '2026-03-23T09:00:00', timeZone: 'Romance Standard Time' },
          { dateTime: '2026-03-30T09:00:00', timeZone: 'Romance Standard Time' },
        ],
      );
    });

    it('follows recurrenceTimeZone over the zone the master start is written in', () => {
      // 08:00 UTC is 09:00 in Paris in March before the change; the series is a Paris 09:00 meeting.
      const weekly = series('2026-03-23', '08:00:00', '09:00:00', 'UTC', everyMonday, {
        recurrenceTimeZone: 'Europe/Paris',
      });
      const got = expandSeries(weekly, new Date('2026-03-23T00:00Z'), new Date('2026-03-31T00:00Z'));
      assert.deepEqual(utcStarts(got), ['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
      assert.deepEqual(
        got.map((o) => o.originalStart),
        ['2026-03-23T09:00:00', '2026-03-30T09:00:00'],
      );
      assert.deepEqual(
        got.map((o) => o.start),
        [
          { dateTime: '2026-03-23T08:00:00', timeZone: 'UTC' },
          { dateTime: '2026-03-30T07:00:00', timeZone: 'UTC' },
        ],
      );
    });

    it('preserves the duration as elapsed time when an occurrence spans the change', () => {
      // Saturdays 23:30 for 4 hours: on the night of 28–29 March the clocks jump, so it ends at 04:30.
      const saturday: RecurrencePatternInput = { type: 'weekly', interval: 1, daysOfWeek: ['saturday'] };
      const night = {
        ...series('2026-03-21', '23:30:00', '23:30:00', 'Europe/Paris', saturday),
        end: { dateTime: '2026-03-22T03:30:00', timeZone: 'Europe/Paris' },
      };
      const got = expandSeries(night, new Date('2026-03-21T00:00Z'), new Date('2026-03-29T00:00Z'));
      assert.deepEqual(
        got.map((o) => o.end.dateTime),
        ['2026-03-22T03:30:00', '2026-03-29T04:30:00'],
      );
      assert.ok(got.every((o) => o.endUtc.getTime() - o.startUtc.getTime() === 4 * 3_600_000));
    });

    it('moves an occurrence whose time does not exist forward, without shifting the rest of the series', () => {
      const sunday: RecurrencePatternInput = { type: 'weekly', interval: 1, daysOfWeek: ['sunday'] };
      const early = series('2026-03-22', '02:30:00', '03:00:00', 'Europe/Paris', sunday);
      const got = expandSeries(early, new Date('2026-03-22T00:00Z'), new Date('2026-04-06T00:00Z'));
      assert.deepEqual(localStarts(got), [
        '2026-03-22T02:30:00',
        '2026-03-29T03:30:00',
        '2026-04-05T02:30:00',
      ]);
      assert.equal(got[1]!.originalStart, '2026-03-29T02:30:00');
      // A master that itself falls in the gap keeps the series at 02:30.
      const fromGap = series('2026-03-29', '02:30:00', '03:00:00', 'Europe/Paris', sunday);
      const after = expandSeries(fromGap, new Date('2026-03-29T00:00Z'), new Date('2026-04-06T00:00Z'));
      assert.deepEqual(localStarts(after), ['2026-03-29T03:30:00', '2026-04-05T02:30:00']);
    });
  });

  describe('patterns', () => {
    it('repeats daily every `interval` days from the start date', () => {
      const recurrence = { pattern: { type: 'daily', interval: 3 }, range: noEnd('2026-02-26') } as const;
      assert.deepEqual(take(recurrence, 4), ['2026-02-26', '2026-03-01', '2026-03-04', '2026-03-07']);
    });

    it('repeats on two days every other week, weeks starting on firstDayOfWeek', () => {
      // Start Sunday 8 March 2026 on Sundays and Mondays, every other week.
      const pattern = (firstDayOfWeek: string): RecurrencePatternInput => ({
        type: 'weekly',
        interval: 2,
        daysOfWeek: ['sunday', 'monday'],
        firstDayOfWeek,
      });
      // Weeks Sun–Sat: 8–9 March, skip, 22–23 March, skip, 5–6 April.
      assert.deepEqual(take({ pattern: pattern('sunday'), range: noEnd('2026-03-08') }, 6), [
        '2026-03-08',
        '2026-03-09',
        '2026-03-22',
        '2026-03-23',
        '2026-04-05',
        '2026-04-06',
      ]);
      // Weeks Mon–Sun: 8 March ends its week (Monday 2 March is before the start), then 16 and 22 March…
      assert.deepEqual(take({ pattern: pattern('monday'), range: noEnd('2026-03-08') }, 5), [
        '2026-03-08',
        '2026-03-16',
        '2026-03-22',
        '2026-03-30',
        '2026-04-05',
      ]);
    });

    it('moves a monthly day 31 to the last day of shorter months, as Outlook does', () => {
      const recurrence = {
        pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 },
        range: noEnd('2027-12-31'),
      } as const;
      assert.deepEqual(take(recurrence, 6), [
        '2027-12-31',
        '2028-01-31',
        '2028-02-29',
        '2028-03-31',
        '2028-04-30',
        '2028-05-31',
      ]);
    });

    it('repeats quarterly on the 7th', () => {
      const recurrence = {
        pattern: { type: 'absoluteMonthly', interval: 3, dayOfMonth: 7 },
        range: noEnd('2026-01-10'),
      } as const;
      // 7 January is before the start, so the quarters count from February.
      assert.deepEqual(take(recurrence, 3), ['2026-02-07', '2026-05-07', '2026-08-07']);
    });

    it('finds the last Friday of each month', () => {
      const recurrence = {
        pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' },
        range: noEnd('2026-01-01'),
      } as const;
      assert.deepEqual(take(recurrence, 6), [
        '2026-01-30',
        '2026-02-27',
        '2026-03-27',
        '2026-04-24',
        '2026-05-29',
        '2026-06-26',
      ]);
    });

    it('with several days, takes the first day of the month that is any of them ("first weekday")', () => {
      const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
      const recurrence: RecurrenceInput = {
        pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: weekdays, index: 'first' },
        range: noEnd('2026-01-01'),
      };
      // 1 February and 1 March 2026 are Sundays, 1 August a Saturday.
      assert.deepEqual(take(recurrence, 8), [
        '2026-01-01',
        '2026-02-02',
        '2026-03-02',
        '2026-04-01',
        '2026-05-01',
        '2026-06-01',
        '2026-07-01',
        '2026-08-03',
      ]);
      const at = (index: 'second' | 'last') => ({ ...recurrence, pattern: { ...recurrence.pattern, index } });
      assert.deepEqual(take(at('second'), 4), ['2026-01-02', '2026-02-03', '2026-03-03', '2026-04-02']);
      assert.deepEqual(take(at('last'), 4), ['2026-01-30', '2026-02-27', '2026-03-31', '2026-04-30']);
    });

    it('counts every other month from the first occurrence, as in the Graph documentation example', () => {
      // "first Thursday of every other month starting August 29, 2017": the first occurrence is in September.
      const recurrence = {
        pattern: { type: 'relativeMonthly', interval: 2, daysOfWeek: ['Thursday'], index: 'first' },
        range: noEnd('2017-08-29'),
      } as const;
      assert.deepEqual(take(recurrence, 3), ['2017-09-07', '2017-11-02', '2018-01-04']);
    });

    it('repeats yearly on a relative day: last Wednesday of November, fourth Thursday every other year', () => {
      const lastWednesday = {
        pattern: { type: 'relativeYearly', interval: 1, daysOfWeek: ['wednesday'], index: 'last', month: 11 },
        range: noEnd('2026-01-01'),
      } as const;
      assert.deepEqual(take(lastWednesday, 3), ['2026-11-25', '2027-11-24', '2028-11-29']);
      const thanksgiving = {
        pattern: {
          type: 'relativeYearly',
          interval: 2,
          daysOfWeek: ['thursday'],
          index: 'fourth',
          month: 11,
        },
        range: noEnd('2026-01-01'),
      } as const;
      assert.deepEqual(take(thanksgiving, 3), ['2026-11-26', '2028-11-23', '2030-11-28']);
    });

    it('repeats yearly on a date, February 29 falling on the 28th in other years', () => {
      const leapDay = {
        pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 29, month: 2 },
        range: noEnd('2028-02-29'),
      } as const;
      assert.deepEqual(take(leapDay, 5), [
        '2028-02-29',
        '2029-02-28',
        '2030-02-28',
        '2031-02-28',
        '2032-02-29',
      ]);
      const april15 = {
        pattern: { type: 'absoluteYearly', interval: 2, dayOfMonth: 15, month: 4 },
        range: noEnd('2026-05-01'),
      } as const;
      assert.deepEqual(take(april15, 2), ['2027-04-15', '2029-04-15']);
    });
  });

  describe('ranges', () => {
    it('stops after numberOfOccurrences, counted from the first date that fits the pattern', () => {
      // 4 March 2026 is a Wednesday: the first Monday occurrence is 9 March.
      const recurrence: RecurrenceInput = {
        pattern: everyMonday,
        range: { type: 'numbered', startDate: '2026-03-04', numberOfOccurrences: 10 },
      };
      const dates = [...occurrenceDates(recurrence)];
      assert.equal(dates.length, 10);
      assert.equal(dates[0], '2026-03-09');
      assert.equal(dates[9], '2026-05-11');
      const weekly: SeriesInput = {
        ...series('2026-03-04', '09:00:00', '10:00:00', 'Europe/Paris', everyMonday),
        recurrence,
      };
      assert.equal(
        expandSeries(weekly, new Date('2020-01-01T00:00Z'), new Date('2030-01-01T00:00Z')).length,
        10,
      );
    });

    it('ends on endDate inclusive, even when endDate does not fit the pattern', () => {
      // Graph docs: every Monday from 4 September 2017 to 31 December 2017 ends on Monday 25 December.
      const until = (endDate: string): RecurrenceInput => ({
        pattern: everyMonday,
        range: { type: 'endDate', startDate: '2017-09-04', endDate },
      });
      const dates = [...occurrenceDates(until('2017-12-31'))];
      assert.equal(dates.length, 17);
      assert.equal(dates.at(-1), '2017-12-25');
      assert.equal([...occurrenceDates(until('2017-12-25'))].at(-1), '2017-12-25');
      assert.equal([...occurrenceDates(until('2017-12-24'))].at(-1), '2017-12-18');
    });

    it('expands a window in the middle of a series with no end, including an occurrence still running at its start', () => {
      const daily = series('2020-01-01', '09:00:00', '09:30:00', 'Europe/Paris', {
        type: 'daily',
        interval: 1,
      });
      // 10 June 09:00–09:30 Paris is 07:00–07:30Z: still running at 07:15Z. 13 June starts exactly at the end.
      const got = expandSeries(daily, new Date('2026-06-10T07:15:00Z'), new Date('2026-06-13T07:00:00Z'));
      assert.deepEqual(
        got.map((o) => o.originalStart),
        ['2026-06-10T09:00:00', '2026-06-11T09:00:00', '2026-06-12T09:00:00'],
      );
      const limited = expandSeries(
        daily,
        new Date('2026-06-10T07:15:00Z'),
        new Date('2026-06-13T07:00:00Z'),
        2,
      );
      assert.equal(limited.length, 2);
    });

    it('keeps an all-day series midnight to midnight, even on the 23-hour day of the change', () => {
      const allDay: SeriesInput = {
        start: { dateTime: '2026-03-27T00:00:00', timeZone: 'Europe/Paris' },
        end: { dateTime: '2026-03-28T00:00:00', timeZone: 'Europe/Paris' },
        recurrence: {
          pattern: { type: 'daily', interval: 1 },
          range: { type: 'numbered', startDate: '2026-03-27', numberOfOccurrences: 4 },
        },
      };
      const got = expandSeries(allDay, new Date('2026-03-01T00:00Z'), new Date('2026-04-30T00:00Z'));
      assert.deepEqual(
        got.map((o) => [o.start.dateTime, o.end.dateTime]),
        [
          ['2026-03-27T00:00:00', '2026-03-28T00:00:00'],
          ['2026-03-28T00:00:00', '2026-03-29T00:00:00'],
          ['2026-03-29T00:00:00', '2026-03-30T00:00:00'],
          ['2026-03-30T00:00:00', '2026-03-31T00:00:00'],
        ],
      );
      const hours = got.map((o) => (o.endUtc.getTime() - o.startUtc.getTime()) / 3_600_000);
      assert.deepEqual(hours, [24, 24, 23, 24]);
    });

    it('produces dates lazily for a series with no end', () => {
      // Walking every day to year 9999 takes ~3 s; lazily the first dates take well under 1 ms. The bound
      // is deliberately loose (a loaded CI box must not fail a lazy generator), yet an eager one misses it.
      const started = performance.now();
      const dates = occurrenceDates({ pattern: { type: 'daily', interval: 1 }, range: noEnd('1601-01-01') });
      assert.deepEqual([dates.next().value, dates.next().value], ['1601-01-01', '1601-01-02']);
      assert.ok(performance.now() - started < 1500, 'the first dates came without walking the whole series');
      assert.equal(dates.next().done, false);
    });
  });

  describe('guards', () => {
    it('ends patterns that can never produce a date instead of looping', () => {
      // In a child process killed after 10 s: without the guard this loops forever, which mocha cannot stop.
      const result = runBounded(`
        const from = (pattern) => ({ pattern, range: { type: 'noEnd', startDate: '2026-01-01' } });
        const never = [
          from({ type: 'weekly', interval: 1, daysOfWeek: [] }),
          from({ type: 'absoluteMonthly', interval: 1 }),
          from({ type: 'relativeYearly', interval: 1, month: 2 }),
        ];
        const series = {
          start: { dateTime: '2026-01-01T09:00:00', timeZone: 'UTC' },
          end: { dateTime: '2026-01-01T10:00:00', timeZone: 'UTC' },
          recurrence: never[0],
        };
        const expanded = lib.expandSeries(series, new Date('2026-01-01T00:00Z'), new Date('2100-01-01T00:00Z'));
        console.log(JSON.stringify([...never.map((r) => [...lib.occurrenceDates(r)]), expanded]));
      `);
      assert.equal(result.signal, null, 'finished before the timeout');
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), [[], [], [], []]);
    });

    it('reads "February 30 every year" as the end of February, as Outlook does, and still ends', () => {
      const feb30 = {
        pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 30, month: 2 },
        range: noEnd('2026-01-01'),
      } as const;
      assert.deepEqual(take(feb30, 3), ['2026-02-28', '2027-02-28', '2028-02-29']);
      const dates = [...occurrenceDates(feb30)];
      assert.equal(dates.at(-1), '9999-02-28', 'stops at the end of the calendar');
    });

    it('refuses a zero interval and an unknown zone', () => {
      const zero = { pattern: { type: 'daily', interval: 0 }, range: noEnd('2026-01-01') } as const;
      assert.throws(() => occurrenceDates(zero).next(), RangeError);
      const nowhere = series('2026-01-01', '09:00:00', '10:00:00', 'Nowhere/City', everyMonday);
      assert.throws(() => expandSeries(nowhere, new Date(0), new Date('2027-01-01T00:00Z')), RangeError);
    });
  });

  it('accepts the recurrence shape of the CRM schema', () => {
    const recurrence: Recurrence = recurrenceSchema.parse({
      pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' },
      range: { type: 'endDate', startDate: '2026-01-01', endDate: '2026-03-31', recurrenceTimeZone: 'UTC' },
    });
    assert.deepEqual([...occurrenceDates(recurrence)], ['2026-01-13', '2026-02-10', '2026-03-10']);
  });
});
