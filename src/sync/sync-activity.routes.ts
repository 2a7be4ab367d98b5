import { defineRoute, type RouteSpec } from '../platform/http/route.js';
import type { SyncService } from './engine/sync-contract.js';
import {
  catalogSchema,
  dryRunSchema,
  journalPageSchema,
  journalQuerySchema,
  moduleParams,
  moduleSyncViewSchema,
  resolvePauseSchema,
  restoredSchema,
  restoreParams,
  restoreSchema,
} from './sync-api.schema.js';

/** What a module's sync did and would do (journal, dry run), what it offers (catalog), and the pause answer. */
export function syncActivityRoutes(sync: SyncService): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/sync/:module/journal',
      operationId: 'getSyncJournal',
      summary: "The caller's sync journal: what changed, in which direction, and why (newest first)",
      tag: 'sync',
      params: moduleParams,
      query: journalQuerySchema,
      responses: { 200: { description: 'A page of the journal', schema: journalPageSchema } },
      handler: async ({ principal, params, query }) => ({
        status: 200,
        body: await sync.journal(principal, params.module, {
          limit: query.limit,
          ...(query.cursor ? { cursor: query.cursor } : {}),
          ...(query.action ? { action: query.action } : {}),
        }),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/sync/:module/journal/:entryId/restore',
      operationId: 'restoreSyncConflict',
      summary: "Restore the value a conflict replaced in one field (the caller's own edit, synced on)",
      tag: 'sync',
      params: restoreParams,
      body: restoreSchema,
      responses: {
        200: { description: 'The restored value and the record version', schema: restoredSchema },
      },
      handler: async ({ principal, params, body }) => ({
        status: 200,
        body: await sync.restoreConflict(principal, params.module, params.entryId, body),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/sync/:module/dry-run',
      operationId: 'dryRunSyncModule',
      summary: 'What the first sync would create, link and merge on each side; changes nothing',
      tag: 'sync',
      params: moduleParams,
      responses: { 200: { description: 'Dry-run report', schema: dryRunSchema } },
      handler: async ({ principal, params }) => ({
        status: 200,
        body: await sync.dryRun(principal, params.module),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/sync/:module/catalog',
      operationId: 'getSyncCatalog',
      summary: 'CRM fields, the Graph fields they may map to, the default mapping and the options',
      tag: 'sync',
      params: moduleParams,
      responses: { 200: { description: 'Field catalog', schema: catalogSchema } },
      handler: async ({ params }) => ({ status: 200, body: sync.catalog(params.module) }),
    }),
    defineRoute({
      method: 'post',
      path: '/sync/:module/resolve-pause',
      operationId: 'resolveSyncPause',
      summary: 'Answer a mass-deletion pause: apply the deletions or keep the items',
      tag: 'sync',
      params: moduleParams,
      body: resolvePauseSchema,
      responses: { 200: { description: 'Module', schema: moduleSyncViewSchema } },
      handler: async ({ principal, params, body }) => ({
        status: 200,
        body: await sync.resolvePause(principal, params.module, body.applyDeletions),
      }),
    }),
  ];
}
