import { GraphError } from './graph-error.js';
import type { GraphContext, GraphResult } from './graph-route.js';
import { findEvent, removeEvent, storeException } from './events-series.js';
import { readDateTimeTimeZone } from './events-time.js';

export type Response = 'accept' | 'decline' | 'tentativelyAccept';

const ANSWERS: Record<Response, { response: string; showAs?: string; code: string; verb: string }> = {
  accept: { response: 'accepted', showAs: 'busy', code: 'ErrorCalendarIsOrganizerForAccept', verb: 'accept' },
  decline: { response: 'declined', code: 'ErrorCalendarIsOrganizerForDecline', verb: 'decline' },
  tentativelyAccept: {
    response: 'tentativelyAccepted',
    showAs: 'tentative',
    code: 'ErrorCalendarIsOrganizerForTentative',
    verb: 'tentatively accept',
  },
};

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Action parameters, matched case-insensitively (the OpenAPI writes `Comment`, the docs `comment`).
 * Unknown parameters are refused as Graph's OData layer refuses them.
 */
function readParameters(ctx: GraphContext, allowed: string[], action: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ctx.body ?? {})) {
    const name = allowed.find((a) => a.toLowerCase() === k.toLowerCase());
    if (!name)
      throw new GraphError(
        400,
        'BadRequest',
        `The parameter '${k}' in the request payload is not a valid parameter for the operation '${action}'.`,
      );
    const ok =
      v === null ||
      (name === 'comment' && typeof v === 'string') ||
      (name === 'sendResponse' && typeof v === 'boolean') ||
      (name === 'proposedNewTime' && typeof v === 'object' && !Array.isArray(v));
    if (!ok)
      throw new GraphError(
        400,
        'RequestBodyRead',
        `Cannot convert the literal '${JSON.stringify(v)}' to the expected type of '${name}'.`,
      );
    out[name] = v;
  }
  return out;
}

/** A proposed time needs an event that allows proposals and a response sent (event-decline docs). */
function checkProposal(params: Record<string, unknown>, allowsProposals: boolean): void {
  const proposal = params.proposedNewTime as { start?: unknown; end?: unknown } | null | undefined;
  if (!proposal) return;
  if (!allowsProposals || params.sendResponse === false)
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      "Your request can't be completed. A new time can be proposed only for an event that allows proposals, with sendResponse true.",
    );
  readDateTimeTimeZone(proposal.start, 'proposedNewTime.start');
  readDateTimeTimeZone(proposal.end, 'proposedNewTime.end');
}

/**
 * `POST …/events/{id}/accept|decline|tentativelyAccept` → 202: the invitee's answer becomes the
 * event's `responseStatus` (an occurrence answered alone becomes an exception). The organizer of
 * a meeting cannot answer it (Exchange's ErrorCalendarIsOrganizerFor… codes, HTTP 400).
 */
export function respond(
  ctx: GraphContext,
  id: string,
  calendarId: string | undefined,
  action: Response,
): GraphResult {
  const allowed =
    action === 'accept' ? ['comment', 'sendResponse'] : ['comment', 'sendResponse', 'proposedNewTime'];
  const params = readParameters(ctx, allowed, action);
  const found = findEvent(ctx, id, calendarId);
  const answer = ANSWERS[action];
  if (found.item.isOrganizer === true)
    throw new GraphError(
      400,
      answer.code,
      `The user is the organizer of this meeting, and cannot, therefore, ${answer.verb} it.`,
    );
  checkProposal(params, found.item.allowNewTimeProposals !== false);
  const patch = {
    responseStatus: { response: answer.response, time: now() },
    ...(answer.showAs ? { showAs: answer.showAs } : {}),
  };
  if (found.virtual) storeException(ctx, found, { ...found.item, ...patch });
  else ctx.store.update(ctx.mailbox!, 'events', found.item.id, patch);
  return { status: 202 };
}

/**
 * `POST …/events/{id}/cancel` → 202: the organizer cancels a meeting (it leaves the calendar), or
 * one occurrence of a series. An attendee gets HTTP 400 (event-cancel docs).
 */
export function cancel(ctx: GraphContext, id: string, calendarId: string | undefined): GraphResult {
  readParameters(ctx, ['comment'], 'cancel');
  const found = findEvent(ctx, id, calendarId);
  if (found.item.isOrganizer !== true)
    throw new GraphError(
      400,
      'ErrorCalendarIsNotOrganizer',
      "Your request can't be completed. You need to be an organizer to cancel a meeting.",
    );
  removeEvent(ctx, found);
  return { status: 202 };
}
