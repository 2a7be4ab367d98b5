import { z } from 'zod';
import { AppError, type FieldIssue } from '../../platform/errors/app-error.js';

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

/** Meeting options the user asked for that cannot work; `details.errors` names each offending option. */
export class InvalidMeetingOptionsError extends AppError {
  constructor(readonly issues: FieldIssue[]) {
    super({
      code: 'invalid_options',
      httpStatus: 400,
      userMessage: 'The meeting sync options are not valid.',
      details: { errors: issues },
    });
  }
}

/** The options after applying `update` over `current`; unknown options and bad values throw, nothing applied. */
export function parseMeetingOptions(update: unknown, current: unknown = {}): MeetingOptions {
  if (typeof update !== 'object' || update === null || Array.isArray(update))
    throw new InvalidMeetingOptionsError([
      { pointer: '/options', in: 'body', code: 'invalid_type', detail: 'must be an object' },
    ]);
  const base = meetingOptionsSchema.safeParse(current);
  const parsed = meetingOptionsSchema.safeParse({ ...(base.success ? base.data : {}), ...update });
  if (parsed.success) return parsed.data;
  throw new InvalidMeetingOptionsError(
    parsed.error.issues.map((i) => ({
      pointer: `/options${i.path.map((p) => `/${String(p)}`).join('')}`,
      in: 'body',
      code: i.code === 'unrecognized_keys' ? 'unknown_option' : 'invalid_option',
      detail: i.code === 'unrecognized_keys' ? `unknown option(s): ${i.keys.join(', ')}` : i.message,
    })),
  );
}
