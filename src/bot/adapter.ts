import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../platform/logging/logger.js';
import { sendFriendlyError } from './friendly-error.js';

/** Microsoft's public-cloud Bot Connector endpoints (outbound); inbound metadata and issuer come from config. */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
  ValidateAuthority: true,
};

/** CloudAdapter whose HTTP mapping is Tandem's own (no SDK error text in responses, no console). */
export class TandemAdapter extends CloudAdapter {
  /** Authenticates the Bot Framework token, then runs `logic`; rejects with an AuthenticationError when the token fails. */
  handleInbound(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** The adapter with Bot Framework authentication from config, and the turn error handler. */
export function createBotAdapter(bot: Config['bot'], logger: Logger): TandemAdapter {
  const adapter = new TandemAdapter(
    new ConfigurationBotFrameworkAuthentication({
      ...PUBLIC_CLOUD,
      MicrosoftAppId: bot.appId ?? '',
      MicrosoftAppPassword: bot.password ?? '',
      // Anonymous (no app id) has no registration type; botbuilder accepts an empty id only as MultiTenant.
      MicrosoftAppType: bot.appId ? bot.type : 'MultiTenant',
      MicrosoftAppTenantId: bot.tenantId ?? '',
      ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: bot.tokenIssuer,
    }),
  );
  adapter.onTurnError = async (context, err) => {
    logger.error(
      { err, activityType: context.activity.type, conversationId: context.activity.conversation?.id },
      'bot turn failed',
    );
    await sendFriendlyError(context, logger);
  };
  return adapter;
}
