import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../platform/http/route.js';
import type { OnboardingService } from './onboarding/onboarding.service.js';
import {
  directoryUserSchema,
  guid,
  idParams,
  invitationSchema,
  metaOf,
  profileKey,
} from './onboarding/onboarding.schemas.js';

const inviteResult = z.object({
  id: z.string(),
  status: z.enum(['invited', 'refused']),
  code: z.enum(['already_a_member', 'already_invited', 'not_in_tenant', 'unknown_profile']).optional(),
  message: z.string().optional(),
  invitation: invitationSchema.optional(),
});

/** Case 1 for holders of `manageUsers`: search the tenant directory, invite, list, resend, revoke. */
export function invitationRoutes(onboarding: OnboardingService): RouteSpec[] {
  const { invitations } = onboarding.parts;
  return [
    defineRoute({
      method: 'get',
      path: '/directory/users',
      operationId: 'searchDirectory',
      summary:
        "Search the caller's Microsoft 365 directory (on behalf of the caller), with each user's membership",
      tag: 'onboarding',
      query: z.strictObject({ search: z.string().trim().min(1).max(100) }),
      responses: { 200: { description: 'Users', schema: z.object({ users: z.array(directoryUserSchema) }) } },
      handler: async ({ principal, ssoToken, query }) => ({
        status: 200,
        body: { users: await invitations.searchDirectory({ principal, ssoToken }, query.search) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/invitations',
      operationId: 'inviteUsers',
      summary:
        'Invite directory users of the caller’s tenant (a result per user: invited or refused with a reason)',
      tag: 'onboarding',
      body: z.strictObject({
        users: z
          .array(z.strictObject({ id: guid }))
          .min(1)
          .max(50),
        profile: profileKey.optional(),
      }),
      responses: {
        207: { description: 'One result per user', schema: z.object({ results: z.array(inviteResult) }) },
        429: { description: 'Too many invitations this hour', headers: { 'Retry-After': 'Seconds to wait' } },
      },
      handler: async ({ principal, ssoToken, body, req }) => ({
        status: 207,
        body: {
          results: await invitations.invite(
            { principal, ssoToken, meta: metaOf(req) },
            { userIds: body.users.map((u) => u.id), profile: body.profile },
          ),
        },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/invitations',
      operationId: 'listInvitations',
      summary: 'Invitations of the organisation, newest first',
      tag: 'onboarding',
      query: z.strictObject({ status: z.enum(['pending', 'accepted', 'revoked', 'expired']).optional() }),
      responses: {
        200: { description: 'Invitations', schema: z.object({ invitations: z.array(invitationSchema) }) },
      },
      handler: async ({ principal, query }) => ({
        status: 200,
        body: { invitations: await invitations.list({ principal }, query.status) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/invitations/:id/resend',
      operationId: 'resendInvitation',
      summary: 'Send a pending invitation again with a new link (the previous link stops working)',
      tag: 'onboarding',
      params: idParams,
      responses: { 200: { description: 'Re-sent', schema: invitationSchema } },
      handler: async ({ principal, ssoToken, params, req }) => ({
        status: 200,
        body: await invitations.resend({ principal, ssoToken, meta: metaOf(req) }, params.id),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/invitations/:id/revoke',
      operationId: 'revokeInvitation',
      summary: 'Withdraw a pending invitation',
      tag: 'onboarding',
      params: idParams,
      responses: { 200: { description: 'Revoked', schema: invitationSchema } },
      handler: async ({ principal, params, req }) => ({
        status: 200,
        body: await invitations.revoke({ principal, meta: metaOf(req) }, params.id),
      }),
    }),
  ];
}
