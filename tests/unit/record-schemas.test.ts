import assert from 'node:assert/strict';
import { CRM_DEFINITIONS } from '../../src/crm/crm.definitions.js';
import { meetingDefinition } from '../../src/crm/meetings/meeting.definition.js';
import { createSchemaOf, updateSchemaOf } from '../../src/crm/shared/record.definition.js';
import { parseIfMatch } from '../../src/crm/shared/record.routes.js';
import { sameValue } from '../../src/crm/shared/same-value.js';
import { newId } from '../../src/platform/db/ids.js';

const meeting = (over: Record<string, unknown> = {}) => ({
  subject: 'Kick-off',
  start: { dateTime: '2026-03-29T09:00:00', timeZone: 'Europe/Paris' },
  end: { dateTime: '2026-03-29T10:00:00', timeZone: 'Europe/Paris' },
  ...over,
});

describe('Record schemas', () => {
  it('PATCH schemas apply no defaults, so absent fields stay unchanged', () => {
    for (const def of CRM_DEFINITIONS) {
      assert.deepEqual(updateSchemaOf(def).parse({}), {}, def.collection);
    }
  });

  it('create schemas apply defaults and reject unknown fields', () => {
    const deal = CRM_DEFINITIONS.find((d) => d.type === 'deal')!;
    assert.equal((createSchemaOf(deal).parse({ name: 'X' }) as any).stage, 'open');
    assert.equal(createSchemaOf(deal).safeParse({ name: 'X', colour: 'red' }).success, false);
  });

  it('strips NUL characters and trims text', () => {
    const account = CRM_DEFINITIONS.find((d) => d.type === 'account')!;
    assert.equal((createSchemaOf(account).parse({ name: '  Con\u0000toso ' }) as any).name, 'Contoso');
    assert.equal(createSchemaOf(account).safeParse({ name: '   ' }).success, false);
  });

  it('meetings: start and end in their own zones, end not before start', () => {
    const check = (m: Record<string, unknown>) => {
      const parsed = createSchemaOf(meetingDefinition).parse(m);
      return meetingDefinition.finalize!(parsed).issues.map((i) => i.code);
    };
    assert.deepEqual(check(meeting()), []);
    // 10:00 in New York is after 09:00 in Paris on the same day.
    assert.deepEqual(
      check(meeting({ end: { dateTime: '2026-03-29T04:00:00', timeZone: 'America/New_York' } })),
      [],
    );
    assert.deepEqual(
      check(meeting({ end: { dateTime: '2026-03-29T02:00:00', timeZone: 'America/New_York' } })),
      ['end_before_start'],
    );
    const derived = meetingDefinition.finalize!(createSchemaOf(meetingDefinition).parse(meeting())).derived!;
    assert.equal((derived.startsAt as Date).toISOString(), '2026-03-29T07:00:00.000Z');
  });

  it('meetings: all-day starts and ends at midnight in one zone; a series starts on the start date', () => {
    const check = (m: Record<string, unknown>) =>
      meetingDefinition.finalize!(createSchemaOf(meetingDefinition).parse(m)).issues.map((i) => i.code);
    const allDay = {
      isAllDay: true,
      start: { dateTime: '2026-03-29T00:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-03-30T00:00:00', timeZone: 'Europe/Paris' },
    };
    assert.deepEqual(check(meeting(allDay)), []);
    assert.deepEqual(
      check(meeting({ ...allDay, end: { dateTime: '2026-03-30T00:00:00', timeZone: 'UTC' } })),
      ['all_day_zones_differ'],
    );
    assert.deepEqual(check(meeting({ isAllDay: true })), ['all_day_not_midnight']);
    const series = (startDate: string) => ({
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['sunday'] },
      range: { type: 'noEnd', startDate },
    });
    assert.deepEqual(check(meeting({ recurrence: series('2026-03-29') })), []);
    assert.deepEqual(check(meeting({ recurrence: series('2026-03-30') })), ['series_start_mismatch']);
  });

  it('recurrence patterns need the fields their type needs', () => {
    const parse = (pattern: Record<string, unknown>) =>
      createSchemaOf(meetingDefinition).safeParse(
        meeting({
          recurrence: {
            pattern: { interval: 1, ...pattern },
            range: { type: 'noEnd', startDate: '2026-03-29' },
          },
        }),
      ).success;
    assert.ok(parse({ type: 'daily' }));
    assert.ok(!parse({ type: 'weekly' }));
    assert.ok(parse({ type: 'absoluteMonthly', dayOfMonth: 29 }));
    assert.ok(!parse({ type: 'relativeYearly', daysOfWeek: ['monday'], month: 3 }));
    assert.ok(parse({ type: 'relativeYearly', daysOfWeek: ['monday'], month: 3, index: 'last' }));
  });
});

describe('If-Match', () => {
  it('parses strong tags, lists and *, ignores weak tags, refuses garbage', () => {
    assert.equal(parseIfMatch(undefined), undefined);
    assert.equal(parseIfMatch('*'), '*');
    assert.deepEqual(parseIfMatch('"3"'), [3]);
    assert.deepEqual(parseIfMatch('"3", "4"'), [3, 4]);
    assert.deepEqual(parseIfMatch('W/"3"'), []);
    assert.deepEqual(parseIfMatch('"abc"'), []);
    assert.throws(() => parseIfMatch('3'), /If-Match/);
  });
});

describe('Helpers', () => {
  it('ids are UUIDv7 and increase', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    for (const id of ids)
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('sameValue compares JSON deeply, ignoring key order', () => {
    assert.ok(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }));
    assert.ok(!sameValue([1, 2], [2, 1]));
    assert.ok(sameValue({ a: null }, {}));
    assert.ok(!sameValue('1', 1));
  });
});
