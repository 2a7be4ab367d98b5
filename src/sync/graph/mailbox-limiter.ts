/**
 * Outlook's limits are per app × mailbox: 4 requests in flight and 10,000 requests per 10 minutes
 * (FACTS §0.6, §9). This limiter keeps Tandem under both, per mailbox, by queueing (first come,
 * first served) instead of failing:
 * - at most `concurrency` requests in flight; a `$batch` holds as many slots as Outlook runs of it
 *   at once (min(items, 4), FACTS §8), since its items count against the same limit;
 * - a token bucket of `requestsPer10Minutes` refilled evenly, `burst` deep, one token per request
 *   or batch item; the worst case over any 10 minutes is `burst + requestsPer10Minutes`, so both
 *   defaults (9,000 and 500) stay under Graph's 10,000;
 * - a pause: after a mailbox 429, nothing more is sent to it before `Retry-After` ends.
 *
 * The limiter is per process. Several worker processes stay within Outlook's limits because the
 * engine runs one sync at a time per (user, module) under a lease, so a mailbox rarely has more
 * than one busy process; a 429 that still happens is honoured by the retry policy.
 */

export interface MailboxLimits {
  concurrency: number;
  requestsPer10Minutes: number;
  burst: number;
}

export const DEFAULT_MAILBOX_LIMITS: MailboxLimits = {
  concurrency: 4,
  requestsPer10Minutes: 9_000,
  burst: 500,
};

const TEN_MINUTES_MS = 600_000;
/** Mailboxes tracked before idle ones are swept. */
const SWEEP_AT = 1_000;

interface Waiter {
  slots: number;
  tokens: number;
  resolve: (release: () => void) => void;
}

interface Mailbox {
  inFlight: number;
  tokens: number;
  refilledAt: number;
  pausedUntil: number;
  queue: Waiter[];
  timer?: NodeJS.Timeout;
}

export class MailboxLimiter {
  private readonly mailboxes = new Map<string, Mailbox>();
  private maxObserved = 0;

  constructor(
    readonly limits: MailboxLimits = DEFAULT_MAILBOX_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The most requests ever in flight at once to one mailbox through this limiter. */
  maxInFlightObserved(): number {
    return this.maxObserved;
  }

  /**
   * Waits for `slots` concurrency slots and `tokens` budget tokens on `mailbox`, then resolves with
   * the function that returns the slots (call it once, when the response has arrived).
   */
  acquire(mailbox: string, tokens = 1, slots = 1): Promise<() => void> {
    const box = this.box(mailbox);
    const wanted = {
      slots: Math.min(Math.max(1, slots), this.limits.concurrency),
      tokens: Math.min(Math.max(0, tokens), this.limits.burst),
    };
    return new Promise((resolve) => {
      box.queue.push({ ...wanted, resolve });
      this.pump(mailbox, box);
    });
  }

  /** Sends nothing more to `mailbox` for `ms` (a 429 with Retry-After from its mailbox). */
  pause(mailbox: string, ms: number): void {
    const box = this.box(mailbox);
    box.pausedUntil = Math.max(box.pausedUntil, this.now() + ms);
  }

  private box(mailbox: string): Mailbox {
    const key = mailbox.toLowerCase();
    let box = this.mailboxes.get(key);
    if (!box) {
      if (this.mailboxes.size >= SWEEP_AT) this.sweep();
      box = { inFlight: 0, tokens: this.limits.burst, refilledAt: this.now(), pausedUntil: 0, queue: [] };
      this.mailboxes.set(key, box);
    }
    return box;
  }

  /** Forgets every idle mailbox whose bucket has refilled (bounds memory with many mailboxes). */
  private sweep(): void {
    for (const [key, box] of this.mailboxes) {
      this.refill(box);
      this.forgetIfIdle(key, box);
    }
  }

  private pump(mailbox: string, box: Mailbox): void {
    this.refill(box);
    const now = this.now();
    while (box.queue.length) {
      const head = box.queue[0]!;
      if (box.pausedUntil > now) return this.wake(mailbox, box, box.pausedUntil - now);
      if (box.inFlight + head.slots > this.limits.concurrency) return; // a release pumps again
      if (box.tokens < head.tokens) {
        const perMs = this.limits.requestsPer10Minutes / TEN_MINUTES_MS;
        return this.wake(mailbox, box, Math.ceil((head.tokens - box.tokens) / perMs));
      }
      box.queue.shift();
      box.tokens -= head.tokens;
      box.inFlight += head.slots;
      this.maxObserved = Math.max(this.maxObserved, box.inFlight);
      head.resolve(this.releaser(mailbox, box, head.slots));
    }
    this.forgetIfIdle(mailbox, box);
  }

  private releaser(mailbox: string, box: Mailbox, slots: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      box.inFlight -= slots;
      this.pump(mailbox, box);
    };
  }

  private refill(box: Mailbox): void {
    const now = this.now();
    const earned = ((now - box.refilledAt) * this.limits.requestsPer10Minutes) / TEN_MINUTES_MS;
    box.tokens = Math.min(this.limits.burst, box.tokens + earned);
    box.refilledAt = now;
  }

  private wake(mailbox: string, box: Mailbox, ms: number): void {
    if (box.timer) return;
    box.timer = setTimeout(
      () => {
        box.timer = undefined;
        this.pump(mailbox, box);
      },
      Math.max(1, ms),
    );
  }

  /** Drops the state of a mailbox with nothing queued, nothing in flight, a full bucket, no pause. */
  private forgetIfIdle(mailbox: string, box: Mailbox): void {
    if (box.inFlight || box.queue.length || box.timer) return;
    if (box.tokens < this.limits.burst || box.pausedUntil > this.now()) return;
    this.mailboxes.delete(mailbox.toLowerCase());
  }
}
