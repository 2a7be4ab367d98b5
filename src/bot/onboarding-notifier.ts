import { CardFactory, MessageFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Logger } from '../platform/logging/logger.js';
import type {
  Approver,
  InvitationView,
  JoinRequestView,
  OnboardingNotifier,
} from '../tenancy/onboarding/onboarding.contract.js';
import type { TandemAdapter } from './adapter.js';
import type { AdaptiveCard } from './cards/card.js';
import { invitationCard, invitationCardInput } from './cards/invitation.card.js';
import { joinRequestCard } from './cards/join-request.card.js';
import type { ConversationReferenceStore } from './conversation-references.js';
import type { ApproverCard, OnboardingChats } from './onboarding-chats.js';
import { isAllowedServiceUrl } from './service-url.js';

type Reference = Partial<ConversationReference>;

export interface OnboardingNotifierDeps {
  adapter: TandemAdapter;
  references: ConversationReferenceStore;
  chats: OnboardingChats;
  /** The organisation's tenant and name (an invitee's or requester's chat is keyed by tenant). */
  organisation(orgId: string): Promise<{ tenantId: string; name: string }>;
  appId: string | undefined;
  allowLoopback: boolean;
  logger: Logger;
}

/**
 * {@link OnboardingNotifier} in Teams, through each person's stored 1:1 chat with the bot: the
 * invitee's card, one join request card per approver (their activity ids kept), every approver's
 * copy updated to the decided state, and the requester told. Delivery failures are logged and
 * reported as false / skipped, never thrown.
 */
export class TeamsOnboardingNotifier implements OnboardingNotifier {
  constructor(private readonly deps: OnboardingNotifierDeps) {}

  async invitationSent(invitation: InvitationView & { orgId: string; acceptUrl: string }): Promise<boolean> {
    const org = await this.deps.organisation(invitation.orgId);
    const reference = await this.deps.chats.findIdentityChat(org.tenantId, invitation.invitee.objectId);
    if (!reference) return false;
    const card = invitationCard(invitationCardInput(invitation, org.name));
    return (await this.send(reference, card, `You're invited to ${org.name} in Tandem.`)).delivered;
  }

  async joinRequestCreated(
    request: JoinRequestView & { orgId: string },
    approvers: Approver[],
  ): Promise<void> {
    const org = await this.deps.organisation(request.orgId);
    const chats = await this.approverChats(approvers);
    const card = this.approverCard(request, org.name, chats);
    const sent: ApproverCard[] = [];
    for (const { approver, reference } of chats) {
      const { activityId } = await this.send(reference, card, `${nameOf(request)} asks to join Tandem.`);
      if (activityId) sent.push({ orgId: approver.orgId, userId: approver.userId, activityId });
    }
    await this.deps.chats.saveApproverCards(request.id, sent);
  }

  async joinRequestDecided(
    request: JoinRequestView & { orgId: string },
    approvers: Approver[],
  ): Promise<void> {
    const org = await this.deps.organisation(request.orgId);
    const card = this.approverCard(request, org.name, await this.approverChats(approvers));
    for (const copy of await this.deps.chats.findApproverCards(request.id)) {
      const reference = await this.deps.references.find(copy.orgId, copy.userId);
      if (reference) await this.update(reference, copy.activityId, card);
    }
    const requester = await this.deps.chats.findIdentityChat(org.tenantId, request.requester.objectId);
    if (requester) await this.send(requester, outcomeText(request, org.name));
  }

  private approverCard(
    request: JoinRequestView,
    organisationName: string,
    chats: { reference: Reference }[],
  ): AdaptiveCard {
    const refreshUserIds = chats.map((c) => c.reference.user?.id).filter((id): id is string => !!id);
    return joinRequestCard({ request, organisationName, refreshUserIds });
  }

  private async approverChats(approvers: Approver[]) {
    const found = await Promise.all(
      approvers.map(async (approver) => ({
        approver,
        reference: await this.deps.references.find(approver.orgId, approver.userId),
      })),
    );
    return found.filter((c): c is { approver: Approver; reference: Reference } => !!c.reference);
  }

  /** Sends a card or text: whether it was delivered, and the new activity's id. */
  private async send(
    reference: Reference,
    content: AdaptiveCard | string,
    summary?: string,
  ): Promise<{ delivered: boolean; activityId?: string }> {
    let activityId: string | undefined;
    const delivered = await this.inChat(reference, async (turn) => {
      const activity =
        typeof content === 'string'
          ? MessageFactory.text(content)
          : // `summary` (not `text`): the notification preview, while the chat shows the card alone.
            { ...MessageFactory.attachment(CardFactory.adaptiveCard(content)), summary };
      activityId = (await turn.sendActivity(activity))?.id;
    });
    return { delivered, activityId };
  }

  private async update(reference: Reference, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.inChat(reference, async (turn) => {
      await turn.updateActivity({
        ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
        id: activityId,
      });
    });
  }

  private async inChat(reference: Reference, work: (turn: TurnContext) => Promise<void>): Promise<boolean> {
    if (!isAllowedServiceUrl(reference.serviceUrl, this.deps.allowLoopback)) {
      this.deps.logger.warn('onboarding chat has a service URL off the allowlist');
      return false;
    }
    try {
      await this.deps.adapter.continueConversationAsync(this.deps.appId ?? '', reference, work);
      return true;
    } catch (err) {
      // The error may carry the connector request (with its Authorization header): log its status only.
      const statusCode = (err as { statusCode?: unknown }).statusCode;
      this.deps.logger.warn({ statusCode }, 'onboarding message not delivered to Teams');
      return false;
    }
  }
}

function nameOf(request: JoinRequestView): string {
  return request.requester.displayName || request.requester.userPrincipalName;
}

function outcomeText(request: JoinRequestView, organisationName: string): string {
  const by = request.decidedBy?.displayName ?? 'an administrator';
  if (request.status === 'approved') {
    return `Your request to join ${organisationName} in Tandem was approved by ${by}. You're a member now: say "help" to see what I can do.`;
  }
  return `Your request to join ${organisationName} in Tandem was declined by ${by}.`;
}
