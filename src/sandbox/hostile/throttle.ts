import { performance } from 'node:perf_hooks';
import { GraphError } from '../graph/graph-error.js';
import { DEFAULT_THROTTLE, type ThrottleConfig } from './hostile-config.js';

const TEN_MINUTES_MS = 600_000;

/** Outlook's 429 body: `ApplicationThrottled`, "Application is over its <limit> limit." (FACTS §0.6). */
export function applicationThrottled(
  limit: 'MailboxConcurrency' | 'RequestRate',
  retryAfterSeconds: number | null,
): GraphError {
  return new GraphError(
    429,
    'ApplicationThrottled',
    `Application is over its ${limit} limit.`,
    retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) },
  );
}

/**
 * Outlook's throttling per app × mailbox (the key is `<appId>|<mailbox user id>`): at most
 * `concurrency` requests in flight, at most `requestsPer10Minutes` admitted in a sliding window of
 * ten minutes (compressed by `timeScale`). Refused requests hold no slot and use no quota. Off by
 * default; state is kept only while on and starts afresh on every `configure`.
 */
export class MailboxThrottle {
  private cfg: ThrottleConfig = DEFAULT_THROTTLE;
  private generation = 0;
  private readonly inFlight = new Map<string, number>();
  /** Admission times per key, oldest first. */
  private readonly admitted = new Map<string, number[]>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  config(): ThrottleConfig {
    return { ...this.cfg };
  }

  configure(cfg: ThrottleConfig): void {
    this.cfg = { ...cfg };
    this.generation++;
    this.inFlight.clear();
    this.admitted.clear();
  }

  reset(): void {
    this.configure(DEFAULT_THROTTLE);
  }

  /** Admits a request or throws the 429; the returned function releases its slot (idempotent). */
  admit(key: string): () => void {
    if (!this.cfg.enabled) return () => {};
    const now = this.now();
    const windowMs = TEN_MINUTES_MS / this.cfg.timeScale;
    const stamps = this.window(key, now - windowMs);
    const running = this.inFlight.get(key) ?? 0;
    // "Retry-After: 1" for MailboxConcurrency means "wait until you are below the limit" (FACTS §9).
    if (running >= this.cfg.concurrency) throw applicationThrottled('MailboxConcurrency', 1);
    if (stamps.length >= this.cfg.requestsPer10Minutes) {
      const waitMs = stamps[0]! + windowMs - now;
      throw applicationThrottled('RequestRate', Math.max(1, Math.ceil(waitMs / 1000)));
    }
    stamps.push(now);
    this.inFlight.set(key, running + 1);
    const generation = this.generation;
    let released = false;
    return () => {
      if (released || generation !== this.generation) return;
      released = true;
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
    };
  }

  /** The admission times of `key` still inside the window (older ones are dropped). */
  private window(key: string, since: number): number[] {
    let stamps = this.admitted.get(key);
    if (!stamps) {
      stamps = [];
      this.admitted.set(key, stamps);
    }
    let expired = 0;
    while (expired < stamps.length && stamps[expired]! <= since) expired++;
    if (expired) stamps.splice(0, expired);
    return stamps;
  }
}
