import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { Logger } from '../platform/logging/logger.js';
import type { SyncTarget, SyncUserNotifier } from '../sync/engine/sync-contract.js';
import type { AdaptiveCard } from './cards/card.js';
import { tabDeepLink } from './cards/join.card.js';
import { massDeleteCard } from './cards/mass-delete.card.js';
import { containerDeletedText, runFinishedCard, signInCard } from './cards/sync-notice.cards.js';
import type { ProactiveMessenger } from './proactive.js';

/**
 * Tells a member in their Teams chat with the bot what the sync engine did or needs. A member who
 * never talked to the bot cannot be reached (logged); a failure to reach Teams is logged and never
 * fails the sync run that reported it.
 */
export class BotSyncNotifier implements SyncUserNotifier {
  constructor(
    private readonly proactive: ProactiveMessenger,
    private readonly options: { teamsAppId: string | undefined; logger: Logger },
  ) {}

  runFinished: SyncUserNotifier['runFinished'] = (target, summary) =>
    this.deliver(target, 'runFinished', card(runFinishedCard({ module: target.module, ...summary })));

  needsConsent: SyncUserNotifier['needsConsent'] = (target, detail) =>
    this.deliver(
      target,
      'needsConsent',
      card(
        signInCard({
          module: target.module,
          reason: detail.message,
          ...(this.options.teamsAppId ? { syncTabUrl: tabDeepLink(this.options.teamsAppId, 'sync') } : {}),
        }),
      ),
    );

  massDeletePaused: SyncUserNotifier['massDeletePaused'] = (target, detail) =>
    this.deliver(
      target,
      'massDeletePaused',
      card(massDeleteCard({ module: target.module, userId: target.userId, ...detail })),
    );

  containerDeleted: SyncUserNotifier['containerDeleted'] = (target, detail) =>
    this.deliver(target, 'containerDeleted', containerDeletedText(target.module, detail.containerName));

  private async deliver(
    target: SyncTarget,
    kind: string,
    message: string | Partial<Activity>,
  ): Promise<void> {
    const log = { orgId: target.orgId, userId: target.userId, module: target.module, kind };
    try {
      const sent = await this.proactive.send(target.orgId, target.userId, message);
      if (!sent) this.options.logger.info(log, 'sync notice not sent: the member has no chat with the bot');
    } catch (err) {
      // Only the error's kind: a connector error carries the outbound request (and its bearer token).
      const { name, statusCode } = err as { name?: string; statusCode?: number };
      this.options.logger.warn({ ...log, error: { name, statusCode } }, 'sync notice could not be delivered');
    }
  }
}

function card(content: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(content));
}
