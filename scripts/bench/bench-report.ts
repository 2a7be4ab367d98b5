import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchModuleKey, BenchOptions } from './bench-context.js';
import type { IdleRunFigures, RunFigures } from './idle-run.phase.js';
import type { InitialSyncFigures, TandemFigures } from './initial-sync.phase.js';
import type { LatencyFigures, LatencyStats } from './latency.phase.js';
import type { MemoryPoint } from './memory.phase.js';

export interface BenchReport {
  command: string;
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; memoryGb: number; database: string };
  options: Omit<BenchOptions, 'databaseUrl'>;
  /** The figures of each module measured, in the order run. */
  modules: ModuleFigures[];
  /** Contacts' memory figures. */
  memory?: MemoryPoint[];
  /** Phases that could not run, and why. */
  failures: string[];
  wallSeconds: number;
}

/** One module's rows: labelled with its name, its Office side and its size. */
export interface ModuleFigures {
  module: BenchModuleKey;
  /** "Contacts", "Tasks". */
  label: string;
  noun: string;
  /** Outlook, To Do. */
  remoteName: string;
  /** What "sync now" does besides the delta. */
  manualNote: string;
  items: number;
  initial?: Omit<InitialSyncFigures, 'pullMember' | 'pullConverged' | 'pullFolderId'>;
  idle?: IdleRunFigures;
  latency?: LatencyFigures;
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
    `| ${label}: throughput | ≤ ceiling ${Math.round(tandem.ceilingPerSecond)} req/s | ${tandem.itemsPerSecond} items/s (${tandem.mailboxRequests} mailbox requests) | ${naivePerSecond} items/s | ${ratio(tandem.itemsPerSecond, naivePerSecond)} |`,
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
  "Rows are labelled with the module they measure (contacts, tasks), each with its own members and mailboxes; the naive client works in the administrator's mailbox, which Tandem does not sync.",
  'Initial push: N CRM contacts owned by a member who then enables the module; timed from `PUT /api/v1/sync/contacts` until all N are in "Tandem Contacts" and the module is idle with nothing pending. Initial pull: N contacts already in another member\'s "Tandem Contacts" folder (adopted on enable), timed until all N are CRM records. The naive client does the same transfer in a mailbox Tandem does not sync (pull: lists the same folder).',
  'Tasks: the same figures with the "Tandem Tasks" Microsoft To Do list for the folder: N tasks with due dates, priorities, statuses, reminders and one in ten recurring (`tests/support/task-fixtures.ts`); the naive client posts to and lists a To Do list. Before the idle runs of tasks the benchmark waits 6.5 s and runs once: To Do\'s notifications carry no etag, so Tandem\'s own writes of the first sync each wake a follow-up run.',
  'Idle runs after convergence, counted until the run is over: a periodic run (what the backstop and change notifications start), and "sync now" (for contacts it also checks the master categories). The naive client has no delta: every run re-lists the folder or list.',
  "Latency: one contact at a time created on one side — apart: 6 s after the previous one was seen (past the receiver's 5 s window, which Tandem's own write-back of the previous contact opens); back to back: as soon as it was seen — (Outlook: POST as the user through Graph; CRM: created as the member) and polled every 20 ms on the other side; change notifications from the sandbox (Graph's timings) trigger the runs. A naive poller's latency is its polling interval; polling every 2 s would cost a full re-list per poll.",
  "Memory: RSS of the benchmark process, which is Tandem's (the sandbox runs in a child process), sampled every 100 ms while a member's folder of that size is pulled; the process also holds the benchmark harness, and with PGlite the database itself (use DATABASE_URL for PostgreSQL).",
];

/** A module's rows: initial push and pull, idle runs, latency; each label starts with the module. */
function moduleRows(m: ModuleFigures): string[] {
  const lines: string[] = [];
  const remote = m.remoteName;
  if (m.initial) {
    lines.push(
      ...transferRows(
        `${m.label}: initial push of ${m.items} CRM ${m.noun}`,
        m.initial.push.tandem,
        m.initial.push.naive,
      ),
      ...transferRows(
        `${m.label}: initial pull of ${m.items} ${remote} ${m.noun}`,
        m.initial.pull.tandem,
        m.initial.pull.naive,
      ),
    );
  }
  if (m.idle) {
    const idle = m.idle;
    const row = (label: string, goal: string, t: RunFigures) =>
      'error' in t
        ? `| ${label} | ${goal} | not measured: ${t.error} | ${idle.naive.httpCalls} | — |`
        : `| ${label} | ${goal} | ${t.requests.batch + t.requests.single} (+${t.requests.auth} token), ${secs(t.wallMs)} | ${idle.naive.httpCalls} (full re-list), ${secs(idle.naive.wallMs)} | ${ratio(idle.naive.httpCalls, t.requests.batch + t.requests.single)} fewer |`;
    lines.push(row(`${m.label}: idle incremental run (periodic, notification): requests`, '1', idle.tandem));
    if (idle.manual)
      lines.push(row(`${m.label}: idle "sync now" (${m.manualNote}): requests`, '—', idle.manual));
  }
  if (m.latency) {
    const l = m.latency;
    const row = (
      label: string,
      goal: string,
      s: LatencyStats | { error: string } | undefined,
      naive: string,
    ) => (s ? [`| ${m.label}: ${label} | ${goal} | ${latencyCell(s)} | ${naive} | — |`] : []);
    lines.push(
      ...row(
        `${remote} → CRM latency (webhooks), changes apart`,
        'p95 ≤ 2 s',
        l.toCrm,
        `its poll interval; polling every 2 s costs ${l.naiveRequestsPerPoll} requests per poll`,
      ),
      ...row(`CRM → ${remote} latency, changes apart`, 'p95 ≤ 2 s', l.toOffice, 'its poll interval'),
      ...row(
        `${remote} → CRM latency, changes back to back (≤ 1 run per subscription per 5 s, RELIABILITY 18)`,
        '—',
        l.toCrmBurst,
        'its poll interval',
      ),
      ...row(`CRM → ${remote} latency, changes back to back`, '—', l.toOfficeBurst, 'its poll interval'),
    );
  }
  return lines;
}

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
    `- N = ${r.modules.map((m) => `${m.items} ${m.noun}`).join(', ') || 'none'}; seed ${r.options.seed}`,
    '',
    '| Figure | Goal | Tandem | Naive baseline | Ratio |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const m of r.modules) lines.push(...moduleRows(m));
  for (const m of r.memory ?? []) {
    lines.push(
      m.error
        ? `| Contacts: peak RSS syncing ${m.contacts} contacts | flat, ≤ 300 MB | not measured: ${m.error} | — | — |`
        : `| Contacts: peak RSS syncing ${m.contacts} contacts | flat, ≤ 300 MB | ${m.peakMb} MB (before: ${m.baselineMb} MB; heap peak ${m.peakHeapMb} MB; ${secs(m.wallMs)}) | — | — |`,
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
