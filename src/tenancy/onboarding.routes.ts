import { z } from 'zod';
import { defineIdentityRoute, type RouteSpec } from '../platform/http/route.js';
import type { OnboardingService } from './onboarding/onboarding.service.js';
import { joinRequestSchema, metaOf, statusSchema } from './onboarding/onboarding.schemas.js';

const acceptBody = z.strictObject({
  token: z.string().min(1).max(128).optional(),
  invitationId: z.uuid().optional(),
  acceptTerms: z.literal(true, { message: 'accept the terms to join' }),
  associateWith: z.strictObject({ token: z.string().min(1).max(8192) }).optional(),
});

/**
 * Onboarding operations open to any signed-in Microsoft identity (member or not): where the
 * caller stands, bootstrap, accepting an invitation, asking to join. Identity from the token only.
 */
export function onboardingIdentityRoutes(onboarding: OnboardingService): RouteSpec[] {
  const { bootstrap, acceptance, joinRequests } = onboarding.parts;
  return [
    defineIdentityRoute({
      method: 'get',
      path: '/onboarding/status',
      operationId: 'getOnboardingStatus',
      summary:
        'Whether the caller is a member, invited, waiting for approval, or their tenant has no organisation',
      tag: 'onboarding',
      responses: { 200: { description: 'Status', schema: statusSchema } },
      handler: async ({ identity }) => ({ status: 200, body: await bootstrap.status(identity) }),
    }),
    defineIdentityRoute({
      method: 'post',
      path: '/organisations',
      operationId: 'createOrganisation',
      summary: "Bootstrap: the tenant's first user creates its organisation and becomes Administrator",
      tag: 'onboarding',
      body: z.strictObject({ name: z.string().trim().min(1).max(120).optional() }),
      responses: {
        201: {
          description: 'Created',
          schema: z.object({ organisation: z.object({ id: z.uuid(), name: z.string() }) }),
        },
        409: { description: 'The tenant already has an organisation (organisation_exists)' },
      },
      handler: async ({ identity, ssoToken, body, req }) => ({
        status: 201,
        body: {
          organisation: await bootstrap.bootstrap({ identity, ssoToken, meta: metaOf(req) }, body.name),
        },
      }),
    }),
    defineIdentityRoute({
      method: 'post',
      path: '/invitations/accept',
      operationId: 'acceptInvitation',
      summary:
        'Accept an invitation bound to the caller (the mail link secret, or its id), optionally for another account',
      tag: 'onboarding',
      body: acceptBody,
      responses: {
        200: {
          description: 'Joined',
          schema: z.object({
            organisation: z.object({ id: z.uuid(), name: z.string() }),
            profile: z.object({ key: z.string(), name: z.string() }),
          }),
        },
        409: { description: 'Already used, or already a member' },
        410: { description: 'Expired or revoked' },
      },
      handler: async ({ identity, ssoToken, body, req }) => {
        const { organisation, profile } = await acceptance.accept(
          { identity, ssoToken, meta: metaOf(req) },
          body,
        );
        return { status: 200, body: { organisation, profile } };
      },
    }),
    defineIdentityRoute({
      method: 'post',
      path: '/join-requests',
      operationId: 'createJoinRequest',
      summary: "Ask to join the organisation of the caller's tenant (one pending request at a time)",
      tag: 'onboarding',
      body: z.strictObject({ message: z.string().max(500).optional() }),
      responses: {
        201: { description: 'Requested', schema: joinRequestSchema },
        409: { description: 'A request is already pending (join_request_pending), or already a member' },
        429: {
          description: 'Too many requests; see Retry-After',
          headers: { 'Retry-After': 'Seconds to wait' },
        },
      },
      handler: async ({ identity, ssoToken, body, req }) => {
        const { orgId: _org, ...view } = await joinRequests.create(
          { identity, ssoToken, meta: metaOf(req) },
          body.message,
        );
        return { status: 201, body: view };
      },
    }),
  ];
}
