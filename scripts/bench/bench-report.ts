import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchOptions } from './bench-context.js';
import type { IdleRunFigures, RunFigures } from './idle-run.phase.js';
import type { InitialSyncFigures, TandemFigures } from './initial-sync.phase.js';
import type { LatencyFigures, LatencyStats } from './latency.phase.js';
import type { MemoryPoint } from './memory.phase.js';

export interface BenchReport {
  command: string;
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; memoryGb: number; database: string };
  options: Omit<BenchOptions, 'databaseUrl'>;
  initial?: Omit<InitialSyncFigures, 'pullMember' | 'pullConverged' | 'pullFolderId'>;
  idle?: IdleRunFigures;
  latency?: LatencyFigures;
  memory?: MemoryPoint[];
  /** Phases that could not run, and why. */
  failures: string[];
  wallSeconds: number;
}

export function machineFacts(databaseUrl: string | undefined): BenchReport['machine'] {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    database: databaseUrl ? 'PostgreSQL (fresh database)' : 'PGlite (files)',
  };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (naive: number, tandem: number) => (tandem > 0 ? `${(naive / tandem).toFixed(1)}×` : '—');
const graphCalls = (t: Extract<TandemFigures, { items: number }>) => t.requests.batch + t.requests.single;

function transferRows(
  label: string,
  tandem: TandemFigures,
  naive: { httpCalls: number; throttled: number; wallMs: number; items: number },
): string[] {
  if ('error' in tandem)
    return [`| ${label} | — | not measured: ${tandem.error} | ${naive.httpCalls} calls | — |`];
  const naivePerSecond = naive.wallMs ? Math.round((naive.items / naive.wallMs) * 10_000) / 10 : 0;
  return [
    `| ${label}: Graph HTTP calls | ⌈N/20⌉ = ${tandem.idealCalls} | ${graphCalls(tandem)} (${tandem.requests.batch} \`$batch\`, ${tandem.requests.single} single; +${tandem.requests.auth} token) | ${naive.httpCalls} | ${ratio(naive.httpCalls, graphCalls(tandem))} fewer |`,
    `| ${label}: 429s served | 0 | ${tandem.throttled} | ${naive.throttled} | — |`,
    `| ${label}: max requests in flight (mailbox) | ≤ 4 | ${tandem.maxInFlight} | ≤ 4 (by design) | — |`,
    `| ${label}: throughput | ≤ ceiling ${tandem.ceilingPerSecond} req/s | ${tandem.itemsPerSecond} items/s (${tandem.mailboxRequests} mailbox requests) | ${naivePerSecond} items/s | ${ratio(tandem.itemsPerSecond, naivePerSecond)} |`,
    `| ${label}: wall time | — | ${secs(tandem.wallMs)} | ${secs(naive.wallMs)} | ${ratio(naive.wallMs, tandem.wallMs)} (naive time ÷ Tandem time: below 1, Tandem is slower) |`,
  ];
}

function latencyCell(s: LatencyStats | { error: string }): string {
  if ('error' in s) return `not measured: ${s.error}`;
  return `p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, max ${s.maxMs} ms (${s.samples} samples, ${s.timeouts} timeouts)`;
}

const METHOD = [
  "Graph HTTP calls: every request Tandem's process sent to the sandbox's `/v1.0` (undici's `undici:request:create` diagnostics channel; nothing in Tandem is wrapped). Token requests to the authority are shown apart. The benchmark's own seeding and checks carry a marker header and are not counted.",
  "Mailbox requests, 429s served and requests in flight: the sandbox's counters for Tandem's app × the member's mailbox (`/_sandbox/metrics`), where a `$batch` item counts as one request, as Outlook counts it.",
  'Initial push: N CRM contacts owned by a member who then enables the module; timed from `PUT /api/v1/sync/contacts` until all N are in "Tandem Contacts" and the module is idle with nothing pending. Initial pull: N contacts already in another member\'s "Tandem Contacts" folder (adopted on enable), timed until all N are CRM records. The naive client does the same transfer in a mailbox Tandem does not sync (pull: lists the same folder).',
  'Idle runs after convergence, counted until the run is over: a periodic run (what the backstop and change notifications start), and "sync now", which also checks the master categories. The naive client has no delta: every run re-lists the folder.',
  "Latency: one contact at a time created on one side — apart: 6 s after the previous one was seen (past the receiver's 5 s window, which Tandem's own write-back of the previous contact opens); back to back: as soon as it was seen — (Outlook: POST as the user through Graph; CRM: created as the member) and polled every 20 ms on the other side; change notifications from the sandbox (Graph's timings) trigger the runs. A naive poller's latency is its polling interval; polling every 2 s would cost a full re-list per poll.",
  "Memory: RSS of the benchmark process, which is Tandem's (the sandbox runs in a child process), sampled every 100 ms while a member's folder of that size is pulled; the process also holds the benchmark harness, and with PGlite the database itself (use DATABASE_URL for PostgreSQL).",
];

/** The Markdown report: how it was run, on what, and the table of figures against the baseline. */
export function renderReport(r: BenchReport): string {
  const lines = [
    '# Sync performance',
    '',
    'Measured, not asserted: `npm run bench:sync` starts Tandem against a fresh Microsoft 365 sandbox (in a',
    "process of its own) with Outlook's limits on, and measures Tandem and a naive baseline client",
    '(`scripts/bench/naive-sync.ts`: one request per item, no `$batch`, default page size, full re-list every',
    'run) doing the same jobs in the same run. Regenerate this file with the command below.',
    '',
    `- Command: \`${r.command}\``,
    `- Date: ${r.date}; total ${r.wallSeconds} s`,
    `- Machine: ${r.machine.cpus} CPUs (${r.machine.cpuModel}), ${r.machine.memoryGb} GB, Node ${r.machine.node}; Tandem's database: ${r.machine.database}`,
    `- Sandbox limits: 4 concurrent requests and 10,000 requests / 10 min per app × mailbox, time-scaled ×${r.options.timeScale}, and Tandem's own budget (9,000 / 10 min) with it (ceiling ${Math.round((10_000 * r.options.timeScale) / 600)} req/s); ${r.options.graphLatencyMs} ms (+ jitter) of Graph latency per request`,
    `- N = ${r.options.contacts} contacts; seed ${r.options.seed}`,
    '',
    '| Figure | Goal | Tandem | Naive baseline | Ratio |',
    '| --- | --- | --- | --- | --- |',
  ];
  if (r.initial) {
    lines.push(
      ...transferRows(
        `Initial push of ${r.options.contacts} CRM contacts`,
        r.initial.push.tandem,
        r.initial.push.naive,
      ),
    );
    lines.push(
      ...transferRows(
        `Initial pull of ${r.options.contacts} Outlook contacts`,
        r.initial.pull.tandem,
        r.initial.pull.naive,
      ),
    );
  }
  if (r.idle) {
    const row = (label: string, goal: string, t: RunFigures) =>
      'error' in t
        ? `| ${label} | ${goal} | not measured: ${t.error} | ${r.idle!.naive.httpCalls} | — |`
        : `| ${label} | ${goal} | ${t.requests.batch + t.requests.single} (+${t.requests.auth} token), ${secs(t.wallMs)} | ${r.idle!.naive.httpCalls} (full re-list), ${secs(r.idle!.naive.wallMs)} | ${ratio(r.idle!.naive.httpCalls, t.requests.batch + t.requests.single)} fewer |`;
    lines.push(row('Idle incremental run (periodic, notification): requests', '1', r.idle.tandem));
    if (r.idle.manual)
      lines.push(row('Idle "sync now" (also checks the master categories): requests', '—', r.idle.manual));
  }
  if (r.latency) {
    const poll = r.latency.naiveRequestsPerPoll;
    lines.push(
      `| Outlook → CRM latency (webhooks), changes apart | p95 ≤ 2 s | ${latencyCell(r.latency.toCrm)} | its poll interval; polling every 2 s costs ${poll} requests per poll | — |`,
      `| CRM → Outlook latency, changes apart | p95 ≤ 2 s | ${latencyCell(r.latency.toOffice)} | its poll interval | — |`,
      ...(r.latency.toCrmBurst
        ? [
            `| Outlook → CRM latency, changes back to back (≤ 1 run per subscription per 5 s, RELIABILITY 18) | — | ${latencyCell(r.latency.toCrmBurst)} | its poll interval | — |`,
          ]
        : []),
      ...(r.latency.toOfficeBurst
        ? [
            `| CRM → Outlook latency, changes back to back | — | ${latencyCell(r.latency.toOfficeBurst)} | its poll interval | — |`,
          ]
        : []),
    );
  }
  for (const m of r.memory ?? []) {
    lines.push(
      m.error
        ? `| Peak RSS syncing ${m.contacts} contacts | flat, ≤ 300 MB | not measured: ${m.error} | — | — |`
        : `| Peak RSS syncing ${m.contacts} contacts | flat, ≤ 300 MB | ${m.peakMb} MB (before: ${m.baselineMb} MB; heap peak ${m.peakHeapMb} MB; ${secs(m.wallMs)}) | — | — |`,
    );
  }
  if (r.failures.length) lines.push('', '## Not measured', '', ...r.failures.map((f) => `- ${f}`));
  lines.push('', '## How the figures are taken', '', ...METHOD.map((m) => `- ${m}`));
  lines.push('', `The figures as JSON: \`${path.basename(jsonPathOf(r.options.out))}\`.`, '');
  return lines.join('\n');
}

export const jsonPathOf = (out: string) => out.replace(/\.md$/, '') + '.json';

export function writeReport(r: BenchReport): void {
  mkdirSync(path.dirname(r.options.out), { recursive: true });
  writeFileSync(r.options.out, renderReport(r));
  writeFileSync(jsonPathOf(r.options.out), `${JSON.stringify(r, null, 2)}\n`);
}
