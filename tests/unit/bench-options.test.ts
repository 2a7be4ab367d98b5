import assert from 'node:assert/strict';
import { parseBenchOptions } from '../../scripts/bench/bench-options.js';
import { renderReport, type BenchReport } from '../../scripts/bench/bench-report.js';

describe('bench:sync options and report (per module)', () => {
  it('measures every module by default, at 2,000 tasks (200 with --quick)', () => {
    assert.deepEqual(parseBenchOptions([], undefined).modules, ['contacts', 'tasks']);
    assert.equal(parseBenchOptions([], undefined).tasks, 2000);
    assert.equal(parseBenchOptions(['--quick'], undefined).tasks, 200);
  });

  it('--modules picks and orders the modules, --tasks sizes the tasks; an unknown module is refused', () => {
    const o = parseBenchOptions(['--quick', '--modules', 'tasks,contacts', '--tasks', '50'], undefined);
    assert.deepEqual(o.modules, ['tasks', 'contacts']);
    assert.equal(o.tasks, 50);
    assert.throws(() => parseBenchOptions(['--modules', 'meetings'], undefined), /unknown module meetings/);
    assert.throws(() => parseBenchOptions(['--tasks', '0'], undefined), /positive integer/);
  });

  it("labels each module's rows with the module and its Office side", () => {
    const options = parseBenchOptions(['--quick', '--modules', 'tasks'], undefined);
    const report: BenchReport = {
      command: 'npm run bench:sync',
      date: '2026-12-06T00:00:00Z',
      machine: { cpus: 2, cpuModel: 'x', node: 'v22', memoryGb: 8, database: 'PGlite (files)' },
      options,
      modules: [
        {
          module: 'tasks',
          label: 'Tasks',
          noun: 'tasks',
          remoteName: 'To Do',
          manualNote: 'started by the user',
          items: 200,
          idle: {
            tandem: {
              requests: { total: 1, batch: 0, single: 1, auth: 0, shapes: {} },
              mailboxRequests: 1,
              wallMs: 100,
            },
            manual: { error: 'stuck' },
            naive: { httpCalls: 20, wallMs: 600 },
          },
        },
      ],
      failures: [],
      wallSeconds: 1,
    };
    const md = renderReport(report);
    assert.match(md, /N = 200 tasks/);
    assert.match(
      md,
      /\| Tasks: idle incremental run \(periodic, notification\): requests \| 1 \| 1 \(\+0 token\)/,
    );
    assert.match(
      md,
      /\| Tasks: idle "sync now" \(started by the user\): requests \| — \| not measured: stuck/,
    );
  });
});
