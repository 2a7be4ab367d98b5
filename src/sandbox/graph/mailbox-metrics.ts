export interface MailboxCounters {
  requests: number;
  inFlight: number;
  maxInFlight: number;
  throttled: number;
  bytesIn: number;
}

/** Per app × mailbox counters, as Outlook's limits are counted (read through `/_sandbox/metrics`). */
export class MailboxMetrics {
  private readonly counters = new Map<string, MailboxCounters>();

  async track<T>(key: string, bytes: number, work: () => T | Promise<T>): Promise<T> {
    const c = this.of(key);
    c.requests++;
    c.bytesIn += bytes;
    c.inFlight++;
    c.maxInFlight = Math.max(c.maxInFlight, c.inFlight);
    try {
      return await work();
    } finally {
      c.inFlight--;
    }
  }

  countThrottled(key: string): void {
    this.of(key).throttled++;
  }

  of(key: string): MailboxCounters {
    let c = this.counters.get(key);
    if (!c) {
      c = { requests: 0, inFlight: 0, maxInFlight: 0, throttled: 0, bytesIn: 0 };
      this.counters.set(key, c);
    }
    return c;
  }

  snapshot(): Record<string, MailboxCounters> {
    return Object.fromEntries([...this.counters].map(([k, v]) => [k, { ...v }]));
  }

  reset(): void {
    this.counters.clear();
  }
}
