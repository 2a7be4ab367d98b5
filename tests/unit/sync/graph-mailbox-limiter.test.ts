import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { MailboxLimiter } from '../../../src/sync/graph/mailbox-limiter.js';

describe('Mailbox limiter (4 in flight, a request budget, pauses)', () => {
  const generous = { concurrency: 4, requestsPer10Minutes: 600_000, burst: 1000 };

  it('admits 4 requests per mailbox and queues the rest first come, first served', async () => {
    const limiter = new MailboxLimiter(generous);
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const waiting = Array.from({ length: 6 }, (_, i) =>
      limiter.acquire('t|olivia').then((release) => {
        order.push(i);
        releases.push(release);
      }),
    );
    await sleep(5);
    assert.deepEqual(order, [0, 1, 2, 3]);
    releases[0]!();
    releases[0]!(); // releasing twice frees one slot only
    await sleep(5);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    releases[1]!();
    await Promise.all(waiting);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    assert.equal(limiter.maxInFlightObserved(), 4);
  });

  it('keeps mailboxes apart (another mailbox is not held up), case-insensitively', async () => {
    const limiter = new MailboxLimiter(generous);
    await Promise.all(Array.from({ length: 4 }, () => limiter.acquire('T|Olivia')));
    let fifth = false;
    void limiter.acquire('t|olivia').then(() => (fifth = true));
    await limiter.acquire('t|noah');
    await sleep(5);
    assert.equal(fifth, false);
  });

  it('lets a batch hold min(items, 4) slots, so a batch and single calls never exceed 4', async () => {
    const limiter = new MailboxLimiter(generous);
    const single = await limiter.acquire('t|olivia');
    let batch = false;
    const batchRelease = limiter.acquire('t|olivia', 20, 20).then((r) => ((batch = true), r));
    await sleep(5);
    assert.equal(batch, false, 'waits for all 4 slots');
    single();
    (await batchRelease)();
    assert.equal(limiter.maxInFlightObserved(), 4);
  });

  it('spends one token per request and waits for the bucket to refill', async () => {
    // 60,000 per 10 minutes = 100 per second = one token every 10 ms; burst 3.
    const limiter = new MailboxLimiter({ concurrency: 4, requestsPer10Minutes: 60_000, burst: 3 });
    const started = Date.now();
    for (let i = 0; i < 8; i++) (await limiter.acquire('t|olivia'))();
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 45, `5 requests past the burst wait ~50 ms (took ${elapsed})`);
  });

  it('sends nothing to a paused mailbox before the pause ends', async () => {
    const limiter = new MailboxLimiter(generous);
    limiter.pause('t|olivia', 60);
    const started = Date.now();
    (await limiter.acquire('t|olivia'))();
    assert.ok(Date.now() - started >= 59);
    const other = Date.now();
    (await limiter.acquire('t|noah'))();
    assert.ok(Date.now() - other < 30, 'other mailboxes are not paused');
  });
});
