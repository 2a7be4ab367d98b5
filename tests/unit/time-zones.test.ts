import assert from 'node:assert/strict';
import {
  isValidLocalDateTime,
  localToUtc,
  resolveTimeZone,
  utcToLocal,
} from '../../src/platform/time/time-zones.js';

describe('Time zones', () => {
  it('resolves IANA and Windows names, and refuses unknown ones', () => {
    assert.equal(resolveTimeZone('Europe/Paris'), 'Europe/Paris');
    assert.equal(resolveTimeZone('UTC'), 'UTC');
    assert.ok(['Europe/Berlin', 'Europe/Amsterdam'].includes(resolveTimeZone('W. Europe Standard Time')!));
    assert.equal(resolveTimeZone('Pacific Standard Time'), 'America/Los_Angeles');
    assert.equal(resolveTimeZone('Mars/Olympus_Mons'), undefined);
    assert.equal(resolveTimeZone('Not A Zone Standard Time'), undefined);
  });

  it('checks local date-times', () => {
    assert.ok(isValidLocalDateTime('2026-03-29T09:00'));
    assert.ok(isValidLocalDateTime('2026-03-29T09:00:00.0000000'));
    assert.ok(!isValidLocalDateTime('2026-02-30T09:00:00'));
    assert.ok(!isValidLocalDateTime('2026-03-29T09:00:00Z'), 'no offset: the zone says it');
    assert.ok(!isValidLocalDateTime('2026-03-29T24:00:00'));
  });

  it('converts wall-clock times to instants across DST in Europe and America', () => {
    const cases: [string, string, string][] = [
      ['2026-03-28T09:00:00', 'Europe/Paris', '2026-03-28T08:00:00.000Z'], // CET
      ['2026-03-29T09:00:00', 'Europe/Paris', '2026-03-29T07:00:00.000Z'], // CEST, day of the change
      ['2026-03-29T09:00:00', 'Romance Standard Time', '2026-03-29T07:00:00.000Z'],
      ['2026-10-25T09:00:00', 'Europe/Paris', '2026-10-25T08:00:00.000Z'], // back to CET
      ['2026-03-07T09:00:00', 'America/New_York', '2026-03-07T14:00:00.000Z'], // EST
      ['2026-03-08T09:00:00', 'Eastern Standard Time', '2026-03-08T13:00:00.000Z'], // EDT
      ['2026-11-01T09:00:00', 'America/New_York', '2026-11-01T14:00:00.000Z'],
      ['2026-06-01T12:00:00', 'UTC', '2026-06-01T12:00:00.000Z'],
      ['2026-06-01T12:00:00', 'Asia/Kolkata', '2026-06-01T06:30:00.000Z'],
    ];
    for (const [local, zone, utc] of cases)
      assert.equal(localToUtc(local, zone).toISOString(), utc, `${local} ${zone}`);
  });

  it('moves a time skipped by spring-forward after the jump, and takes the first of a repeated time', () => {
    assert.equal(localToUtc('2026-03-29T02:30:00', 'Europe/Paris').toISOString(), '2026-03-29T01:30:00.000Z');
    assert.equal(
      localToUtc('2026-03-08T02:30:00', 'America/New_York').toISOString(),
      '2026-03-08T07:30:00.000Z',
    );
    assert.equal(localToUtc('2026-10-25T02:30:00', 'Europe/Paris').toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(
      localToUtc('2026-11-01T01:30:00', 'America/New_York').toISOString(),
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('shows an instant as wall-clock time in a zone, across DST, and back again', () => {
    assert.equal(utcToLocal(new Date('2026-03-28T08:00:00Z'), 'Europe/Paris'), '2026-03-28T09:00:00');
    assert.equal(utcToLocal(new Date('2026-03-29T07:00:00Z'), 'Europe/Paris'), '2026-03-29T09:00:00');
    assert.equal(utcToLocal(new Date('2026-03-08T13:00:00Z'), 'America/New_York'), '2026-03-08T09:00:00');
    const local = '2026-10-25T09:15:00';
    assert.equal(utcToLocal(localToUtc(local, 'Europe/Paris'), 'Europe/Paris'), local);
    assert.throws(() => utcToLocal(new Date(), 'Nowhere/City'), RangeError);
  });

  it('refuses to convert an unknown zone', () => {
    assert.throws(() => localToUtc('2026-03-29T09:00:00', 'Nowhere/City'), RangeError);
  });
});
