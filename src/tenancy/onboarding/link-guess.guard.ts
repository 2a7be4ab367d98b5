import { tooManyRequests } from './onboarding-errors.js';

/** Unknown accept links one client address may present per minute (RELIABILITY E 28). */
export const BAD_LINKS_PER_MINUTE = 10;
const MAX_ADDRESSES = 10_000;

/**
 * Anti-automation for accept links: after {@link BAD_LINKS_PER_MINUTE} unknown or malformed links
 * from one address within a minute, that address gets 429 until the minute has passed. Kept in
 * this process (each web process counts its own; 256-bit secrets make guessing hopeless anyway).
 */
export class LinkGuessGuard {
  private readonly misses = new Map<string, number[]>();

  constructor(
    private readonly limit = BAD_LINKS_PER_MINUTE,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** 429 when the address is over the limit. Bot turns (no address) are not limited here. */
  check(address: string | undefined): void {
    if (!address) return;
    const recent = this.recent(address);
    if (recent.length >= this.limit) {
      throw tooManyRequests(
        'too_many_invalid_links',
        'Too many invalid invitation links from this address. Try again in a minute.',
        (recent[0]! + this.windowMs - this.now()) / 1000,
      );
    }
  }

  /** Counts an unknown or malformed link presented by the address. */
  miss(address: string | undefined): void {
    if (!address) return;
    if (!this.misses.has(address) && this.misses.size >= MAX_ADDRESSES) {
      const oldest = this.misses.keys().next().value;
      if (oldest !== undefined) this.misses.delete(oldest);
    }
    this.misses.set(address, [...this.recent(address), this.now()]);
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.misses.get(address) ?? []).filter((t) => t > since);
    if (kept.length) this.misses.set(address, kept);
    else this.misses.delete(address);
    return kept;
  }
}
