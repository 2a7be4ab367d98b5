const PROMPT_MEMORY_MS = 15 * 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * Which users were just told `consent_required`. Their next request is likely the one right after
 * the consent dialog, when Entra still answers `consent_required` for a few seconds (RELIABILITY
 * §2.2): the broker then waits and retries instead of prompting a second time. In memory, per
 * process; a miss only costs the user one more prompt.
 */
export class ConsentPrompts {
  private readonly prompts = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  prompted(partitionKey: string): void {
    this.prompts.delete(partitionKey);
    this.prompts.set(partitionKey, this.now());
    this.evict();
  }

  wasPrompted(partitionKey: string): boolean {
    const at = this.prompts.get(partitionKey);
    return at !== undefined && this.now() - at < PROMPT_MEMORY_MS;
  }

  resolved(partitionKey: string): void {
    this.prompts.delete(partitionKey);
  }

  /** Oldest first (Map keeps insertion order): drop expired entries and any beyond the cap. */
  private evict(): void {
    const cutoff = this.now() - PROMPT_MEMORY_MS;
    for (const [key, at] of this.prompts) {
      if (at >= cutoff && this.prompts.size <= MAX_REMEMBERED) break;
      this.prompts.delete(key);
    }
  }
}
