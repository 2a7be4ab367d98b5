import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../platform/http/route.js';
import type { OnboardingService } from './onboarding/onboarding.service.js';
import { auditEntrySchema, memberSchema, metaOf, profileKey } from './onboarding/onboarding.schemas.js';

/** The Team tab's members and onboarding audit trail (holders of `manageUsers`). */
export function memberRoutes(onboarding: OnboardingService): RouteSpec[] {
  const { members } = onboarding.parts;
  return [
    defineRoute({
      method: 'get',
      path: '/members',
      operationId: 'listMembers',
      summary: 'Members of the organisation with their profile and status',
      tag: 'onboarding',
      responses: { 200: { description: 'Members', schema: z.object({ members: z.array(memberSchema) }) } },
      handler: async ({ principal }) => ({
        status: 200,
        body: { members: await members.list({ principal }) },
      }),
    }),
    defineRoute({
      method: 'patch',
      path: '/members/:userId',
      operationId: 'changeMemberProfile',
      summary: "Change a member's profile (the last Administrator cannot be changed)",
      tag: 'onboarding',
      params: z.strictObject({ userId: z.uuid() }),
      body: z.strictObject({ profile: profileKey }),
      responses: {
        200: { description: 'Changed', schema: memberSchema },
        409: { description: 'The last Administrator (last_administrator)' },
      },
      handler: async ({ principal, params, body, req }) => ({
        status: 200,
        body: await members.changeProfile({ principal, meta: metaOf(req) }, params.userId, body.profile),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/audit',
      operationId: 'listAudit',
      summary: 'The onboarding audit trail: who invited, approved, declined or changed whom, and refusals',
      tag: 'onboarding',
      query: z.strictObject({ cursor: z.string().max(200).optional() }),
      responses: {
        200: {
          description: 'Entries, newest first',
          schema: z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
        },
      },
      handler: async ({ principal, query }) => ({
        status: 200,
        body: await members.auditTrail({ principal }, query.cursor),
      }),
    }),
  ];
}
