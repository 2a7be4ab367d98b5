import type { ConversationReference, Storage } from 'botbuilder';
import type { ConversationReferenceStore } from './conversation-references.js';

/** One approver's copy of a join request card, to update it once the request is decided. */
export interface ApproverCard {
  orgId: string;
  userId: string;
  activityId: string;
}

/**
 * Onboarding's bot-side memory, in the bot's storage (`bot_state`): the 1:1 chat of people who are
 * not members yet (keyed by tenant and object id, so a requester hears the outcome and an invitee
 * gets the invitation card), and which card each approver received for a join request.
 */
export class OnboardingChats {
  constructor(
    private readonly storage: Storage,
    private readonly references: ConversationReferenceStore,
  ) {}

  async saveIdentityChat(
    tenantId: string,
    objectId: string,
    reference: Partial<ConversationReference>,
  ): Promise<void> {
    await this.storage.write({ [chatKey(tenantId, objectId)]: { reference, eTag: '*' } });
  }

  async findIdentityChat(
    tenantId: string,
    objectId: string,
  ): Promise<Partial<ConversationReference> | undefined> {
    const key = chatKey(tenantId, objectId);
    const item = (await this.storage.read([key]))[key] as
      { reference?: Partial<ConversationReference> } | undefined;
    return item?.reference;
  }

  async saveApproverCards(requestId: string, cards: ApproverCard[]): Promise<void> {
    await this.storage.write({ [cardsKey(requestId)]: { cards, eTag: '*' } });
  }

  async findApproverCards(requestId: string): Promise<ApproverCard[]> {
    const key = cardsKey(requestId);
    const item = (await this.storage.read([key]))[key] as { cards?: ApproverCard[] } | undefined;
    return item?.cards ?? [];
  }

  /** Teams user ids (`29:…`) of the approvers who received the request's card (its `refresh` list). */
  async approverTeamsIds(requestId: string): Promise<string[]> {
    const ids = await Promise.all(
      (await this.findApproverCards(requestId)).map(
        async (c) => (await this.references.find(c.orgId, c.userId))?.user?.id,
      ),
    );
    return ids.filter((id): id is string => !!id);
  }
}

const chatKey = (tenantId: string, objectId: string) =>
  `tandem/onboarding/chat/${tenantId.toLowerCase()}/${objectId.toLowerCase()}`;
const cardsKey = (requestId: string) => `tandem/onboarding/join-request-cards/${requestId}`;
