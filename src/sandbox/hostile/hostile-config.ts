import { z } from 'zod';

/**
 * The hostile-mode settings as the `/_sandbox/throttling` and `/_sandbox/faults` tools accept them
 * (a public contract: extend, don't rename). Everything is off by default.
 */

/** Outlook's limits per app × mailbox (FACTS §0.6, §9): 4 concurrent, 10,000 requests / 10 min. */
export const throttleConfigSchema = z.strictObject({
  enabled: z.boolean().default(false),
  concurrency: z.number().int().min(1).max(1000).default(4),
  requestsPer10Minutes: z.number().int().min(1).max(10_000_000).default(10_000),
  /** 10 minutes pass `timeScale` times faster (600 ⇒ the window is one second). */
  timeScale: z.number().min(1).max(600_000).default(1),
});
export type ThrottleConfig = z.infer<typeof throttleConfigSchema>;

export const FAULT_KINDS = ['429', '503', '504', 'reset', 'drop', '410', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const validRegex = (source: string) => {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
};

const retryAfter = z.union([
  z.number().min(0).max(3600),
  z.tuple([z.number().int().min(0).max(3600), z.number().int().min(0).max(3600)]).refine(([a, b]) => a <= b, {
    message: 'the range must be [min, max] with min <= max',
  }),
  z.null(),
]);

export const faultRuleSchema = z
  .strictObject({
    match: z
      .strictObject({
        /** HTTP method, any case. */
        method: z.string().min(1).optional(),
        /** A substring of the request URL after `/v1.0` (path and query), any case. */
        path: z.string().min(1).optional(),
        /** A regular expression (JavaScript syntax, case-insensitive) over the same URL. */
        pathRegex: z
          .string()
          .min(1)
          .refine(validRegex, { message: 'not a valid regular expression' })
          .optional(),
        /** The mailbox owner: user id or userPrincipalName. */
        user: z.string().min(1).optional(),
      })
      .default({}),
    fault: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.enum(FAULT_KINDS)),
    /** Chance per matching request (default 1: every matching request while `times` lasts). */
    probability: z.number().min(0).max(1).optional(),
    /** How many times the rule fires at most (a scripted queue: rules are tried in order). */
    times: z.number().int().min(1).optional(),
    /** `slow`: the delay before the answer (default 5,000 ms). */
    delayMs: z.number().int().min(0).max(600_000).optional(),
    /** `429`/`503`: seconds, or `[min, max]` drawn per fault, or `null` for no header (default 1). */
    retryAfterSeconds: retryAfter.optional(),
    /** `503`/`504`: run the request (the change is stored) and answer the error anyway. */
    commit: z.boolean().optional(),
  })
  .refine((r) => !r.commit || r.fault === '503' || r.fault === '504', {
    message: '`commit` applies to 503 and 504 only (use `drop` for a lost response)',
    path: ['commit'],
  });
export type FaultRule = z.infer<typeof faultRuleSchema>;

export const faultsConfigSchema = z.strictObject({
  seed: z.number().int().default(1),
  /** Added to every Graph request while it holds its mailbox slot. */
  latency: z
    .strictObject({
      baseMs: z.number().int().min(0).max(60_000).default(0),
      jitterMs: z.number().int().min(0).max(60_000).default(0),
    })
    .default({ baseMs: 0, jitterMs: 0 }),
  rules: z.array(faultRuleSchema).max(100).default([]),
});
export type FaultsConfig = z.infer<typeof faultsConfigSchema>;

export const DEFAULT_THROTTLE: ThrottleConfig = throttleConfigSchema.parse({});
export const NO_FAULTS: FaultsConfig = faultsConfigSchema.parse({});
