import { sql } from 'drizzle-orm';
import type { Attendee } from '../../crm/shared/common.schema.js';
import { rowsOf, type Tx } from '../../platform/db/database.js';
import type { Actor } from '../../tenancy/principal.js';
import { OrganisationSettingsRepository } from '../../tenancy/organisation-settings/organisation-settings.repo.js';
import { invitationUid } from './meeting-invitations.js';

const settings = new OrganisationSettingsRepository();

/**
 * "One shared meeting" (issue 7, the organisation's `sharedClientMeetings`): a client invitation
 * whose iCalUId is already a CRM meeting of the organisation — captured by another invited member —
 * joins that meeting, the member added as a participant (accepted: only accepted invitations are
 * captured), instead of becoming the member's own. The first capture stays the meeting's owner and
 * the one following the organiser's changes. Off (the default): each member gets their own.
 */
export async function joinSharedMeeting(
  tx: Tx,
  actor: Actor,
  item: Record<string, unknown>,
): Promise<{ crmId: string; fields: Record<string, unknown> } | undefined> {
  const uid = invitationUid(item);
  if (!uid || !(await settings.syncPolicy(tx, actor.orgId)).sharedClientMeetings) return undefined;
  const [meeting] = rowsOf<{ id: string; ownerId: string; attendees: Attendee[] }>(
    await tx.execute(sql`
      select id, owner_id as "ownerId", attendees from meetings
      where org_id = ${actor.orgId} and ical_uid = ${uid} and deleted_at is null
      order by created_at, id limit 1`),
  );
  if (!meeting || meeting.ownerId === actor.userId) return undefined;
  const [member] = rowsOf<{ email: string; name: string }>(
    await tx.execute(sql`
      select lower(coalesce(email, user_principal_name)) as email, display_name as name
      from users where org_id = ${actor.orgId} and id = ${actor.userId}`),
  );
  if (!member) return undefined;
  const attendees = meeting.attendees ?? [];
  const present = attendees.find((a) => a.email.toLowerCase() === member.email);
  if (present?.response === 'accepted') return { crmId: meeting.id, fields: {} };
  const me: Attendee = {
    email: member.email,
    name: member.name.slice(0, 200),
    type: 'required',
    response: 'accepted',
  };
  const next = present
    ? attendees.map((a) => (a === present ? { ...a, response: 'accepted' as const } : a))
    : [...attendees, me].slice(0, 500);
  return { crmId: meeting.id, fields: { attendees: next } };
}
