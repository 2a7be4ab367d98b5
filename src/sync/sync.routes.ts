import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../platform/http/route.js';
import type { ModuleSettingsService } from './module-settings.service.js';
import { SYNC_MODULES } from './module-settings.table.js';

const moduleStatus = z.object({
  module: z.enum(SYNC_MODULES),
  enabled: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});
const moduleParams = z.strictObject({ module: z.enum(SYNC_MODULES) });

/** The caller's own sync switches (never another member's: there is no user in the path). */
export function syncRoutes(settings: ModuleSettingsService): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/sync',
      operationId: 'getSyncStatus',
      summary: "The caller's sync modules (contacts, meetings, tasks) and whether each is enabled",
      tag: 'sync',
      responses: { 200: { description: 'Modules', schema: z.object({ modules: z.array(moduleStatus) }) } },
      handler: async ({ principal }) => ({
        status: 200,
        body: { modules: await settings.statusOf(principal) },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/sync/:module',
      operationId: 'getSyncModule',
      summary: 'One sync module of the caller',
      tag: 'sync',
      params: moduleParams,
      responses: { 200: { description: 'Module', schema: moduleStatus } },
      handler: async ({ principal, params }) => ({
        status: 200,
        body: (await settings.statusOf(principal)).find((m) => m.module === params.module),
      }),
    }),
    defineRoute({
      method: 'patch',
      path: '/sync/:module',
      operationId: 'updateSyncModule',
      summary: 'Enable or disable a sync module for the caller',
      tag: 'sync',
      params: moduleParams,
      body: z.strictObject({ enabled: z.boolean() }),
      responses: { 200: { description: 'Module', schema: moduleStatus } },
      handler: async ({ principal, params, body }) => ({
        status: 200,
        body: await settings.setEnabled(principal, params.module, body.enabled),
      }),
    }),
  ];
}
