import { foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../tenancy/tenancy.table.js';
import { SYNC_MODULES } from '../module-settings.table.js';
import type { JournalEntry } from './sync-contract.js';
import type { SyncCounts } from './sync-state.table.js';

export const JOURNAL_DIRECTIONS = [
  'to_crm',
  'to_office',
  'none',
] as const satisfies readonly JournalEntry['direction'][];
export const JOURNAL_ACTIONS = [
  'create',
  'update',
  'merge',
  'conflict',
  'delete',
  'link',
  'skip',
  'error',
] as const satisfies readonly JournalEntry['action'][];

/** Append-only per-item journal: what changed, which direction, why (PRODUCT §6). */
export const syncJournal = pgTable(
  'sync_journal',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').notNull(),
    module: text('module', { enum: SYNC_MODULES }).notNull(),
    runId: uuid('run_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    direction: text('direction', { enum: JOURNAL_DIRECTIONS }).notNull(),
    action: text('action', { enum: JOURNAL_ACTIONS }).notNull(),
    crmId: uuid('crm_id'),
    remoteId: text('remote_id'),
    label: text('label'),
    fields: jsonb('fields').$type<string[]>().notNull().default([]),
    reason: text('reason').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('sync_journal_target').on(t.orgId, t.userId, t.module, t.id),
    foreignKey({
      name: 'sync_journal_user_fk',
      columns: [t.orgId, t.userId],
      foreignColumns: [users.orgId, users.id],
    }),
  ],
);

export type JournalRow = typeof syncJournal.$inferSelect;

export const RUN_OUTCOMES = ['running', 'succeeded', 'failed', 'paused', 'skipped'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** One row per run: what triggered it, when, how it ended and what it moved (the activity chart). */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').notNull(),
    module: text('module', { enum: SYNC_MODULES }).notNull(),
    reason: text('reason').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: text('outcome', { enum: RUN_OUTCOMES }).notNull().default('running'),
    counts: jsonb('counts').$type<SyncCounts & { errors: number }>(),
    errorCode: text('error_code'),
  },
  (t) => [
    index('sync_runs_target').on(t.orgId, t.userId, t.module, t.startedAt),
    foreignKey({
      name: 'sync_runs_user_fk',
      columns: [t.orgId, t.userId],
      foreignColumns: [users.orgId, users.id],
    }),
  ],
);

export type RunRow = typeof syncRuns.$inferSelect;
