import assert from 'node:assert/strict';
import type { FaultsConfig } from '../../../src/sandbox/hostile/hostile-config.js';
import type { SoakModule } from './fault-soak.modules.js';
import { SoakWorld, type SoakCounters, type SoakSnapshot } from './fault-soak.scenario.js';

/**
 * Per request: 10 % 429 (a fifth without Retry-After), 3 % 503, 2 % 504, 2 % connection resets,
 * 1 % lost responses. Connection faults are an HTTP request's (a `$batch` draws them once, see the
 * sandbox's faults); an item of a batch loses its answer as Graph does it, a 504 after the change
 * was stored (`commit`).
 */
export const GRAPH_FAULTS: FaultsConfig = {
  seed: 20261121,
  latency: { baseMs: 0, jitterMs: 0 },
  rules: [
    { match: {}, fault: 'reset', probability: 0.02 },
    { match: { method: 'POST' }, fault: 'drop', probability: 0.01 },
    { match: { method: 'PATCH' }, fault: 'drop', probability: 0.01 },
    { match: { method: 'POST' }, fault: '504', commit: true, probability: 0.01 },
    { match: { method: 'PATCH' }, fault: '504', commit: true, probability: 0.01 },
    { match: {}, fault: '429', probability: 0.08, retryAfterSeconds: 1 },
    { match: {}, fault: '429', probability: 0.02, retryAfterSeconds: null },
    { match: {}, fault: '503', probability: 0.03, retryAfterSeconds: 1 },
    { match: {}, fault: '504', probability: 0.02 },
  ],
};

export interface RunResult {
  afterInitial: SoakSnapshot;
  final: SoakSnapshot;
  counters: SoakCounters;
  faultsInjected: Record<string, number>;
  seconds: number;
}

/**
 * One world from seeding to the end state: `items` of the module (half created in the CRM, half on
 * the Office side), initial sync, then `edits` edits on each side (different items), then sync.
 */
export async function runWorld(
  module: SoakModule,
  sandboxSeed: number,
  sizes: { items: number; edits: number },
  faults?: FaultsConfig,
): Promise<RunResult> {
  const world = await SoakWorld.start(sandboxSeed, { database: 'memory', module });
  try {
    const started = Date.now();
    await world.seedBothSides(sizes.items / 2, sizes.items / 2);
    await world.limits(faults);
    const enabledAt = Date.now();
    await world.enable();
    await world.converge(sizes.items, enabledAt, 8 * 60_000);
    const log = await world.faultLog();
    await world.faultsOff();
    const afterInitial = await world.snapshot();

    await module.editCrm(world, await world.actor(), world.crmIds.slice(0, sizes.edits));
    for (const id of world.outlookIds.slice(0, sizes.edits))
      await world.remote.update(world.folderId, id, module.remoteEdit);
    if (faults) await world.faults(faults);
    const editedAt = Date.now();
    const run = await world.api('POST', `/sync/${module.key}/run`);
    assert.equal(run.status, 202, run.text);
    await world.converge(sizes.items, editedAt, 5 * 60_000);
    log.push(...(await world.faultLog()));
    await world.faultsOff();
    const faultsInjected: Record<string, number> = {};
    for (const e of log) {
      const kind = e.fault === 'drop' || (e.fault === '504' && e.commit) ? 'lost response' : e.fault;
      faultsInjected[kind] = (faultsInjected[kind] ?? 0) + 1;
    }
    return {
      afterInitial,
      final: await world.snapshot(),
      counters: await world.counters(),
      faultsInjected,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await world.stop();
  }
}
