import { z } from 'zod';
import type { FieldIssue } from '../platform/errors/app-error.js';
import type { FieldCatalog } from './engine/sync-contract.js';
import { SYNC_MODULES } from './module-settings.table.js';

/** Zod shapes of the sync REST API (`/api/v1/sync/...`): what the server validates and documents. */

export const moduleParams = z.strictObject({ module: z.enum(SYNC_MODULES) });

const directionCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
});

export const moduleSyncViewSchema = z.object({
  module: z.enum(SYNC_MODULES),
  enabled: z.boolean(),
  state: z.enum(['disabled', 'idle', 'queued', 'running', 'backoff', 'paused', 'needs_consent', 'failed']),
  updatedAt: z.iso.datetime().nullable(),
  container: z.object({ name: z.string(), id: z.string().nullable() }),
  lastSuccessAt: z.iso.datetime().nullable(),
  lastRunAt: z.iso.datetime().nullable(),
  nextRunAt: z.iso.datetime().nullable(),
  counts: z.object({ toCrm: directionCounts, toOffice: directionCounts }),
  pending: z.number().int().meta({ description: 'CRM changes not yet in Office 365.' }),
  errors: z
    .array(
      z.object({
        at: z.iso.datetime(),
        code: z.string(),
        message: z.string(),
        crmId: z.string().optional(),
        remoteId: z.string().optional(),
      }),
    )
    .meta({ description: 'Most recent first, at most 20.' }),
  conflicts: z.number().int(),
  paused: z
    .union([
      z.object({ code: z.literal('mass_delete'), count: z.number().int(), threshold: z.number().int() }),
      z.object({ code: z.string(), message: z.string() }),
    ])
    .nullable()
    .meta({ description: 'Why the engine waits for the user (state `paused` or `failed`).' }),
  options: z.record(z.string(), z.unknown()),
  mapping: z.record(z.string(), z.string()).meta({ description: 'CRM field → Graph field.' }),
});

/** `PUT /sync/:module`: the whole setting; options and mapping may be left out (kept as they are). */
export const moduleUpdateSchema = z.strictObject({
  enabled: z.boolean(),
  options: z.record(z.string().max(100), z.unknown()).optional(),
  mapping: z
    .record(z.string().min(1).max(100), z.string().min(1).max(200))
    .optional()
    .meta({ description: 'CRM field → Graph field (see `GET /sync/{module}/catalog`).' }),
});

export const JOURNAL_ACTIONS = [
  'create',
  'update',
  'merge',
  'conflict',
  'delete',
  'link',
  'skip',
  'error',
] as const;

export const journalQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.enum(JOURNAL_ACTIONS).optional(),
});

export const journalPageSchema = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      at: z.iso.datetime(),
      runId: z.string().nullable(),
      direction: z.enum(['to_crm', 'to_office', 'none']),
      action: z.enum(JOURNAL_ACTIONS),
      crmId: z.string().nullable(),
      remoteId: z.string().nullable(),
      label: z.string().nullable(),
      fields: z.array(z.string()),
      reason: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const dryRunItem = z.object({
  label: z.string(),
  crmId: z.string().optional(),
  remoteId: z.string().optional(),
  matchedBy: z.string().optional(),
});

export const dryRunSchema = z.object({
  module: z.enum(SYNC_MODULES),
  toOffice: z.object({ create: z.array(dryRunItem), link: z.array(dryRunItem) }),
  toCrm: z.object({ create: z.array(dryRunItem), link: z.array(dryRunItem), merge: z.array(dryRunItem) }),
  container: z.object({ name: z.string(), exists: z.boolean() }),
});

const named = z.object({ name: z.string(), label: z.string() });

export const catalogSchema = z.object({
  module: z.enum(SYNC_MODULES),
  crmFields: z.array(named),
  graphFields: z.array(named),
  defaultMapping: z.record(z.string(), z.string()),
  options: z.array(
    z.object({
      name: z.string(),
      default: z.unknown(),
      description: z.string(),
      choices: z.array(z.string()).optional().meta({ description: 'The values the option may take.' }),
    }),
  ),
});

export const resolvePauseSchema = z.strictObject({
  applyDeletions: z
    .boolean()
    .meta({ description: '`true` applies the deletions; `false` keeps the items (relinks or recreates).' }),
});

export const restoreParams = z.strictObject({
  module: z.enum(SYNC_MODULES),
  entryId: z.uuid().meta({ description: "Id of a `conflict` entry of the caller's journal" }),
});

export const restoreSchema = z.strictObject({
  field: z.string().min(1).max(100).meta({ description: 'The conflicted CRM field to restore' }),
  version: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'The record version the user saw; another one answers 412 and writes nothing' }),
});

export const restoredSchema = z.object({
  crmId: z.string(),
  field: z.string(),
  value: z.unknown(),
  version: z.number(),
  synced: z
    .boolean()
    .meta({ description: 'Whether the field still syncs (the value goes on to Office 365)' }),
});

const ptr = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks a settings update against the module's catalog: every mapped CRM field and Graph field is
 * one the catalog offers, and every option is a known one of the same kind as its default. One issue
 * per bad row, so the tab can show it beside the row. (Rules of a module beyond its catalog, such as
 * compatible field types, are the module's own, checked by the service.)
 */
export function catalogIssues(
  catalog: FieldCatalog,
  update: { mapping?: Record<string, string>; options?: Record<string, unknown> },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const crm = new Set(catalog.crmFields.map((f) => f.name));
  const graph = new Set(catalog.graphFields.map((f) => f.name));
  for (const [field, target] of Object.entries(update.mapping ?? {})) {
    const pointer = `/mapping/${ptr(field)}`;
    if (!crm.has(field)) {
      issues.push({
        pointer,
        in: 'body',
        code: 'unknown_crm_field',
        detail: `"${field}" is not a CRM field`,
      });
    } else if (!graph.has(target)) {
      issues.push({
        pointer,
        in: 'body',
        code: 'unknown_graph_field',
        detail: `"${target}" is not a field Microsoft Graph exposes for this module`,
      });
    }
  }
  const known = new Map(catalog.options.map((o) => [o.name, o]));
  for (const [name, value] of Object.entries(update.options ?? {})) {
    const pointer = `/options/${ptr(name)}`;
    const option = known.get(name);
    if (!option) {
      issues.push({ pointer, in: 'body', code: 'unknown_option', detail: 'is not an option of this module' });
    } else if (!sameKind(option.default, value)) {
      issues.push({
        pointer,
        in: 'body',
        code: 'invalid_option',
        detail: `must be ${kindOf(option.default)}`,
      });
    } else if (option.choices && !option.choices.includes(value as string)) {
      issues.push({
        pointer,
        in: 'body',
        code: 'invalid_option',
        detail: `must be one of ${option.choices.join(', ')}`,
      });
    }
  }
  return issues;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : `a ${typeof value}`;
}

function sameKind(expected: unknown, value: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length <= 255);
  }
  return expected === null || expected === undefined || typeof expected === typeof value;
}
