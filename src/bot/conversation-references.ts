import { and, eq } from 'drizzle-orm';
import type { ConversationReference } from 'botbuilder';
import type { Database } from '../platform/db/database.js';
import type { Principal } from '../tenancy/principal.js';
import { conversationReferences } from './bot.table.js';

/** Where each member's 1:1 chat with the bot is, for proactive messages (one per member). */
export class ConversationReferenceStore {
  constructor(private readonly db: Database) {}

  async save(principal: Principal, reference: Partial<ConversationReference>): Promise<void> {
    const updatedAt = new Date();
    await this.db.scoped(principal.orgId, (tx) =>
      tx
        .insert(conversationReferences)
        .values({ orgId: principal.orgId, userId: principal.userId, reference, updatedAt })
        .onConflictDoUpdate({
          target: [conversationReferences.orgId, conversationReferences.userId],
          set: { reference, updatedAt },
        }),
    );
  }

  async find(orgId: string, userId: string): Promise<Partial<ConversationReference> | undefined> {
    const rows = await this.db.scoped(orgId, (tx) =>
      tx
        .select({ reference: conversationReferences.reference })
        .from(conversationReferences)
        .where(and(eq(conversationReferences.orgId, orgId), eq(conversationReferences.userId, userId))),
    );
    return rows[0]?.reference as Partial<ConversationReference> | undefined;
  }
}
