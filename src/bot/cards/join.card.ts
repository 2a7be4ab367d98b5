import type { JoinRequestView } from '../../tenancy/onboarding/onboarding.contract.js';
import { adaptiveCard, execute, heading, paragraph, type AdaptiveCard } from './card.js';
import { cardTime } from './card-time.js';
import { decidedLine } from './join-request.card.js';

export const REQUEST_TO_JOIN_VERB = 'requestToJoin';
/** The optional message's input id (its value arrives in the action's data). */
export const JOIN_MESSAGE_INPUT = 'message';
export const JOIN_MESSAGE_MAX = 500;

/** Deep link to a personal tab of the Tandem Teams app (entity id from appPackage/manifest.json). */
export function tabDeepLink(teamsAppId: string, entityId: string): string {
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${encodeURIComponent(entityId)}`;
}

function openJoinTab(joinUrl: string | undefined): Record<string, unknown>[] {
  return joinUrl ? [{ type: 'Action.OpenUrl', title: 'Open the Join tab', url: joinUrl }] : [];
}

/**
 * For a tenant user who is not a member yet: their organisation uses Tandem; "Request to join"
 * (with an optional message) sends the request from the chat; the Join tab does the same.
 */
export function joinCard(input: {
  organisationName: string;
  joinUrl?: string;
  notice?: { text: string; tone: 'good' | 'attention' };
}): AdaptiveCard {
  return adaptiveCard(
    [
      heading(`${input.organisationName} already uses Tandem`),
      ...(input.notice ? [paragraph(input.notice.text, { color: input.notice.tone })] : []),
      paragraph(
        "You are not a member yet. Ask to join: the people who manage users in your organisation will get your request, and you'll hear back here.",
      ),
      {
        type: 'Input.Text',
        id: JOIN_MESSAGE_INPUT,
        label: 'Message to the approvers (optional)',
        isMultiline: true,
        maxLength: JOIN_MESSAGE_MAX,
        placeholder: 'Why you need Tandem, your team…',
      },
    ],
    [execute('Request to join', REQUEST_TO_JOIN_VERB), ...openJoinTab(input.joinUrl)],
  );
}

/** The requester's own request: waiting, or its outcome. */
export function joinRequestStatusCard(input: {
  organisationName: string;
  request: JoinRequestView;
  notice?: { text: string; tone: 'good' | 'attention' };
}): AdaptiveCard {
  const { request } = input;
  const body: Record<string, unknown>[] = [heading(`Your request to join ${input.organisationName}`)];
  if (input.notice) body.push(paragraph(input.notice.text, { color: input.notice.tone }));
  body.push(
    paragraph(
      request.status === 'pending'
        ? `Sent ${cardTime(request.createdAt)}. The people who manage users in your organisation have been asked; you'll hear back here.`
        : (decidedLine(request) ?? ''),
    ),
  );
  if (request.message) body.push(paragraph(`"${request.message}"`, { isSubtle: true }));
  return adaptiveCard(body);
}

/** No organisation in this tenant yet: the first user who opens the Team/Join tab sets it up. */
export function setUpCard(input: { joinUrl?: string }): AdaptiveCard {
  return adaptiveCard(
    [
      heading('Set up Tandem for your organisation'),
      paragraph(
        'Tandem is not set up for your organisation yet. The first person who sets it up becomes its Administrator and can then invite colleagues.',
      ),
      paragraph(
        'Open the Join tab to set it up. If your Microsoft 365 administrator has to approve Tandem first, they grant consent once for everyone.',
        { isSubtle: true, size: 'Small' },
      ),
    ],
    openJoinTab(input.joinUrl),
  );
}
