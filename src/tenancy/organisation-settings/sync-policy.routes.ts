import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { metaOf } from '../onboarding/onboarding.schemas.js';
import type { SyncPolicyService } from './sync-policy.service.js';

const syncPolicySchema = z.strictObject({
  sharedClientMeetings: z
    .boolean()
    .describe(
      'Client meeting invitations: one CRM meeting shared by every invited member (each a participant) instead of one each.',
    ),
});

/** `GET|PUT /organisation/sync-policy`: what the sync does the same way for the whole organisation. */
export function syncPolicyRoutes(policies: SyncPolicyService): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/organisation/sync-policy',
      operationId: 'getSyncPolicy',
      summary: "The organisation's sync policy",
      tag: 'sync',
      responses: { 200: { description: 'The policy', schema: syncPolicySchema } },
      handler: async ({ principal }) => ({ status: 200, body: await policies.get(principal) }),
    }),
    defineRoute({
      method: 'put',
      path: '/organisation/sync-policy',
      operationId: 'putSyncPolicy',
      summary: "Change the organisation's sync policy (holders of manageUsers; audited)",
      tag: 'sync',
      body: syncPolicySchema,
      responses: {
        200: { description: 'The policy now', schema: syncPolicySchema },
        403: { description: 'Not a holder of manageUsers (not_permitted)' },
      },
      handler: async ({ principal, body, req }) => ({
        status: 200,
        body: await policies.update(principal, body, metaOf(req)),
      }),
    }),
  ];
}
