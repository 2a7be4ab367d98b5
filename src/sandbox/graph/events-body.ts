import { GraphError, graphErrors } from './graph-error.js';
import { mergeExtendedProperties } from './extended-properties.js';
import { enumMember } from './events-recurrence.js';

/** `responseStatus.time` and attendee status times before anyone answered. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Event properties a client writes (the OpenAPI event type, less its read-only properties). */
const WRITABLE = new Set([
  'allowNewTimeProposals',
  'attendees',
  'body',
  'categories',
  'end',
  'hideAttendees',
  'importance',
  'isAllDay',
  'isOnlineMeeting',
  'isReminderOn',
  'location',
  'locations',
  'onlineMeetingProvider',
  'organizer',
  'recurrence',
  'reminderMinutesBeforeStart',
  'responseRequested',
  'sensitivity',
  'showAs',
  'start',
  'subject',
  'transactionId',
  'singleValueExtendedProperties',
]);

/** Read-only event properties: a client echoing them back is not refused, they are just not written. */
const READ_ONLY = new Set([
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'bodyPreview',
  'hasAttachments',
  'iCalUId',
  'isCancelled',
  'isDraft',
  'isOrganizer',
  'onlineMeeting',
  'onlineMeetingUrl',
  'originalEndTimeZone',
  'originalStart',
  'originalStartTimeZone',
  'responseStatus',
  'seriesMasterId',
  'type',
  'webLink',
  'cancelledOccurrences',
]);

const ENUMS: Record<string, readonly string[]> = {
  importance: ['low', 'normal', 'high'],
  sensitivity: ['normal', 'personal', 'private', 'confidential'],
  showAs: ['unknown', 'free', 'tentative', 'busy', 'oof', 'workingElsewhere'],
  onlineMeetingProvider: ['unknown', 'skypeForBusiness', 'skypeForConsumer', 'teamsForBusiness'],
};
const BOOLEANS = new Set([
  'allowNewTimeProposals',
  'hideAttendees',
  'isAllDay',
  'isOnlineMeeting',
  'isReminderOn',
  'responseRequested',
]);
const RESPONSES = ['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded'];
/** Properties a client may clear with null. */
const CLEARABLE = new Set(['subject', 'transactionId', 'body', 'location', 'recurrence']);
const EMPTY_LISTS = new Set(['attendees', 'categories', 'locations']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const cannotConvert = (property: string, value: unknown) =>
  new GraphError(
    400,
    'RequestBodyRead',
    `Cannot convert the literal '${JSON.stringify(value)}' to the expected type of '${property}'.`,
  );

function emailAddress(value: unknown, property: string): { name: string; address: string } {
  if (!isObject(value) || typeof value.address !== 'string' || !value.address.includes('@'))
    throw new GraphError(
      400,
      'ErrorInvalidRecipients',
      `At least one recipient isn't valid (${property} needs an emailAddress with an address).`,
    );
  const name = typeof value.name === 'string' && value.name ? value.name : value.address;
  return { name, address: value.address };
}

function attendee(value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw cannotConvert('attendee', value);
  const status = isObject(value.status) ? value.status : {};
  return {
    type:
      value.type == null ? 'required' : enumMember(value.type, ['required', 'optional', 'resource'], 'type'),
    status: {
      response: status.response == null ? 'none' : enumMember(status.response, RESPONSES, 'response'),
      time: typeof status.time === 'string' ? status.time : ZERO_TIME,
    },
    emailAddress: emailAddress(value.emailAddress, 'attendee'),
  };
}

function location(value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw cannotConvert('location', value);
  if (value.displayName != null && typeof value.displayName !== 'string')
    throw cannotConvert('displayName', value.displayName);
  return { ...value, displayName: value.displayName ?? '' };
}

function list(property: string, value: unknown, each: (v: unknown) => unknown): unknown[] {
  if (!Array.isArray(value)) throw cannotConvert(property, value);
  return value.map(each);
}

function normalised(property: string, value: unknown): unknown {
  if (value === null) {
    if (EMPTY_LISTS.has(property)) return [];
    if (CLEARABLE.has(property)) return null;
    throw cannotConvert(property, value);
  }
  if (BOOLEANS.has(property)) {
    if (typeof value !== 'boolean') throw cannotConvert(property, value);
    return value;
  }
  if (property in ENUMS) return enumMember(value, ENUMS[property]!, property);
  switch (property) {
    case 'subject':
    case 'transactionId':
      if (typeof value !== 'string') throw cannotConvert(property, value);
      return value;
    case 'reminderMinutesBeforeStart':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw cannotConvert(property, value);
      return value;
    case 'body': {
      if (!isObject(value) || (value.content != null && typeof value.content !== 'string'))
        throw cannotConvert(property, value);
      const type =
        value.contentType == null ? 'text' : enumMember(value.contentType, ['text', 'html'], 'bodyType');
      return { contentType: type, content: value.content ?? '' };
    }
    case 'categories':
      return list(property, value, (c) => {
        if (typeof c !== 'string') throw cannotConvert('categories', c);
        return c;
      });
    case 'attendees':
      if (Array.isArray(value) && value.length > 500)
        throw new GraphError(400, 'ErrorInvalidRequest', 'An event can have at most 500 attendees.');
      return list(property, value, attendee);
    case 'location':
      return location(value);
    case 'locations':
      return list(property, value, location);
    case 'organizer':
      if (!isObject(value)) throw cannotConvert(property, value);
      return { emailAddress: emailAddress(value.emailAddress, 'organizer') };
    case 'singleValueExtendedProperties':
      return mergeExtendedProperties([], value);
    default:
      return value; // start, end, recurrence: checked with the event as a whole
  }
}

/**
 * The writable part of a create/update body, typed and with enums in Graph's case. Unknown
 * properties are refused as Graph's OData layer refuses them; read-only ones are skipped.
 */
export function readEventBody(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith('@odata.') || READ_ONLY.has(k)) continue;
    if (!WRITABLE.has(k)) throw graphErrors.unknownProperty(k, 'event');
    out[k] = normalised(k, v);
  }
  return out;
}

/** The text of an HTML body (markup, head and scripts removed, common entities decoded). */
export function htmlToText(html: string): string {
  return (
    html
      .replace(/<(head|style|script)[^>]*>[\s\S]*?<\/\1>/gi, '')
      .replace(/<br\s*\/?>/gi, '\r\n')
      // Exchange's text conversion ends each block (paragraph, div, list item, row) with a line break.
      .replace(/<\/(p|div|li|tr|h[1-6])\s*>/gi, '\r\n')
      .replace(/<\/t[dh]\s*>/gi, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
  );
}

/** The text Outlook shows as a preview: the body without markup, at most 255 characters. */
export function bodyPreview(body: unknown): string {
  const b = isObject(body) ? body : {};
  const content = typeof b.content === 'string' ? b.content : '';
  const text = b.contentType === 'html' ? htmlToText(content) : content;
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

/** A location as Exchange stores it (type and unique id filled in). */
function shownLocation(loc: Record<string, unknown>, inList: boolean): Record<string, unknown> {
  const name = String(loc.displayName ?? '');
  return {
    ...loc,
    displayName: name,
    locationType: loc.locationType ?? 'default',
    ...(name && !inList ? { uniqueId: loc.uniqueId ?? name } : {}),
    uniqueIdType: loc.uniqueIdType ?? (name && !inList ? 'private' : 'unknown'),
  };
}

/**
 * Keeps `location` and `locations` in step as Outlook does: setting one rewrites the other
 * (`location` is the display names joined by "; " when several locations are given).
 */
export function syncLocations(event: Record<string, unknown>, written: Set<string>): void {
  const locations = (event.locations as Record<string, unknown>[] | undefined) ?? [];
  if (written.has('locations') && !written.has('location')) {
    const names = locations.map((l) => String(l.displayName ?? '')).filter(Boolean);
    event.location = names.length === 1 ? { ...locations[0] } : { displayName: names.join('; ') };
  } else if (written.has('location') && !written.has('locations')) {
    const loc = event.location as Record<string, unknown> | null;
    event.locations = loc && loc.displayName ? [{ ...loc }] : [];
  }
  event.location = shownLocation((event.location as Record<string, unknown> | null) ?? {}, false);
  event.locations = ((event.locations as Record<string, unknown>[] | undefined) ?? []).map((l) =>
    shownLocation(l, true),
  );
}
