import { bulkContacts, countCrmContacts, graphContactOf } from '../../tests/support/sync-fixtures.js';
import { outlookOf, takeUser, TANDEM_FOLDER, waitConverged, type BenchContext } from './bench-context.js';

export interface MemoryPoint {
  contacts: number;
  /** RSS after a full GC, before enabling (MB). */
  baselineMb: number;
  /** Highest RSS sampled every 100 ms while the folder synced (MB). */
  peakMb: number;
  /** Highest heap used sampled (MB). */
  peakHeapMb: number;
  wallMs: number;
  error?: string;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Figure 4: Tandem's process memory while it pulls folders of growing size (one fresh member per
 * size). RSS is sampled in this process, which is Tandem's (the sandbox runs in its own).
 */
export async function memoryPhase(ctx: BenchContext): Promise<MemoryPoint[]> {
  const points: MemoryPoint[] = [];
  for (const size of ctx.options.memorySizes) {
    const user = takeUser(ctx);
    const box = outlookOf(ctx, user);
    const folderId = await box.ensureFolder(TANDEM_FOLDER);
    await box.createMany(folderId, bulkContacts(ctx.options.seed, `mem${size}`, size).map(graphContactOf), 3);
    const member = await ctx.tandem.addMember(ctx.orgId, user);
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage();
    let peak = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 100);
    const started = Date.now();
    let error: string | undefined;
    try {
      await ctx.tandem.api(member, 'PUT', '/sync/contacts', { enabled: true });
      await waitConverged(
        ctx.tandem,
        member,
        started,
        async () => (await countCrmContacts(ctx.tandem.tandem.db, ctx.orgId, member.userId)) >= size,
        180_000 + size * 120,
      );
    } catch (err) {
      error = (err as Error).message;
    } finally {
      clearInterval(sampler);
    }
    points.push({
      contacts: size,
      baselineMb: mb(baseline.rss),
      peakMb: mb(peak),
      peakHeapMb: mb(peakHeap),
      wallMs: Date.now() - started,
      ...(error ? { error } : {}),
    });
    if (error) break;
  }
  return points;
}
