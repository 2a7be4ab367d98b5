import type { Request } from 'express';
import { z } from 'zod';
import type { RequestMeta } from './audit-trail.js';

/** Zod shapes of the onboarding views (OpenAPI documentation of the REST contract). */
const profileRef = z.object({ key: z.string(), name: z.string() });
const userRef = z.object({ userId: z.uuid(), displayName: z.string() });

export const invitationSchema = z.object({
  id: z.uuid(),
  invitee: z.object({
    objectId: z.uuid(),
    userPrincipalName: z.string(),
    displayName: z.string(),
    mail: z.string().nullable(),
  }),
  profile: profileRef,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  invitedBy: userRef,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  lastSentAt: z.iso.datetime(),
  sendCount: z.number().int(),
  delivery: z.object({
    email: z.enum(['sent', 'failed']),
    teams: z.enum(['sent', 'not_installed', 'failed']),
  }),
  acceptedAt: z.iso.datetime().nullable(),
});

export const joinRequestSchema = z.object({
  id: z.uuid(),
  requester: z.object({ objectId: z.uuid(), userPrincipalName: z.string(), displayName: z.string() }),
  message: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'declined', 'withdrawn']),
  createdAt: z.iso.datetime(),
  decidedBy: userRef.nullable(),
  decidedAt: z.iso.datetime().nullable(),
  profile: profileRef.nullable(),
});

export const memberSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  profile: profileRef,
  status: z.enum(['active', 'inactive']),
  joinedAt: z.iso.datetime(),
});

export const directoryUserSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  mail: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  jobTitle: z.string().nullable(),
  membership: z.enum(['member', 'invited', 'none']),
});

export const auditEntrySchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  actor: z.object({
    userId: z.uuid().nullable(),
    displayName: z.string().nullable(),
    objectId: z.string().nullable(),
  }),
  action: z.string(),
  target: z.object({ kind: z.string(), id: z.string(), label: z.string().nullable() }),
  outcome: z.enum(['success', 'refused']),
  detail: z.string().nullable(),
});

export const statusSchema = z.object({
  state: z.enum(['member', 'no_organisation', 'not_a_member']),
  organisation: z.object({ name: z.string() }).optional(),
  invitation: z
    .object({
      id: z.uuid(),
      organisation: z.object({ name: z.string() }),
      profile: profileRef,
      expiresAt: z.iso.datetime(),
    })
    .optional(),
  joinRequest: joinRequestSchema.optional(),
});

/** A profile key: built-in (`standard`, `manager`, `administrator`) or custom. */
export const profileKey = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'a profile key');
export const guid = z.guid().transform((s) => s.toLowerCase());
export const idParams = z.strictObject({ id: z.uuid() });

/** The audit columns of a REST call: correlation id and client address. */
export function metaOf(req: Request): RequestMeta {
  return { requestId: typeof req.id === 'string' ? req.id : String(req.id ?? ''), clientIp: req.ip };
}
