import type { Logger } from '../../platform/logging/logger.js';
import type { RunReason } from '../engine/sync-contract.js';

type Fire = (reason: RunReason) => Promise<void>;

interface Window {
  firedAt: number;
  pending?: { reason: RunReason; fire: Fire; timer: NodeJS.Timeout };
}

/** Reasons a trailing request keeps when several arrive in one window: a resync is never downgraded. */
const strongest = (a: RunReason, b: RunReason): RunReason =>
  a === 'resync' || b === 'resync' ? 'resync' : a;

/**
 * At most one action per key per window (RELIABILITY §3: "coalesce within 5 s"). The first offer
 * fires at once; offers inside the window collapse into one trailing fire at the window's end, so
 * a change notified just after a run started is not lost, and a flood of replays costs one fire per
 * window. Keys live in memory: a crash loses at most the trailing fire, which the delta backstop
 * covers.
 */
export class RunCoalescer {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Fires now (and resolves once `fire` has, so the caller can acknowledge after it persisted), or
   * folds into the window's trailing fire. A failed immediate fire reopens the window and rejects.
   */
  async offer(key: string, reason: RunReason, fire: Fire): Promise<void> {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || (now - window.firedAt >= this.windowMs && !window.pending)) {
      this.sweep(now);
      this.windows.set(key, { firedAt: now });
      try {
        await fire(reason);
      } catch (err) {
        this.windows.delete(key);
        throw err;
      }
      return;
    }
    if (window.pending) {
      window.pending.reason = strongest(window.pending.reason, reason);
      return;
    }
    const delay = Math.max(window.firedAt + this.windowMs - now, 0);
    const timer = setTimeout(() => void this.flush(key), delay);
    timer.unref();
    window.pending = { reason, fire, timer };
  }

  /** Fires every trailing request now (shutdown): nothing accepted is left unscheduled. */
  async stop(): Promise<void> {
    const keys = [...this.windows].filter(([, w]) => w.pending).map(([k]) => k);
    await Promise.all(keys.map((k) => this.flush(k)));
    this.windows.clear();
  }

  private async flush(key: string): Promise<void> {
    const window = this.windows.get(key);
    const pending = window?.pending;
    if (!window || !pending) return;
    clearTimeout(pending.timer);
    window.pending = undefined;
    window.firedAt = this.now();
    try {
      await pending.fire(pending.reason);
    } catch (err) {
      this.logger.error({ err, reason: pending.reason }, 'coalesced sync request failed');
    }
  }

  /** Forgets windows that are over and have nothing pending (bounded memory under a flood of keys). */
  private sweep(now: number): void {
    if (this.windows.size < 1_000) return;
    for (const [key, w] of this.windows)
      if (!w.pending && now - w.firedAt >= this.windowMs) this.windows.delete(key);
  }
}
