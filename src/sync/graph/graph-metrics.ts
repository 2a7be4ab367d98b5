/** What the Graph client has done since it was built (or since `reset`), for benchmarks and tests. */
export interface GraphClientMetrics {
  /** HTTP requests sent (a `$batch` envelope counts once; a 401 retry counts). */
  requestsSent: number;
  /** Items sent inside `$batch` envelopes, re-sent items included. */
  batchItems: number;
  /** 429 answers received, for single calls and batch items alike. */
  throttled: number;
  /** Requests and batch items sent again by the retry policy. */
  retries: number;
  /** The most requests (batch items counted by the slots they hold) in flight at once to one mailbox. */
  maxInFlightPerMailbox: number;
}

export function emptyMetrics(): GraphClientMetrics {
  return { requestsSent: 0, batchItems: 0, throttled: 0, retries: 0, maxInFlightPerMailbox: 0 };
}
