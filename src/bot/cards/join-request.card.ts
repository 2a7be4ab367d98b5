import type { JoinRequestView } from '../../tenancy/onboarding/onboarding.contract.js';
import { adaptiveCard, execute, heading, paragraph, type AdaptiveCard } from './card.js';
import { cardTime } from './card-time.js';

export const APPROVE_JOIN_REQUEST_VERB = 'approveJoinRequest';
export const DECLINE_JOIN_REQUEST_VERB = 'declineJoinRequest';
export const REFRESH_JOIN_REQUEST_VERB = 'refreshJoinRequest';

/** A card whose copy re-renders through `refresh` when one of `userIds` opens it (Universal Actions). */
export type RefreshableCard = AdaptiveCard & {
  refresh: { action: Record<string, unknown>; userIds: string[] };
};

export interface JoinRequestCardInput {
  request: JoinRequestView;
  organisationName: string;
  /** Teams user ids (`29:…`) of the approvers: their clients re-render the card when it is opened. */
  refreshUserIds: string[];
  /** A line above the request (the outcome of the last press). */
  notice?: { text: string; tone: 'good' | 'attention' };
}

/**
 * What an approver sees: "<name> asks to join", the message, and Approve and add / Decline while
 * the request is pending; once decided, who decided and when, with no buttons. The `refresh`
 * action lets a stale copy re-render its current state when an approver opens it.
 */
export function joinRequestCard(input: JoinRequestCardInput): RefreshableCard {
  const { request } = input;
  const who = request.requester.displayName || request.requester.userPrincipalName;
  const body: Record<string, unknown>[] = [
    heading(`${who} asks to join ${input.organisationName} in Tandem`),
  ];
  if (input.notice) body.push(paragraph(input.notice.text, { color: input.notice.tone }));
  body.push({
    type: 'FactSet',
    facts: [
      { title: 'Sign-in id', value: request.requester.userPrincipalName },
      { title: 'Asked', value: cardTime(request.createdAt) },
    ],
  });
  if (request.message) body.push(paragraph(`"${request.message}"`, { isSubtle: true }));
  const decided = decidedLine(request);
  if (decided) body.push(paragraph(decided, { weight: 'Bolder', color: toneOf(request) }));
  const data = { requestId: request.id };
  const card = adaptiveCard(
    body,
    request.status === 'pending'
      ? [
          { ...execute('Approve and add', APPROVE_JOIN_REQUEST_VERB, data), style: 'positive' },
          execute('Decline', DECLINE_JOIN_REQUEST_VERB, data),
        ]
      : undefined,
  );
  return {
    ...card,
    refresh: {
      action: { type: 'Action.Execute', title: 'Refresh', verb: REFRESH_JOIN_REQUEST_VERB, data },
      userIds: input.refreshUserIds.slice(0, 60),
    },
  };
}

/** "Approved by X at T" / "Declined by X at T" / "Withdrawn"; undefined while pending. */
export function decidedLine(request: JoinRequestView): string | undefined {
  const by = request.decidedBy?.displayName ?? 'someone';
  const at = request.decidedAt ? ` at ${cardTime(request.decidedAt)}` : '';
  if (request.status === 'approved') {
    return `Approved by ${by}${at}${request.profile ? `, as ${request.profile.name}` : ''}.`;
  }
  if (request.status === 'declined') return `Declined by ${by}${at}.`;
  if (request.status === 'withdrawn') return 'The request was withdrawn.';
  return undefined;
}

function toneOf(request: JoinRequestView): string {
  return request.status === 'approved' ? 'good' : 'attention';
}
