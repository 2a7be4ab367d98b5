import { foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../tenancy/tenancy.table.js';
import { SYNC_MODULES } from '../module-settings.table.js';
import type { DirectionCounts, SyncError, SyncStateName } from './sync-contract.js';

export const SYNC_STATE_NAMES = [
  'disabled',
  'idle',
  'queued',
  'running',
  'backoff',
  'paused',
  'needs_consent',
  'failed',
] as const satisfies readonly SyncStateName[];

/** Totals since enabling, per direction. */
export interface SyncCounts {
  toCrm: DirectionCounts;
  toOffice: DirectionCounts;
}

/** Why the engine waits for the user (`paused`, `failed`, `needs_consent`). */
export type PausedReason =
  | { code: 'mass_delete'; count: number; threshold: number; remoteIds: string[] }
  | { code: string; message: string };

/**
 * The persisted state machine of one member's sync of one module: where it stands, its container
 * in Office 365, the delta link (committed with the changes it covers), the lease of the run in
 * progress, backoff and totals. Options and mapping live here too (per user and module).
 */
export const syncStates = pgTable(
  'sync_states',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').notNull(),
    module: text('module', { enum: SYNC_MODULES }).notNull(),
    state: text('state', { enum: SYNC_STATE_NAMES }).notNull().default('disabled'),
    containerId: text('container_id'),
    deltaLink: text('delta_link'),
    /**
     * When the delta round of `deltaLink` began (its initial request, which fixed a calendar
     * window): a resource whose rounds age (`SyncResource.roundMaxAgeMs`) starts afresh after.
     */
    deltaRoundAt: timestamp('delta_round_at', { withTimezone: true }),
    /** Resource-specific ids (e.g. Outlook category ids) and the categories already restored once. */
    resourceState: jsonb('resource_state').$type<Record<string, unknown>>().notNull().default({}),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    /** CRM field → Graph field; empty means the resource's default mapping. */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default({}),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    failures: integer('failures').notNull().default(0),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    paused: jsonb('paused').$type<PausedReason>(),
    errors: jsonb('errors').$type<SyncError[]>().notNull().default([]),
    counts: jsonb('counts')
      .$type<SyncCounts>()
      .notNull()
      .default({
        toCrm: { created: 0, updated: 0, deleted: 0 },
        toOffice: { created: 0, updated: 0, deleted: 0 },
      }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'sync_states_pk', columns: [t.orgId, t.userId, t.module] }),
    foreignKey({
      name: 'sync_states_user_fk',
      columns: [t.orgId, t.userId],
      foreignColumns: [users.orgId, users.id],
    }),
  ],
);

export type SyncStateRow = typeof syncStates.$inferSelect;
