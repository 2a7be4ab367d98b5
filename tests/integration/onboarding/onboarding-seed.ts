import { randomUUID } from 'node:crypto';
import { newId } from '../../../src/platform/db/ids.js';
import { MemberRepository } from '../../../src/tenancy/member.repo.js';
import {
  hashInvitationSecret,
  newInvitationSecret,
} from '../../../src/tenancy/onboarding/invitation-secret.js';
import { InvitationRepository } from '../../../src/tenancy/onboarding/invitation.repo.js';
import type { TestApp, TestOrg } from '../../support/test-app.js';

/**
 * A pending invitation and a pending join request in an organisation of a {@link TestApp} (no
 * Graph there, so the invitation row is written as the service would after a directory lookup).
 */
export async function seedOnboarding(
  app: TestApp,
  org: TestOrg,
): Promise<{ invitationId: string; requestId: string }> {
  const members = new MemberRepository();
  const invitationId = newId();
  await app.tandem.db.scoped(org.orgId, async (tx) => {
    const profile = (await members.findProfileByKey(tx, org.orgId, 'standard'))!;
    await new InvitationRepository().insert(tx, {
      id: invitationId,
      orgId: org.orgId,
      tenantId: org.tenantId,
      inviteeObjectId: randomUUID(),
      inviteeUpn: `invitee@${org.tenantId.slice(0, 8)}.example.com`,
      inviteeDisplayName: 'Ivy Invitee',
      profileId: profile.id,
      tokenHash: hashInvitationSecret(newInvitationSecret()),
      invitedBy: org.admin.userId,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
  });
  const request = await app.tandem.container.onboarding.requestToJoin({
    tenantId: org.tenantId,
    objectId: randomUUID(),
    userPrincipalName: `asker@${org.tenantId.slice(0, 8)}.example.com`,
    displayName: 'Ada Asker',
  });
  return { invitationId, requestId: request.id };
}

/**
 * How tenant B calls each onboarding operation in the isolation sweep, with A's ids in the path,
 * and the answers that keep B to its own organisation (503: no Graph in that app).
 */
export const ONBOARDING_SWEEP: Record<
  string,
  { body?: unknown; status: number[]; id?: 'invitation' | 'request' | 'user' }
> = {
  'GET /api/v1/onboarding/status': { status: [200] },
  'POST /api/v1/organisations': { body: {}, status: [409] },
  'POST /api/v1/invitations/accept': { status: [404], id: 'invitation' },
  'POST /api/v1/join-requests': { body: {}, status: [409] },
  'GET /api/v1/join-requests': { status: [200] },
  'GET /api/v1/directory/users': { status: [503] },
  'POST /api/v1/invitations': { status: [503] },
  'GET /api/v1/invitations': { status: [200] },
  'POST /api/v1/invitations/{id}/resend': { status: [404], id: 'invitation' },
  'POST /api/v1/invitations/{id}/revoke': { status: [404], id: 'invitation' },
  'POST /api/v1/join-requests/{id}/approve': { body: {}, status: [404], id: 'request' },
  'POST /api/v1/join-requests/{id}/decline': { body: {}, status: [404], id: 'request' },
  'GET /api/v1/members': { status: [200] },
  'PATCH /api/v1/members/{userId}': { body: { profile: 'standard' }, status: [404], id: 'user' },
  'GET /api/v1/audit': { status: [200] },
};

/** The request tenant B sends for an onboarding operation of the sweep. */
export function onboardingCall(
  op: string,
  a: { orgId: string; adminUserId: string; adminObjectId: string; invitationId: string; requestId: string },
): { path: string; body?: unknown } {
  const spec = ONBOARDING_SWEEP[op]!;
  let path = op.split(' ')[1]!;
  const id = spec.id === 'invitation' ? a.invitationId : spec.id === 'request' ? a.requestId : a.adminUserId;
  path = path.replace('{id}', id).replace('{userId}', id);
  if (op === 'GET /api/v1/directory/users') path += '?search=ada';
  let body = spec.body;
  if (op === 'POST /api/v1/invitations/accept') body = { invitationId: a.invitationId, acceptTerms: true };
  if (op === 'POST /api/v1/invitations') body = { users: [{ id: a.adminObjectId }] };
  return { path, body };
}
