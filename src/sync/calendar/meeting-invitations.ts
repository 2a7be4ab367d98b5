import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import type { CrmReads, MailboxContext } from '../engine/sync-resource.js';
import { OCCURRENCES_KEY } from './meeting.mapper.js';
import { readOccurrences } from './meeting-series.js';
import { syncWindow } from './meeting-window.js';
import { EVENT_READ_HEADERS } from './meeting-notes.js';

type Item = Record<string, unknown>;

/** Where an invitation carries what the CRM meeting made from it takes besides its values. */
const INVITATION_KEY = '@tandem.invitation';

interface Invitation {
  iCalUId: string | null;
  organizer: { name: string | null; email: string };
  contactId?: string;
  leadId?: string;
}

const organizerOf = (e: Item) =>
  (e.organizer as { emailAddress?: { address?: string; name?: string } } | undefined)?.emailAddress;

/**
 * Whether each address (lower-cased) is a CRM contact's or lead's across the member's organisation,
 * with the record's id when the member may see it (the meeting can then refer to it).
 */
async function clientsByEmail(
  crm: CrmReads,
  emails: string[],
): Promise<Map<string, { contactId?: string; leadId?: string }>> {
  const list = sql.join(
    emails.map((e) => sql`${e}`),
    sql`, `,
  );
  return crm.read(async (tx, actor) => {
    type Row = { id: string; email: string; ownerId: string };
    const contacts = rowsOf<Row>(
      await tx.execute(sql`
        select c.id, lower(e->>'address') as email, c.owner_id as "ownerId"
        from contacts c, jsonb_array_elements(c.emails) e
        where c.org_id = ${actor.orgId} and c.deleted_at is null and lower(e->>'address') in (${list})`),
    );
    const leads = rowsOf<Row>(
      await tx.execute(sql`
        select id, lower(email) as email, owner_id as "ownerId" from leads
        where org_id = ${actor.orgId} and deleted_at is null and lower(email) in (${list})`),
    );
    const visible = (r: Row) => actor.permissions.recordScope === 'all' || r.ownerId === actor.userId;
    const found = new Map<string, { contactId?: string; leadId?: string }>();
    for (const l of leads) found.set(l.email, visible(l) ? { leadId: l.id } : {});
    for (const c of contacts)
      if (visible(c) || !found.get(c.email)?.leadId)
        found.set(c.email, visible(c) ? { contactId: c.id } : {});
    return found;
  });
}

/**
 * "Add client meeting invitations" (PRODUCT §3 Meetings): the meetings of the member's main
 * calendar that the member accepted and whose organiser is a CRM contact or lead (by email, across
 * the organisation), single events and series (a series with its exceptions and cancelled
 * occurrences), within the sync window. Each carries what its CRM meeting takes: the iCalUId (the
 * same for every invited member, so their meetings show as one), the organiser, the contact or lead.
 */
export async function clientInvitations(ctx: MailboxContext, crm: CrmReads): Promise<Item[]> {
  const from = syncWindow().start.getTime();
  const url =
    `/users/${encodeURIComponent(ctx.mailbox)}/calendar/events` +
    `?$filter=${encodeURIComponent('isOrganizer eq false')}`;
  const accepted: Item[] = [];
  for await (const page of ctx.graph.pages(ctx.auth, ctx.mailbox, url, { ...EVENT_READ_HEADERS }))
    for (const e of page.items as Item[]) {
      const answer = (e.responseStatus as { response?: string } | undefined)?.response;
      const ends = Date.parse(`${String((e.end as { dateTime?: string })?.dateTime ?? '').slice(0, 19)}Z`);
      if (answer === 'accepted' && organizerOf(e)?.address && !(ends < from)) accepted.push(e);
    }
  if (!accepted.length) return [];
  const clients = await clientsByEmail(crm, [
    ...new Set(accepted.map((e) => organizerOf(e)!.address!.toLowerCase())),
  ]);
  const captured: Item[] = [];
  for (const e of accepted) {
    const organizer = organizerOf(e)!;
    const client = clients.get(organizer.address!.toLowerCase());
    if (!client) continue;
    if (e.type === 'seriesMaster') e[OCCURRENCES_KEY] = await readOccurrences(ctx, e);
    const invitation: Invitation = {
      iCalUId: typeof e.iCalUId === 'string' ? e.iCalUId : null,
      organizer: { name: organizer.name ?? null, email: organizer.address!.toLowerCase() },
      ...client,
    };
    captured.push({ ...e, [INVITATION_KEY]: invitation });
  }
  return captured;
}

/** The iCalUId of a captured invitation, if it has one. */
export const invitationUid = (item: Item): string | null =>
  (item[INVITATION_KEY] as Invitation | undefined)?.iCalUId ?? null;

/** The CRM fields of a captured invitation besides its values (see {@link clientInvitations}). */
export function invitationFields(item: Item): { fields: Record<string, unknown>; reason: string } {
  const invitation = item[INVITATION_KEY] as Invitation | undefined;
  if (!invitation) return { fields: {}, reason: 'imported' };
  return { fields: { ...invitation }, reason: 'client_invitation_accepted' };
}
