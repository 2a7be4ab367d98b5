import type { Config } from '../config/load-config.js';
import type { Database } from '../platform/db/database.js';
import type { Logger } from '../platform/logging/logger.js';
import { MsalNetworkClient } from './msal-network-client.js';
import { TokenBroker } from './token-broker.js';
import { TokenCacheKeyRing } from './token-cache-keys.js';
import { TokenCacheStore } from './token-cache.store.js';

const PUBLIC_CLOUD_HOST = 'login.microsoftonline.com';

/**
 * The process's one token broker, from configuration; undefined when Graph credentials are not
 * configured (production requires them, so only development and tests run without).
 */
export function createTokenBroker(
  config: Config,
  db: Database,
  logger: Logger,
  extraCaPem?: string,
): TokenBroker | undefined {
  const { clientId, clientSecret, authorityHost } = config.auth;
  if (!clientId || !clientSecret || !config.tokenCache.keys) return undefined;
  const host = new URL(authorityHost).host;
  return new TokenBroker({
    clientId,
    clientSecret,
    authorityHost,
    knownAuthorities: host === PUBLIC_CLOUD_HOST ? undefined : [host],
    networkClient: new MsalNetworkClient(extraCaPem),
    store: new TokenCacheStore(
      db,
      TokenCacheKeyRing.parse(config.tokenCache.keys),
      logger.child({ component: 'token-cache' }),
    ),
    logger: logger.child({ component: 'token-broker' }),
  });
}
