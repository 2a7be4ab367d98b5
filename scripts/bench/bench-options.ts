import {
  BENCH_MODULES,
  BENCH_PHASES,
  type BenchModuleKey,
  type BenchOptions,
  type BenchPhase,
} from './bench-context.js';

const USAGE = `npm run bench:sync -- [--modules contacts,tasks] [--contacts N] [--tasks N] [--quick]
                       [--memory-sizes 10000,25000] [--latency-samples N]
                       [--time-scale N] [--graph-latency-ms N] [--seed N]
                       [--phases initial,latency,memory] [--out docs/PERFORMANCE.md]
DATABASE_URL=postgres://… runs Tandem on a fresh PostgreSQL database (PGlite files otherwise).`;

const positive = (name: string, raw: string | undefined): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive integer\n${USAGE}`);
  return n;
};

/** The benchmark's command line. `--quick` is the CI smoke size; explicit options still win. */
export function parseBenchOptions(argv: string[], databaseUrl: string | undefined): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    contacts: quick ? 200 : 5_000,
    tasks: quick ? 200 : 2_000,
    modules: [...BENCH_MODULES],
    latencySamples: quick ? 10 : 40,
    memorySizes: quick ? [500, 1_000] : [10_000, 25_000],
    timeScale: 10,
    phases: [...BENCH_PHASES],
    graphLatencyMs: 10,
    seed: 20261121,
    databaseUrl,
    out: quick ? 'docs/PERFORMANCE.quick.md' : 'docs/PERFORMANCE.md',
    quick,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i];
    switch (arg) {
      case '--quick':
        break;
      case '--contacts':
        options.contacts = positive(arg, value());
        break;
      case '--tasks':
        options.tasks = positive(arg, value());
        break;
      case '--modules': {
        const modules = [...new Set((value() ?? '').split(','))];
        const unknown = modules.filter((m) => !(BENCH_MODULES as readonly string[]).includes(m));
        if (unknown.length || !modules.length)
          throw new Error(`unknown module ${unknown.join(', ')} (${BENCH_MODULES.join(', ')})\n${USAGE}`);
        options.modules = modules as BenchModuleKey[];
        break;
      }
      case '--latency-samples':
        options.latencySamples = positive(arg, value());
        break;
      case '--memory-sizes':
        options.memorySizes = (value() ?? '').split(',').map((s) => positive(arg, s));
        break;
      case '--time-scale':
        options.timeScale = positive(arg, value());
        break;
      case '--phases': {
        const phases = (value() ?? '').split(',');
        const unknown = phases.filter((p) => !(BENCH_PHASES as readonly string[]).includes(p));
        if (unknown.length) throw new Error(`unknown phase ${unknown.join(', ')}\n${USAGE}`);
        options.phases = phases as BenchPhase[];
        break;
      }
      case '--graph-latency-ms':
        options.graphLatencyMs = Number(value());
        break;
      case '--seed':
        options.seed = positive(arg, value());
        break;
      case '--out':
        options.out = value() ?? options.out;
        break;
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return options;
}
