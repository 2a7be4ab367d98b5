import type { InvitationRow } from './invitation.table.js';
import type { JoinRequestRow } from './join-request.table.js';
import type { InvitationStatus, InvitationView, JoinRequestView } from './onboarding.contract.js';

export interface ProfileRef {
  key: string;
  name: string;
}

export interface UserRef {
  userId: string;
  displayName: string;
}

/** A pending invitation past its expiry reads as expired, whether or not a sweep marked it. */
export function invitationStatus(row: InvitationRow, now = new Date()): InvitationStatus {
  return row.status === 'pending' && row.expiresAt <= now ? 'expired' : row.status;
}

export function invitationView(row: InvitationRow, profile: ProfileRef, invitedBy: UserRef): InvitationView {
  return {
    id: row.id,
    invitee: {
      objectId: row.inviteeObjectId,
      userPrincipalName: row.inviteeUpn,
      displayName: row.inviteeDisplayName,
      mail: row.inviteeMail,
    },
    profile,
    status: invitationStatus(row),
    invitedBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastSentAt: row.lastSentAt.toISOString(),
    sendCount: row.sendCount,
    // A delivery still `pending` was never confirmed (the process stopped mid-send): not delivered.
    delivery: {
      email: row.emailDelivery === 'sent' ? 'sent' : 'failed',
      teams: row.teamsDelivery === 'pending' ? 'failed' : row.teamsDelivery,
    },
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
  };
}

export function joinRequestView(
  row: JoinRequestRow,
  decidedBy: UserRef | null,
  profile: ProfileRef | null,
): JoinRequestView {
  return {
    id: row.id,
    requester: {
      objectId: row.requesterObjectId,
      userPrincipalName: row.requesterUpn,
      displayName: row.requesterDisplayName,
    },
    message: row.message,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    profile,
  };
}
