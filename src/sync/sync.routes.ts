import { z } from 'zod';
import { ValidationError } from '../platform/errors/app-error.js';
import { defineRoute, type RouteSpec } from '../platform/http/route.js';
import type { SyncService } from './engine/sync-contract.js';
import { catalogIssues, moduleParams, moduleSyncViewSchema, moduleUpdateSchema } from './sync-api.schema.js';
import { syncActivityRoutes } from './sync-activity.routes.js';

/**
 * The caller's own sync modules: state, settings and runs. Never another member's: there is no
 * user in any path, the service acts for the principal only.
 */
export function syncRoutes(sync: SyncService): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/sync',
      operationId: 'getSyncStatus',
      summary: "The caller's sync modules (contacts, meetings, tasks): switch, state, counts, errors",
      tag: 'sync',
      responses: {
        200: { description: 'Modules', schema: z.object({ modules: z.array(moduleSyncViewSchema) }) },
      },
      handler: async ({ principal }) => ({ status: 200, body: { modules: await sync.list(principal) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/sync/:module',
      operationId: 'getSyncModule',
      summary: 'One sync module of the caller',
      tag: 'sync',
      params: moduleParams,
      responses: { 200: { description: 'Module', schema: moduleSyncViewSchema } },
      handler: async ({ principal, params }) => ({
        status: 200,
        body: await sync.get(principal, params.module),
      }),
    }),
    defineRoute({
      method: 'put',
      path: '/sync/:module',
      operationId: 'putSyncModule',
      summary: 'Enable or disable a module and set its options and field mapping',
      tag: 'sync',
      params: moduleParams,
      body: moduleUpdateSchema,
      responses: { 200: { description: 'Module', schema: moduleSyncViewSchema } },
      handler: async ({ principal, params, body }) => {
        if (body.mapping || body.options) {
          const issues = catalogIssues(sync.catalog(params.module), body);
          if (issues.length) throw new ValidationError(issues, 'Some settings are not valid.');
        }
        return { status: 200, body: await sync.update(principal, params.module, body) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/sync/:module',
      operationId: 'updateSyncModule',
      summary: 'Enable or disable a sync module for the caller',
      tag: 'sync',
      params: moduleParams,
      body: z.strictObject({ enabled: z.boolean() }),
      responses: { 200: { description: 'Module', schema: moduleSyncViewSchema } },
      handler: async ({ principal, params, body }) => ({
        status: 200,
        body: await sync.update(principal, params.module, { enabled: body.enabled }),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/sync/:module/run',
      operationId: 'runSyncModule',
      summary: 'Sync the module now: queued at once, the run finishes in the background',
      tag: 'sync',
      params: moduleParams,
      responses: { 202: { description: 'Queued', schema: z.object({ queued: z.literal(true) }) } },
      handler: async ({ principal, params }) => ({
        status: 202,
        body: await sync.runNow(principal, params.module),
      }),
    }),
    ...syncActivityRoutes(sync),
  ];
}
