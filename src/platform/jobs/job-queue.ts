import PgBoss from 'pg-boss';
import type { JobsConnection } from '../db/database.js';
import type { Logger } from '../logging/logger.js';

/** How a job is queued. Jobs carry ids only; everything else is read from the database when they run. */
export interface SendOptions {
  /** Coalescing: at most one queued (and one running) job per key and queue. */
  singletonKey?: string;
  /** Delay before the job may run. */
  startAfterSeconds?: number;
}

export type JobHandler<T> = (data: T) => Promise<void>;

/**
 * Durable background jobs on the application's own database (pg-boss). `send` never runs the job
 * inline; a handler that throws is retried by pg-boss. Never call `send` inside a database
 * transaction: on PGlite every connection shares one session and would wait for it.
 */
export interface JobQueue {
  /** Resolves to false when an equal job (same queue and singleton key) was already queued. */
  send<T extends object>(queue: string, data: T, options?: SendOptions): Promise<boolean>;
  work<T extends object>(queue: string, handler: JobHandler<T>, workers?: number): Promise<void>;
}

export interface JobQueueOptions {
  connection: JobsConnection;
  logger: Logger;
  /** How often idle workers look for due jobs (≥ 0.5 s). */
  pollingIntervalSeconds: number;
  /**
   * How long an active job may run before pg-boss gives it up. A worker killed mid-job leaves its job
   * active, and the `stately` policy admits no other active job of the same key until this passes,
   * so it should not be much longer than the work's own lease.
   */
  expireInSeconds: number;
}

/**
 * pg-boss 10 on the same database as the rest of Tandem: on PostgreSQL through its connection
 * string, on PGlite through an executor over the embedded client. Queues use the `stately` policy
 * so a singleton key coalesces requests.
 */
export class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly workers = new Map<string, string[]>();
  private readonly started: Promise<void>;
  private stopped = false;

  constructor(private readonly options: JobQueueOptions) {
    this.boss = new PgBoss({
      ...options.connection,
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: 30,
    });
    this.boss.on('error', (err: unknown) => options.logger.error({ err }, 'job queue error'));
    this.started = this.boss.start().then(() => undefined);
    this.started.catch((err: unknown) => options.logger.error({ err }, 'job queue failed to start'));
  }

  /** Resolves once pg-boss has created or checked its schema. */
  ready(): Promise<void> {
    return this.started;
  }

  async send<T extends object>(queue: string, data: T, options: SendOptions = {}): Promise<boolean> {
    await this.queue(queue);
    const id = await this.boss.send(queue, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfterSeconds ? Math.ceil(options.startAfterSeconds) : undefined,
      retryLimit: 3,
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds,
    });
    if (id && !options.startAfterSeconds)
      for (const w of this.workers.get(queue) ?? []) this.boss.notifyWorker(w);
    return id !== null;
  }

  async work<T extends object>(queue: string, handler: JobHandler<T>, workers = 1): Promise<void> {
    await this.queue(queue);
    const ids: string[] = [];
    for (let i = 0; i < workers; i++) {
      ids.push(
        await this.boss.work<T>(
          queue,
          { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds },
          async ([job]) => {
            if (job) await handler(job.data);
          },
        ),
      );
    }
    this.workers.set(queue, [...(this.workers.get(queue) ?? []), ...ids]);
  }

  /** Stops the workers (waiting for running jobs up to `timeoutMs`); the database stays open. */
  async stop(timeoutMs = 5_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.started.catch(() => undefined);
    await new Promise<void>((resolve) => {
      this.boss.once('stopped', () => resolve());
      this.boss
        .stop({ graceful: true, close: true, wait: true, timeout: Math.max(1_000, timeoutMs) })
        .catch((err: unknown) => {
          this.options.logger.error({ err }, 'job queue stop failed');
          resolve();
        });
    });
  }

  private queue(name: string): Promise<void> {
    let created = this.queues.get(name);
    if (!created) {
      created = this.started.then(() => this.boss.createQueue(name, { name, policy: 'stately' }));
      this.queues.set(name, created);
    }
    return created;
  }
}
