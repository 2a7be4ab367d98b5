import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../platform/http/route.js';
import { permissionsSchema } from './permissions.js';

export const meSchema = z.object({
  user: z.object({
    id: z.uuid(),
    displayName: z.string(),
    userPrincipalName: z.string(),
    tenantId: z.uuid(),
    objectId: z.uuid(),
  }),
  organisation: z.object({ id: z.uuid(), name: z.string(), tenantId: z.uuid() }),
  profile: z.object({ id: z.uuid(), key: z.string(), name: z.string(), permissions: permissionsSchema }),
});

export function meRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/me',
      operationId: 'getMe',
      summary: 'The signed-in member, their organisation and their permissions',
      tag: 'me',
      responses: { 200: { description: 'The caller', schema: meSchema } },
      handler: async ({ principal: p }) => ({
        status: 200,
        body: {
          user: {
            id: p.userId,
            displayName: p.displayName,
            userPrincipalName: p.userPrincipalName,
            tenantId: p.tenantId,
            objectId: p.objectId,
          },
          organisation: { id: p.orgId, name: p.organisationName, tenantId: p.tenantId },
          profile: p.profile,
        },
      }),
    }),
  ];
}
