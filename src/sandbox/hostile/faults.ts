import { rngFor, type Rng } from '../seed/prng.js';
import { NO_FAULTS, type FaultKind, type FaultRule, type FaultsConfig } from './hostile-config.js';

/** What a fault rule is matched against. */
export interface FaultTarget {
  method: string;
  /** The URL after `/v1.0` as the client wrote it (path and query), e.g. `/me/contacts?$top=5`. */
  url: string;
  /** The mailbox owner, when the path names one. */
  user?: { id: string; userPrincipalName: string };
  /** Set on delta calls that carry a `$deltatoken`/`$skiptoken`: the URL of a fresh initial round. */
  deltaRestart?: string;
  /**
   * The `$batch` request itself: rules whose path or pathRegex matches it apply, and generic
   * connection faults (`reset`, `drop`: an HTTP request's, drawn once per connection request).
   */
  envelope?: boolean;
  /**
   * An item of a `$batch`: it has no connection of its own, so a generic `reset`/`drop` rule is not
   * drawn for it (the envelope draws it); a rule whose path or pathRegex names the item still
   * applies, and its connection fault takes the whole batch's answer.
   */
  inBatch?: boolean;
}

/** A fault chosen for one request. */
export interface FaultDecision {
  kind: FaultKind;
  /** Index of the rule in the configuration. */
  rule: number;
  delayMs: number;
  /** Seconds for the `Retry-After` header of a 429/503, or null for none. */
  retryAfterSeconds: number | null;
  commit: boolean;
}

export interface FaultLogEntry {
  /** Ordinal of the request among those seen since the faults were configured (1-based). */
  request: number;
  at: string;
  method: string;
  url: string;
  user?: string;
  fault: FaultKind;
  rule: number;
  retryAfterSeconds?: number | null;
  delayMs?: number;
  commit?: boolean;
}

interface ActiveRule {
  rule: FaultRule;
  index: number;
  fired: number;
  regex?: RegExp;
}

const LOG_LIMIT = 10_000;

/**
 * Seeded, reproducible fault injection: rules are tried in order for every request; the first
 * one that matches, has `times` left and wins its `probability` draw fires. The random draws come
 * from generators seeded by `seed` (one stream for faults, one for latency, one for Retry-After
 * ranges), so the same seed and the same request sequence give the same faults.
 */
export class FaultInjector {
  private cfg: FaultsConfig = NO_FAULTS;
  private rules: ActiveRule[] = [];
  private draws: Rng = rngFor(NO_FAULTS.seed, 'faults');
  private latencyDraws: Rng = rngFor(NO_FAULTS.seed, 'latency');
  private retryDraws: Rng = rngFor(NO_FAULTS.seed, 'retry-after');
  private requests = 0;
  private entries: FaultLogEntry[] = [];

  config(): FaultsConfig {
    return structuredClone(this.cfg);
  }

  /** Replaces the configuration, restarts the random streams and the log. */
  configure(cfg: FaultsConfig): void {
    this.cfg = structuredClone(cfg);
    this.rules = cfg.rules.map((rule, index) => ({
      rule,
      index,
      fired: 0,
      regex: rule.match.pathRegex ? new RegExp(rule.match.pathRegex, 'i') : undefined,
    }));
    this.draws = rngFor(cfg.seed, 'faults');
    this.latencyDraws = rngFor(cfg.seed, 'latency');
    this.retryDraws = rngFor(cfg.seed, 'retry-after');
    this.requests = 0;
    this.entries = [];
  }

  /** Turns every fault and the latency off; the log of what was injected stays readable. */
  disable(): void {
    const log = this.entries;
    this.configure(NO_FAULTS);
    this.entries = log;
  }

  reset(): void {
    this.configure(NO_FAULTS);
  }

  log(): FaultLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /** Milliseconds of latency for one request (base + uniform jitter). */
  latencyMs(): number {
    const { baseMs, jitterMs } = this.cfg.latency;
    return baseMs + (jitterMs > 0 ? this.latencyDraws.int(0, jitterMs) : 0);
  }

  decide(target: FaultTarget): FaultDecision | undefined {
    this.requests++;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      if (!this.matches(active, target)) continue;
      if (rule.probability !== undefined && rule.probability < 1 && !this.draws.chance(rule.probability))
        continue;
      active.fired++;
      const decision: FaultDecision = {
        kind: rule.fault,
        rule: active.index,
        delayMs: rule.fault === 'slow' ? (rule.delayMs ?? 5000) : 0,
        retryAfterSeconds: this.retryAfter(rule),
        commit: rule.commit ?? false,
      };
      this.record(target, decision);
      return decision;
    }
    return undefined;
  }

  private matches({ rule, regex }: ActiveRule, target: FaultTarget): boolean {
    const { method, path, user } = rule.match;
    if (method && method.toUpperCase() !== target.method.toUpperCase()) return false;
    if (path && !target.url.toLowerCase().includes(path.toLowerCase())) return false;
    if (regex && !regex.test(target.url)) return false;
    const generic = !path && !regex;
    const connection = rule.fault === 'reset' || rule.fault === 'drop';
    if (generic && target.envelope && !connection) return false;
    if (generic && target.inBatch && connection) return false;
    if (user) {
      const wanted = user.toLowerCase();
      if (!target.user) return false;
      if (target.user.id !== wanted && target.user.userPrincipalName.toLowerCase() !== wanted) return false;
    }
    // A 410 SyncStateNotFound only makes sense for a delta call that carries a token.
    return rule.fault !== '410' || target.deltaRestart !== undefined;
  }

  private retryAfter(rule: FaultRule): number | null {
    if (rule.fault !== '429' && rule.fault !== '503') return null;
    const value = rule.retryAfterSeconds;
    if (value === undefined) return 1;
    if (Array.isArray(value)) return this.retryDraws.int(value[0], value[1]);
    return value;
  }

  private record(target: FaultTarget, d: FaultDecision): void {
    const entry: FaultLogEntry = {
      request: this.requests,
      at: new Date().toISOString(),
      method: target.method,
      url: target.url,
      fault: d.kind,
      rule: d.rule,
    };
    if (target.user) entry.user = target.user.userPrincipalName;
    if (d.kind === '429' || d.kind === '503') entry.retryAfterSeconds = d.retryAfterSeconds;
    if (d.kind === 'slow') entry.delayMs = d.delayMs;
    if (d.commit) entry.commit = true;
    this.entries.push(entry);
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
  }
}
