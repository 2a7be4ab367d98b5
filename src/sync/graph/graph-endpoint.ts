import type { Config } from '../../config/load-config.js';

/** Microsoft Graph v1.0 in the public cloud. */
export const PUBLIC_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

/**
 * Where Graph is for this configuration. The local sandbox serves its Entra authority and Graph
 * v1.0 on one origin, and an authority on loopback is the sandbox (the same rule that turns
 * `SANDBOX=auto` on): Graph is then `<authority>/v1.0`, whether Tandem started the sandbox
 * (`startTandem` puts its URL in `auth.authorityHost`) or a test did. Otherwise the public cloud.
 */
export function graphBaseUrl(config: Pick<Config, 'auth'>): string {
  const authority = config.auth.authorityHost.replace(/\/+$/, '');
  const onLoopback = /^https:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i.test(authority);
  return onLoopback ? `${authority}/v1.0` : PUBLIC_GRAPH_BASE_URL;
}
