import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import { decideRunFailure } from './failure-policy.js';
import type { RunReason, SyncError, SyncTarget, SyncUserNotifier } from './sync-contract.js';
import type { SyncJournalRepository } from './sync-journal.repo.js';
import type { SyncLifecycle } from './sync-lifecycle.js';
import { loadSyncMember } from './sync-member.repo.js';
import { ContainerGoneError, type MassDeletePause, type PullPhase } from './sync-pull.js';
import type { ImportPhase } from './sync-import.js';
import type { PushPhase } from './sync-push.js';
import type { SyncResource } from './sync-resource.js';
import { RunTally, type RunContext, type SyncMember } from './sync-run-context.js';
import type { SyncStateRepository } from './sync-state.repo.js';
import type { SyncStateRow } from './sync-state.table.js';
import type { RunRow } from './sync-journal.table.js';
import { userMessageFor } from './user-messages.js';

/** How a run request ended: ran (whatever the outcome), another run holds the target, or nothing to run. */
export type RunResult = 'ran' | 'busy' | 'idle';

export interface RunnerDeps {
  db: Database;
  states: SyncStateRepository;
  journal: SyncJournalRepository;
  pull: PullPhase;
  push: PushPhase;
  /** Items outside the container the member chose to import (between pull and push). */
  imports: ImportPhase;
  lifecycle: SyncLifecycle;
  resources: Map<string, SyncResource>;
  notifier: () => SyncUserNotifier | undefined;
  /** Queues a later run (backoff, resync). */
  later: (target: SyncTarget, seconds: number, reason: RunReason) => Promise<void>;
  logger: Logger;
  leaseSeconds: number;
  /** Seconds between two upkeeps of a target (first and manual runs always do it). */
  upkeepSeconds: number;
  /** Identifies this worker in leases. */
  owner: string;
}

const MAX_ERRORS = 20;
/** Where the resource state keeps the time of the last upkeep. */
const UPKEEP_AT = 'upkeepAt';

/**
 * Runs one target under its lease: pending creates resolved, pull (delta) then push (outbox); the
 * outcome goes through the one failure policy into the persisted state machine.
 */
export class SyncRunner {
  constructor(private readonly deps: RunnerDeps) {}

  async run(target: SyncTarget, reason: RunReason): Promise<RunResult> {
    const resource = this.deps.resources.get(target.module);
    if (!resource) return 'idle';
    type Leased = { busy: boolean } | { state: SyncStateRow; member: SyncMember | undefined; run: RunRow };
    const leased = await this.deps.db.scoped(target.orgId, async (tx): Promise<Leased> => {
      const state = await this.deps.states.acquireLease(tx, target, this.deps.owner, this.deps.leaseSeconds);
      if (!state) return { busy: (await this.deps.states.get(tx, target))?.leaseUntil != null };
      const member = await loadSyncMember(tx, target.orgId, target.userId);
      const run = await this.deps.journal.startRun(tx, target, reason);
      return { state, member, run };
    });
    if (!('state' in leased)) return leased.busy ? 'busy' : 'idle';
    const { state, member, run } = leased;
    const tally = new RunTally();
    if (!member || !state.containerId) {
      await this.finish(target, state, run, tally, {
        state: 'failed',
        paused: { code: 'member_inactive', message: 'The member is no longer active.' },
      });
      return 'ran';
    }
    const settings = resource.settings({}, { options: state.options, mapping: state.mapping });
    const ctx: RunContext = {
      target,
      runId: run.id,
      leaseOwner: this.deps.owner,
      resource,
      settings,
      fields: resource.fields(settings),
      containerId: state.containerId,
      deltaLink: state.deltaLink,
      deltaRoundAt: state.deltaRoundAt,
      mailbox: this.deps.lifecycle.mailboxOf(member),
      member,
      tally,
    };
    try {
      const resourceState = await this.upkeep(ctx, state, reason);
      await this.deps.push.resolvePendingCreates(ctx);
      const pause = await this.deps.pull.run(ctx);
      const afterImport = await this.deps.imports.run(ctx, resourceState);
      await this.deps.push.run(ctx);
      await this.succeeded(target, state, run, tally, reason, afterImport, pause);
    } catch (err) {
      await this.failed(target, state, run, tally, err);
    }
    return 'ran';
  }

  /**
   * The resource's upkeep (contacts: the master categories) when due, so an idle run between two
   * upkeeps costs one request, its delta. The time of the last upkeep is kept in the resource state.
   */
  private async upkeep(
    ctx: RunContext,
    state: SyncStateRow,
    reason: RunReason,
  ): Promise<Record<string, unknown>> {
    const { prepare } = ctx.resource;
    if (!prepare) return state.resourceState;
    const last = Date.parse(String(state.resourceState[UPKEEP_AT] ?? ''));
    const due =
      reason === 'enabled' ||
      reason === 'manual' ||
      !Number.isFinite(last) ||
      Date.now() - last >= this.deps.upkeepSeconds * 1000;
    const next = await prepare.call(ctx.resource, ctx.mailbox, state.resourceState, { due });
    return due ? { ...next, [UPKEEP_AT]: new Date().toISOString() } : next;
  }

  private async succeeded(
    target: SyncTarget,
    state: SyncStateRow,
    run: RunRow,
    tally: RunTally,
    reason: RunReason,
    resourceState: Record<string, unknown>,
    pause: MassDeletePause | undefined,
  ): Promise<void> {
    await this.finish(target, state, run, tally, {
      state: pause ? 'paused' : 'idle',
      paused: pause ? { code: 'mass_delete', ...pause } : null,
      failures: 0,
      nextRunAt: null,
      resourceState,
      lastSuccessAt: new Date(),
    });
    const notifier = this.deps.notifier();
    if (pause)
      await this.tell(() =>
        notifier?.massDeletePaused(target, { count: pause.count, threshold: pause.threshold }),
      );
    if (reason === 'manual' || reason === 'enabled') {
      const summary = { ...tally.counts(), errors: tally.errors.length };
      await this.tell(() => notifier?.runFinished(target, summary));
    }
  }

  private async failed(
    target: SyncTarget,
    state: SyncStateRow,
    run: RunRow,
    tally: RunTally,
    err: unknown,
  ): Promise<void> {
    const gone = err instanceof ContainerGoneError;
    const failures = state.failures + 1;
    const decision = decideRunFailure(gone ? err.graphError : err, failures, { onContainer: gone });
    const error: SyncError = {
      at: new Date().toISOString(),
      code: decision.code,
      message: userMessageFor(decision.code),
    };
    this.deps.logger.warn({ target, code: decision.code, decision: decision.kind, err }, 'sync run failed');
    tally.errors.unshift(error);
    const notifier = this.deps.notifier();
    switch (decision.kind) {
      case 'backoff':
        await this.finish(
          target,
          state,
          run,
          tally,
          { state: 'backoff', failures, nextRunAt: new Date(Date.now() + decision.delayMs) },
          decision.code,
        );
        await this.deps.later(target, decision.delayMs / 1000, 'retry');
        return;
      case 'resync':
        await this.finish(
          target,
          state,
          run,
          tally,
          { state: 'queued', failures, deltaLink: null },
          decision.code,
        );
        await this.deps.later(target, 0, 'resync');
        return;
      case 'needs_consent':
        await this.finish(
          target,
          state,
          run,
          tally,
          { state: 'needs_consent', failures, paused: { code: decision.code, message: error.message } },
          decision.code,
        );
        await this.tell(() =>
          notifier?.needsConsent(target, { code: decision.code, message: error.message }),
        );
        return;
      case 'container_gone': {
        await this.finish(target, state, run, tally, {}, decision.code);
        const containerName = this.deps.resources.get(target.module)!.containerName;
        await this.deps.lifecycle.containerGone(target, containerName);
        await this.tell(() => notifier?.containerDeleted(target, { containerName }));
        return;
      }
      case 'failed':
        await this.finish(
          target,
          state,
          run,
          tally,
          { state: 'failed', failures, paused: { code: decision.code, message: error.message } },
          decision.code,
        );
    }
  }

  /** Releases the lease with the run's outcome, totals and errors; closes the run log. */
  private async finish(
    target: SyncTarget,
    state: SyncStateRow,
    run: RunRow,
    tally: RunTally,
    patch: Parameters<SyncStateRepository['release']>[3],
    errorCode?: string,
  ): Promise<void> {
    await this.deps.db.scoped(target.orgId, async (tx) => {
      const current = (await this.deps.states.get(tx, target)) ?? state;
      await this.deps.states.release(tx, target, this.deps.owner, {
        ...patch,
        counts: tally.addTo(current.counts),
        errors: [...tally.errors, ...current.errors].slice(0, MAX_ERRORS),
      });
      const outcome = errorCode ? 'failed' : patch.state === 'paused' ? 'paused' : 'succeeded';
      await this.deps.journal.finishRun(
        tx,
        run,
        outcome,
        { ...tally.counts(), errors: tally.errors.length },
        errorCode,
      );
    });
  }

  /** The notifier is best effort: a failed Teams message never fails the sync. */
  private async tell(fn: () => Promise<void> | undefined): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.deps.logger.warn({ err }, 'sync notification failed');
    }
  }
}
