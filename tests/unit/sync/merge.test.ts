import assert from 'node:assert/strict';
import { threeWayMerge } from '../../../src/sync/engine/three-way-merge.js';

const fields = ['firstName', 'jobTitle', 'emails'];
const early = new Date('2026-11-20T10:00:00Z');
const late = new Date('2026-11-20T11:00:00Z');
const base = { firstName: 'Ada', jobTitle: 'Analyst', emails: [{ address: 'ada@x.example', name: null }] };

describe('Three-way merge', () => {
  it('keeps edits to different fields on both sides', () => {
    const r = threeWayMerge({
      base,
      crm: { ...base, jobTitle: 'Director' },
      office: { ...base, firstName: 'Augusta' },
      crmChangedAt: early,
      officeChangedAt: late,
      fields,
    });
    assert.deepEqual(r.merged, { ...base, firstName: 'Augusta', jobTitle: 'Director' });
    assert.deepEqual(r.toOffice, ['jobTitle']);
    assert.deepEqual(r.toCrm, ['firstName']);
    assert.deepEqual(r.conflicts, []);
  });

  it('gives a field changed on both sides to the most recent change and reports the overwritten value', () => {
    const both = {
      base,
      crm: { ...base, jobTitle: 'Director' },
      office: { ...base, jobTitle: 'CTO' },
      fields,
    };
    const officeLater = threeWayMerge({ ...both, crmChangedAt: early, officeChangedAt: late });
    assert.equal(officeLater.merged.jobTitle, 'CTO');
    assert.deepEqual(officeLater.conflicts, [
      { field: 'jobTitle', kept: 'CTO', overwritten: 'Director', winner: 'office' },
    ]);
    assert.deepEqual(officeLater.toCrm, ['jobTitle']);
    const crmLater = threeWayMerge({ ...both, crmChangedAt: late, officeChangedAt: early });
    assert.equal(crmLater.merged.jobTitle, 'Director');
    assert.deepEqual(crmLater.conflicts, [
      { field: 'jobTitle', kept: 'Director', overwritten: 'CTO', winner: 'crm' },
    ]);
    assert.deepEqual(crmLater.toOffice, ['jobTitle']);
  });

  it('treats the same change on both sides as converged (no conflict, nothing to write)', () => {
    const same = { ...base, jobTitle: 'Director' };
    const r = threeWayMerge({
      base,
      crm: same,
      office: { ...same },
      crmChangedAt: early,
      officeChangedAt: late,
      fields,
    });
    assert.deepEqual([r.toCrm, r.toOffice, r.conflicts], [[], [], []]);
  });

  it('compares clocks to the second, as Graph reports them', () => {
    const both = {
      base,
      crm: { ...base, jobTitle: 'Director' },
      office: { ...base, jobTitle: 'CTO' },
      fields,
    };
    const r = threeWayMerge({
      ...both,
      crmChangedAt: new Date('2026-11-20T10:00:00.900Z'),
      officeChangedAt: new Date('2026-11-20T10:00:01Z'),
    });
    assert.equal(r.merged.jobTitle, 'CTO');
  });

  it('compares structured values regardless of key order, and a tie keeps the CRM value', () => {
    const office = { ...base, emails: [{ name: null, address: 'ada@x.example' }], jobTitle: 'CTO' };
    const r = threeWayMerge({
      base,
      crm: { ...base, jobTitle: 'Director' },
      office,
      crmChangedAt: early,
      officeChangedAt: early,
      fields,
    });
    assert.deepEqual(r.toCrm, []);
    assert.equal(r.merged.jobTitle, 'Director');
  });

  it('with no common base (a first link), fills each side’s gaps and settles differences by recency', () => {
    const r = threeWayMerge({
      base: {},
      crm: { firstName: 'Ada', jobTitle: null, emails: [] },
      office: { firstName: 'Ada B.', jobTitle: 'Analyst', emails: [] },
      crmChangedAt: early,
      officeChangedAt: late,
      fields,
    });
    assert.deepEqual(r.merged, { firstName: 'Ada B.', jobTitle: 'Analyst', emails: [] });
    assert.deepEqual(
      r.conflicts.map((c) => c.field),
      ['firstName'],
    );
  });
});
