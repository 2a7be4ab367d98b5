import type { Activity } from 'botbuilder';
import type { Logger } from '../platform/logging/logger.js';
import type { TandemAdapter } from './adapter.js';
import type { ConversationReferenceStore } from './conversation-references.js';
import { isAllowedServiceUrl } from './service-url.js';

/** Messages a member outside a turn (long work finished, an approval decided) through their stored chat. */
export class ProactiveMessenger {
  constructor(
    private readonly adapter: TandemAdapter,
    private readonly references: ConversationReferenceStore,
    private readonly options: { appId: string | undefined; allowLoopback: boolean; logger: Logger },
  ) {}

  /** False when the member has never talked to the bot (no chat to write in). */
  async send(orgId: string, userId: string, message: string | Partial<Activity>): Promise<boolean> {
    const reference = await this.references.find(orgId, userId);
    if (!reference) return false;
    if (!isAllowedServiceUrl(reference.serviceUrl, this.options.allowLoopback)) {
      this.options.logger.warn({ orgId, userId }, 'stored conversation has a service URL off the allowlist');
      return false;
    }
    await this.adapter.continueConversationAsync(this.options.appId ?? '', reference, async (turn) => {
      await turn.sendActivity(message);
    });
    return true;
  }
}
