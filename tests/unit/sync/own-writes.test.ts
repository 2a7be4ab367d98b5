import assert from 'node:assert/strict';
import { OwnWrites } from '../../../src/sync/engine/own-writes.js';
import type { SyncTarget } from '../../../src/sync/engine/sync-contract.js';
import { notifiedVersion, type NotificationItem } from '../../../src/sync/webhooks/notification.schema.js';

const olivia: SyncTarget = { orgId: 'org-a', userId: 'olivia', module: 'contacts' };
const daniel: SyncTarget = { orgId: 'org-a', userId: 'daniel', module: 'contacts' };
const otherOrg: SyncTarget = { orgId: 'org-b', userId: 'olivia', module: 'contacts' };

const notification = (resourceData: unknown, changeType = 'updated'): NotificationItem => ({
  subscriptionId: 's1',
  tenantId: 't1',
  changeType,
  resourceData,
});

describe("Own writes: telling Tandem's echo from a user's change", () => {
  it('knows the version it wrote last for that member and item, nothing else', () => {
    let now = 0;
    const own = new OwnWrites(() => now);
    own.remember(olivia, 'item-1', 'ck-2');
    assert.equal(own.isOwn(olivia, 'item-1', 'ck-2'), true);
    assert.equal(own.isOwn(olivia, 'item-1', 'ck-3'), false, "a later version is the user's change");
    assert.equal(own.isOwn(daniel, 'item-1', 'ck-2'), false, 'another member');
    assert.equal(own.isOwn(otherOrg, 'item-1', 'ck-2'), false, 'another organisation');
    own.remember(olivia, 'item-1', 'ck-4');
    assert.equal(own.isOwn(olivia, 'item-1', 'ck-2'), false, 'only the last write counts');
    now = 121_000;
    assert.equal(own.isOwn(olivia, 'item-1', 'ck-4'), false, 'forgotten after two minutes: a run, as before');
  });

  it('stays bounded under any write rate', () => {
    const own = new OwnWrites(() => 0);
    for (let i = 0; i < 25_000; i++) own.remember(olivia, `item-${i}`, 'v');
    assert.equal(own.isOwn(olivia, 'item-0', 'v'), false, 'the oldest were forgotten');
    assert.equal(own.isOwn(olivia, 'item-24999', 'v'), true);
  });

  it("reads a notification's item and version leniently, for updates and creations only", () => {
    const data = { '@odata.type': '#Microsoft.Graph.Contact', id: 'AAMk=', '@odata.etag': 'W/"EQAAABYA"' };
    assert.deepEqual(notifiedVersion(notification(data)), { remoteId: 'AAMk=', version: 'EQAAABYA' });
    assert.deepEqual(notifiedVersion(notification(data, 'created')), {
      remoteId: 'AAMk=',
      version: 'EQAAABYA',
    });
    assert.equal(notifiedVersion(notification(data, 'deleted')), undefined);
    assert.equal(notifiedVersion(notification({ id: 'AAMk=' })), undefined, 'no etag (To Do)');
    assert.equal(notifiedVersion(notification({ id: 'AAMk=', '@odata.etag': 'EQAAABYA' })), undefined);
    assert.equal(notifiedVersion(notification('evil')), undefined);
    assert.equal(notifiedVersion(notification({ id: 42, '@odata.etag': 'W/"x"' })), undefined);
    assert.equal(notifiedVersion(notification(undefined)), undefined);
  });
});
