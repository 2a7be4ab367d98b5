import { randomUUID } from 'node:crypto';
import type { RecordRepository } from '../../crm/shared/record.repo.js';
import type { RecordService } from '../../crm/shared/record.service.js';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../platform/db/database.js';
import { PgBossJobQueue } from '../../platform/jobs/job-queue.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { GraphPort } from '../graph/graph-port.js';
import { OUTBOX_RUN_WINDOW_MS, OutboxRuns } from '../jobs/outbox-runs.js';
import { SyncScanner } from '../jobs/sync-scanner.js';
import { syncRunHandler } from '../jobs/sync-run.job.js';
import { JobSyncTrigger, SYNC_RUN_QUEUE, type SyncRunJob } from '../jobs/sync-trigger.js';
import type { ModuleSettingsRepository } from '../module-settings.repo.js';
import { RunCoalescer } from '../webhooks/run-coalescer.js';
import { MemberRecords } from './member-records.js';
import { OwnWrites } from './own-writes.js';
import { PauseResolver } from './pause-resolver.js';
import { PullApplier } from './pull-apply.js';
import { PushConflicts } from './push-conflicts.js';
import type { SubscriptionLifecycle, SyncService, SyncTrigger, SyncUserNotifier } from './sync-contract.js';
import { SyncJournalRepository } from './sync-journal.repo.js';
import { SyncLifecycle } from './sync-lifecycle.js';
import type { SyncLinkRepository } from './sync-link.repo.js';
import { PullPhase } from './sync-pull.js';
import { ImportPhase } from './sync-import.js';
import { PushPhase } from './sync-push.js';
import type { SyncResource } from './sync-resource.js';
import { SyncRunner } from './sync-runner.js';
import { SyncStateRepository } from './sync-state.repo.js';
import { EngineSyncService } from './sync.service.js';
import { ConflictRestorer } from './conflict-restore.js';

export interface SyncEngineDeps {
  config: Config;
  db: Database;
  logger: Logger;
  graph: GraphPort;
  records: RecordService;
  recordRepo: RecordRepository;
  links: SyncLinkRepository;
  settings: ModuleSettingsRepository;
  resources: Map<string, SyncResource>;
  /** The engine's clock; the system's when absent (tests move it to age delta rounds). */
  now?: () => Date;
}

/**
 * The sync engine of one process, composed: façade, trigger, runner, job workers and scanner.
 * `start()` starts pg-boss (its schema is checked concurrently with the rest of start-up) and the
 * workers; `stop()` waits for running jobs and leaves the database open.
 */
export class SyncEngine {
  readonly service: SyncService;
  readonly trigger: SyncTrigger;
  readonly runner: SyncRunner;
  readonly scanner: SyncScanner;
  /** What the push just wrote to Office 365, so the webhooks can tell its echoes. */
  readonly ownWrites = new OwnWrites();
  /** Starts the run of a CRM change's outbox rows once the change has committed. */
  readonly outboxRuns: OutboxRuns;
  private readonly jobs: PgBossJobQueue;
  private readonly jobTrigger: JobSyncTrigger;
  private notifier: SyncUserNotifier | undefined;
  private subscriptions: SubscriptionLifecycle | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly deps: SyncEngineDeps) {
    const { config, db, logger, graph, records, links, resources } = deps;
    const states = new SyncStateRepository();
    const journal = new SyncJournalRepository();
    const memberRecords = new MemberRecords(
      deps.recordRepo,
      new Map([...deps.resources.values()].map((r) => [r.definition.type, r])),
    );
    this.jobs = new PgBossJobQueue({
      connection: db.jobs,
      logger,
      pollingIntervalSeconds: 0.5,
      // the run's lease guards the work; the job only needs to outlive one lease (renewed while running)
      expireInSeconds: config.sync.leaseSeconds + 60,
    });
    this.jobTrigger = new JobSyncTrigger(this.jobs);
    this.trigger = this.jobTrigger;
    this.outboxRuns = new OutboxRuns({
      db,
      trigger: this.jobTrigger,
      coalescer: new RunCoalescer(OUTBOX_RUN_WINDOW_MS, logger),
      logger,
    });
    const lifecycle = new SyncLifecycle({
      db,
      graph,
      states,
      links,
      settings: deps.settings,
      memberRecords,
      logger,
      subscriptions: () => this.subscriptions,
    });
    const applier = new PullApplier({ db, links, journal, records, memberRecords });
    this.runner = new SyncRunner({
      db,
      states,
      journal,
      pull: new PullPhase({
        db,
        links,
        states,
        memberRecords,
        applier,
        leaseSeconds: config.sync.leaseSeconds,
        massDelete: config.sync.massDelete,
        now: deps.now ?? (() => new Date()),
      }),
      imports: new ImportPhase({ db, states, journal, records, memberRecords }),
      push: new PushPhase({
        db,
        links,
        journal,
        memberRecords,
        conflicts: new PushConflicts({ db, links, records, memberRecords, ownWrites: this.ownWrites }),
        states,
        leaseSeconds: config.sync.leaseSeconds,
        ownWrites: this.ownWrites,
      }),
      lifecycle,
      resources,
      notifier: () => this.notifier,
      later: (target, seconds, reason) => this.jobTrigger.later(target, seconds, reason),
      logger: logger.child({ component: 'sync' }),
      leaseSeconds: config.sync.leaseSeconds,
      upkeepSeconds: config.sync.upkeepSeconds,
      owner: `${process.pid}:${randomUUID()}`,
    });
    this.service = new EngineSyncService({
      db,
      states,
      links,
      journal,
      settings: deps.settings,
      memberRecords,
      lifecycle,
      pauses: new PauseResolver({ db, states, links, journal, records, memberRecords }),
      trigger: this.trigger,
      resources,
      restorer: new ConflictRestorer({ db, journal, states, records, resources }),
    });
    this.scanner = new SyncScanner({
      db,
      states,
      trigger: this.jobTrigger,
      logger,
      scanSeconds: config.sync.scanSeconds,
      backstopSeconds: config.sync.backstopSeconds,
    });
  }

  /** The bot's Teams delivery (needs consent, mass deletion, container deleted, run finished). */
  setNotifier(notifier: SyncUserNotifier | undefined): void {
    this.notifier = notifier;
  }

  /** The webhooks' subscription keeper, called on enable/disable and container loss. */
  setSubscriptions(subscriptions: SubscriptionLifecycle | undefined): void {
    this.subscriptions = subscriptions;
  }

  start(): Promise<void> {
    this.starting ??= (async () => {
      await this.jobs.ready();
      await this.jobs.work<SyncRunJob>(
        SYNC_RUN_QUEUE,
        syncRunHandler(this.runner, this.jobTrigger, this.deps.logger),
        this.deps.config.sync.workers,
      );
      this.scanner.start();
    })();
    this.starting.catch((err: unknown) => this.deps.logger.error({ err }, 'sync engine failed to start'));
    return this.starting;
  }

  async stop(): Promise<void> {
    await this.scanner.stop();
    await this.outboxRuns.stop();
    await this.jobs.stop();
  }
}
