import type { Config } from '../config/load-config.js';
import type { Database } from '../platform/db/database.js';
import type { Logger } from '../platform/logging/logger.js';
import type { ModuleSettingsService } from '../sync/module-settings.service.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import { ActivityDedupe } from './activity-dedupe.js';
import { createBotAdapter } from './adapter.js';
import { botEndpoint } from './bot-endpoint.js';
import { PostgresStorage } from './bot-storage.js';
import { ConversationReferenceStore } from './conversation-references.js';
import { MemberResolver } from './member-resolver.js';
import { ProactiveMessenger } from './proactive.js';
import { TandemBot } from './tandem-bot.js';

/** The bot, built once by the composition root: adapter, teams-ai app, endpoint handler, proactive sender. */
export function buildBot(deps: {
  config: Config;
  logger: Logger;
  db: Database;
  tenancy: TenancyService;
  moduleSettings: ModuleSettingsService;
}) {
  const { config, db } = deps;
  const logger = deps.logger.child({ component: 'bot' });
  const anonymous = !config.bot.appId;
  const adapter = createBotAdapter(config.bot, logger);
  const references = new ConversationReferenceStore(db);
  const bot = new TandemBot({
    storage: new PostgresStorage(db),
    resolver: new MemberResolver(deps.tenancy, config.bot.teamsAppId),
    moduleSettings: deps.moduleSettings,
    references,
    dedupe: new ActivityDedupe(db),
    logger,
  });
  if (anonymous)
    logger.warn('BOT_ID is not set: the bot runs anonymous, for local callers only (sandbox mode)');
  return {
    adapter,
    bot,
    references,
    proactive: new ProactiveMessenger(adapter, references, {
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
