import { createHash } from 'node:crypto';
import { isNull } from 'drizzle-orm';
import { meetingDefinition } from '../../crm/meetings/meeting.definition.js';
import type { meetings } from '../../crm/meetings/meeting.table.js';
import { AppError } from '../../platform/errors/app-error.js';
import { namedFolder } from '../engine/named-folder.js';
import type { FieldCatalog } from '../engine/sync-contract.js';
import type { MailboxContext, SyncResource } from '../engine/sync-resource.js';
import { TANDEM_PROPERTY_SET } from '../contacts/contacts.resource.js';
import { meetingCrmFields } from './meeting-crm-fields.js';
import { EVENT_READ_HEADERS } from './meeting-notes.js';
import { clientInvitations, invitationFields } from './meeting-invitations.js';
import { joinSharedMeeting } from './meeting-shared.js';
import { buildMeetingDryRun, MEETINGS_CONTAINER_NAME } from './meeting-dry-run.js';
import { MEETING_OPTION_DESCRIPTIONS, parseMeetingOptions } from './meeting-options.js';
import { regroupPage } from './meeting-series-pull.js';
import { writeOccurrences } from './meeting-series-push.js';
import { ROUND_MAX_AGE_MS, syncWindow, windowParam } from './meeting-window.js';
import { eventBody, eventValues, meetingValues, MEETING_FIELDS } from './meeting.mapper.js';

/** The CRM id on each Outlook event: the same single-value extended property as contacts (FACTS §6). */
export const MEETING_TAG_PROPERTY = `String {${TANDEM_PROPERTY_SET}} Name TandemRecordId`;

/** Meeting fields are not remappable: each CRM field has its one Graph property. */
const MAPPING: Record<string, string> = {
  subject: 'subject',
  location: 'location',
  start: 'start',
  end: 'end',
  isAllDay: 'isAllDay',
  recurrence: 'recurrence',
  occurrences: 'cancelledOccurrences',
  attendees: 'attendees',
  body: 'body',
};

const LABELS: Record<(typeof MEETING_FIELDS)[number], string> = {
  subject: 'Subject',
  location: 'Location',
  start: 'Start (with its time zone)',
  end: 'End (with its time zone)',
  isAllDay: 'All day',
  recurrence: 'Recurrence',
  occurrences: 'Exceptions and cancelled occurrences',
  attendees: 'Participants',
  body: 'Notes (as plain text)',
};

const calendars = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}/calendars`;
const calendar = (mailbox: string, id: string) => `${calendars(mailbox)}/${encodeURIComponent(id)}`;
const optionsOf = (options: Record<string, unknown>) => parseMeetingOptions({}, options);
const expandTag = `$expand=singleValueExtendedProperties($filter=id eq '${MEETING_TAG_PROPERTY}')`;

/**
 * The `transactionId` of the event created for a CRM meeting in a calendar: derived from both, so a
 * create retried after a lost response names the same transaction and Graph answers with the event
 * it already made (FACTS §0.12), while a calendar made again (re-enable) gets new transactions.
 */
export function transactionIdOf(crmId: string, calendarId: string): string {
  return `tandem-${createHash('sha256').update(`${calendarId}|${crmId}`).digest('base64url').slice(0, 32)}`;
}

function catalog(): FieldCatalog {
  const defaults = parseMeetingOptions({});
  return {
    module: 'meetings',
    crmFields: MEETING_FIELDS.map((name) => ({ name, label: LABELS[name] })),
    graphFields: Object.values(MAPPING).map((name) => ({ name, label: name })),
    defaultMapping: { ...MAPPING },
    options: Object.entries(defaults).map(([name, value]) => ({
      name,
      default: value,
      description: MEETING_OPTION_DESCRIPTIONS[name as keyof typeof defaults],
    })),
  };
}

/**
 * Meetings plugged into the sync engine: the "Tandem" calendar of the member's mailbox, one CRM
 * meeting per single event or series (its exceptions and cancelled occurrences travel with it).
 * Only meetings the member owns sync, whatever their record scope (PRODUCT §3 Meetings).
 *
 * Delta: Graph tracks events only through `calendarView/delta` with a window (FACTS §0.3); the
 * window is one year back to two years ahead of the day the round starts (see `syncWindow`), kept
 * by the round's tokens until a fresh round, which the engine starts once the round is a week old
 * (`roundMaxAgeMs`) so the window moves forward. No `$select` (refused on that delta). Notifications
 * come from `/users/{id}/events` (the documented resource; per-calendar ones are unverified): any
 * change of the member's events starts the member's meetings run, whose delta says what changed.
 */
export const meetingsResource: SyncResource = {
  module: 'meetings',
  definition: meetingDefinition,
  containerName: MEETINGS_CONTAINER_NAME,
  tagPropertyId: MEETING_TAG_PROPERTY,
  ownerOnly: true,
  // Meetings captured from a client's invitation stay in the main calendar, never in "Tandem".
  syncedRecords: (table) => isNull((table as typeof meetings).iCalUId),

  settings(update, current) {
    const options = parseMeetingOptions(update.options ?? {}, current.options ?? {});
    const remapped = Object.entries(update.mapping ?? {}).filter(([k, v]) => MAPPING[k] !== v);
    if (remapped.length)
      throw new AppError({
        code: 'invalid_mapping',
        httpStatus: 400,
        userMessage: 'Meeting fields cannot be remapped.',
        details: {
          errors: remapped.map(([field]) => ({
            pointer: `/mapping/${field}`,
            in: 'body',
            code: 'not_remappable',
            detail: `a meeting's ${field} always syncs with the event's ${MAPPING[field] ?? field}`,
          })),
        },
      });
    return { options, mapping: { ...MAPPING } };
  },
  catalog,
  fields: () => [...MEETING_FIELDS],

  ...namedFolder({ collection: calendars, nameProperty: 'name', name: MEETINGS_CONTAINER_NAME }),
  deltaUrl(mailbox, containerId, now) {
    const { start, end } = syncWindow(now);
    return (
      `${calendar(mailbox, containerId)}/calendarView/delta` +
      `?startDateTime=${windowParam(start)}&endDateTime=${windowParam(end)}`
    );
  },
  roundMaxAgeMs: ROUND_MAX_AGE_MS,
  itemsUrl: (mailbox, containerId) => `${calendar(mailbox, containerId)}/events?${expandTag}`,
  itemUrl: (mailbox, containerId, remoteId) =>
    `${calendar(mailbox, containerId)}/events/${encodeURIComponent(remoteId)}`,
  subscriptionResource: (mailbox) => `/users/${mailbox}/events`,
  // Bodies as plain text (Graph returns HTML documents unless asked): notes compare and sync as text.
  readHeaders: EVENT_READ_HEADERS,

  regroup: (ctx: MailboxContext, page, round) => regroupPage(ctx, page, round),
  createExtras: (crmId, containerId) => ({ transactionId: transactionIdOf(crmId, containerId) }),
  // A series' occurrences are written after its master: unconfirmed until then, so a crash in
  // between leaves them to be re-derived from the CRM by the next run (see afterWriteFields).
  afterWriteFields: ['recurrence', 'occurrences'],
  async afterWrite(ctx, { remoteId, values, changed }) {
    if (changed.includes('recurrence') || changed.includes('occurrences'))
      return writeOccurrences(ctx, remoteId, values);
    return undefined;
  },

  remoteValues: (item) => eventValues(item),
  crmValues: (record) => meetingValues(record as Record<string, unknown>),
  crmFields: (values, record, settings) =>
    meetingCrmFields(values, record as Record<string, unknown> | undefined, optionsOf(settings.options)),
  remoteBody: (values, settings, only) => eventBody(values, optionsOf(settings.options), only),
  label: (values) => (typeof values.subject === 'string' && values.subject ? values.subject : '(no subject)'),

  async importable(ctx, settings, crm) {
    return optionsOf(settings.options).addClientInvitations ? clientInvitations(ctx, crm) : [];
  },
  importedAs: (item) => invitationFields(item),
  joinImport: (tx, actor, item) => joinSharedMeeting(tx, actor, item),
  followImports: true,

  matchFields: [],
  duplicates: () => ({ add: () => undefined, match: () => undefined }),

  dryRun: ({ records, items, containerExists }) =>
    buildMeetingDryRun({
      records: records as never,
      items,
      containerExists,
      tagOf: (item) =>
        (item.singleValueExtendedProperties as { id: string; value: string }[] | undefined)?.find(
          (p) => p.id.toLowerCase() === MEETING_TAG_PROPERTY.toLowerCase(),
        )?.value,
    }),
};
