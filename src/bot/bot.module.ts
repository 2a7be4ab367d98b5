import type { Config } from '../config/load-config.js';
import type { Database } from '../platform/db/database.js';
import { NotFoundError } from '../platform/errors/app-error.js';
import type { Logger } from '../platform/logging/logger.js';
import type { SyncService } from '../sync/engine/sync-contract.js';
import { OrganisationRepository } from '../tenancy/organisation.repo.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import type { OnboardingService } from '../tenancy/onboarding/onboarding.service.js';
import { ActivityDedupe } from './activity-dedupe.js';
import { createBotAdapter } from './adapter.js';
import { botEndpoint } from './bot-endpoint.js';
import { PostgresStorage } from './bot-storage.js';
import { ConversationReferenceStore } from './conversation-references.js';
import { MemberResolver } from './member-resolver.js';
import { OnboardingChats } from './onboarding-chats.js';
import { TeamsOnboardingNotifier } from './onboarding-notifier.js';
import { onboardingPort } from './onboarding-port.js';
import { ProactiveMessenger } from './proactive.js';
import { BotSyncNotifier } from './sync-notifier.js';
import { TandemBot } from './tandem-bot.js';

/** The bot, built once by the composition root: adapter, teams-ai app, endpoint handler, proactive sender. */
export function buildBot(deps: {
  config: Config;
  logger: Logger;
  db: Database;
  tenancy: TenancyService;
  sync: SyncService;
  /** The onboarding service (`container.onboarding`): join requests and invitations in Teams. */
  onboarding?: OnboardingService;
}) {
  const { config, db } = deps;
  const logger = deps.logger.child({ component: 'bot' });
  const anonymous = !config.bot.appId;
  const adapter = createBotAdapter(config.bot, logger);
  const references = new ConversationReferenceStore(db);
  const storage = new PostgresStorage(db);
  const onboardingChats = new OnboardingChats(storage, references);
  const onboarding = deps.onboarding && onboardingPort(deps.onboarding);
  const bot = new TandemBot({
    storage,
    resolver: new MemberResolver(deps.tenancy, config.bot.teamsAppId, onboarding),
    onboarding: onboarding && { service: onboarding, chats: onboardingChats },
    sync: deps.sync,
    references,
    dedupe: new ActivityDedupe(db),
    logger,
  });
  if (anonymous)
    logger.warn('BOT_ID is not set: the bot runs anonymous, for local callers only (sandbox mode)');
  const proactive = new ProactiveMessenger(adapter, references, {
    appId: config.bot.appId,
    allowLoopback: anonymous,
    logger,
  });
  return {
    adapter,
    bot,
    references,
    proactive,
    /** What the sync engine tells members in Teams (SyncUserNotifier). */
    syncNotifier: new BotSyncNotifier(proactive, { teamsAppId: config.bot.teamsAppId, logger }),
    /** What onboarding tells people in Teams (OnboardingNotifier): invitations, join request cards. */
    onboardingNotifier: new TeamsOnboardingNotifier({
      adapter,
      references,
      chats: onboardingChats,
      organisation: async (orgId) => {
        const org = await db.system((tx) => new OrganisationRepository().findById(tx, orgId));
        if (!org) throw new NotFoundError('This organisation does not exist.', 'organisation_not_found');
        return { tenantId: org.tenantId, name: org.name };
      },
      appId: config.bot.appId,
      allowLoopback: anonymous,
      logger,
    }),
    handleMessages: botEndpoint({
      adapter,
      bot,
      guard: { anonymous, tokenIssuer: config.bot.tokenIssuer },
      logger,
    }),
  };
}

export type Bot = ReturnType<typeof buildBot>;
