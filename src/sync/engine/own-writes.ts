import type { SyncTarget } from './sync-contract.js';

/** How long a write is remembered: its change notification arrives within seconds (FACTS §11). */
const TTL_MS = 120_000;
/** Bounded memory whatever the write rate (oldest forgotten first). */
const MAX_ENTRIES = 20_000;

const keyOf = (t: SyncTarget, remoteId: string) => `${t.orgId}|${t.userId}|${t.module}|${remoteId}`;

/**
 * The versions Tandem itself just wrote to Office 365 items, in this process's memory, so the
 * change notification of Tandem's own write (its echo) starts no run: a notification naming an
 * item at exactly the version Tandem wrote carries no change Tandem does not already hold. Without
 * it, each echo opened the receiver's window of one run per 5 s and made the user's next change
 * wait for it. Anything not remembered here (another process wrote it, the entry expired) simply
 * starts a run as before: forgetting costs a run, never a change.
 */
export class OwnWrites {
  private readonly entries = new Map<string, { version: string; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  remember(target: SyncTarget, remoteId: string, version: string | null): void {
    if (!version) return;
    const key = keyOf(target, remoteId);
    this.entries.delete(key);
    this.entries.set(key, { version, at: this.now() });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Whether `version` of the item is the one Tandem wrote last (within the TTL). */
  isOwn(target: SyncTarget, remoteId: string, version: string): boolean {
    const key = keyOf(target, remoteId);
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (this.now() - entry.at > TTL_MS) {
      this.entries.delete(key);
      return false;
    }
    return entry.version === version;
  }
}
