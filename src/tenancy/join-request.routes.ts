import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../platform/http/route.js';
import type { OnboardingService } from './onboarding/onboarding.service.js';
import { idParams, joinRequestSchema, metaOf, profileKey } from './onboarding/onboarding.schemas.js';

const decided = {
  200: { description: 'Decided', schema: joinRequestSchema },
  409: { description: 'Already decided (already_decided, with decidedBy and decidedAt)' },
};

/** Case 2 for holders of `manageUsers`: the organisation's join requests, approve or decline once. */
export function joinRequestRoutes(onboarding: OnboardingService): RouteSpec[] {
  const { joinRequests } = onboarding.parts;
  return [
    defineRoute({
      method: 'get',
      path: '/join-requests',
      operationId: 'listJoinRequests',
      summary: 'Requests to join the organisation, newest first',
      tag: 'onboarding',
      query: z.strictObject({ status: z.enum(['pending', 'approved', 'declined', 'withdrawn']).optional() }),
      responses: {
        200: { description: 'Requests', schema: z.object({ requests: z.array(joinRequestSchema) }) },
      },
      handler: async ({ principal, query }) => ({
        status: 200,
        body: { requests: await joinRequests.list({ principal }, query.status) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/join-requests/:id/approve',
      operationId: 'approveJoinRequest',
      summary: 'Approve and add the requester (Standard unless a profile is given)',
      tag: 'onboarding',
      params: idParams,
      body: z.strictObject({ profile: profileKey.optional() }),
      responses: decided,
      handler: async ({ principal, ssoToken, params, body, req }) => ({
        status: 200,
        body: await joinRequests.approve({ principal, ssoToken, meta: metaOf(req) }, params.id, body.profile),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/join-requests/:id/decline',
      operationId: 'declineJoinRequest',
      summary: 'Decline a request to join (the requester is told, with the reason if given)',
      tag: 'onboarding',
      params: idParams,
      body: z.strictObject({ reason: z.string().trim().max(500).optional() }),
      responses: decided,
      handler: async ({ principal, ssoToken, params, body, req }) => ({
        status: 200,
        body: await joinRequests.decline({ principal, ssoToken, meta: metaOf(req) }, params.id, body.reason),
      }),
    }),
  ];
}
