import { z } from 'zod';
import { parseOptions } from '../engine/sync-options.js';

/** The per-user options of meeting sync (PRODUCT §3 Meetings), with their defaults. */
export const meetingOptionsSchema = z.strictObject({
  /** CRM participants are not pushed to Office 365 unless the user opts in (reference rule; beyond: optional). */
  pushAttendees: z.boolean().default(false),
  /** A meeting deleted or cancelled in Outlook is deleted in the CRM (two-way cancel/delete, issue 7). */
  deleteCrmOnRemoteDelete: z.boolean().default(true),
  /** Accepted invitations from CRM clients in the main calendar are captured (PRODUCT §3 Meetings). */
  addClientInvitations: z.boolean().default(false),
});
export type MeetingOptions = z.output<typeof meetingOptionsSchema>;

export const MEETING_OPTION_DESCRIPTIONS: Record<keyof MeetingOptions, string> = {
  pushAttendees:
    'Send the participants of CRM meetings to Office 365 as attendees. Off: Office 365 attendees are still read into the CRM.',
  deleteCrmOnRemoteDelete:
    'Delete the CRM meeting when it is deleted or cancelled in Outlook. Off: a deletion in Outlook is not propagated.',
  addClientInvitations:
    'Add client meeting invitations: a meeting of your main calendar that you accepted and whose organizer is a CRM contact or lead is added to the CRM, with you as host.',
};

/** The options after applying `update` over `current`; unknown options and bad values throw, nothing applied. */
export const parseMeetingOptions = (update: unknown, current: unknown = {}): MeetingOptions =>
  parseOptions(meetingOptionsSchema, update, current, 'The meeting sync options are not valid.');
