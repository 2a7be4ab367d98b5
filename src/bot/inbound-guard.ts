import { decodeJwt, decodeProtectedHeader } from 'jose';
import { isAllowedServiceUrl } from './service-url.js';

export interface GuardOptions {
  /** No BOT_ID: sandbox bot, loopback callers only. */
  anonymous: boolean;
  tokenIssuer: string;
}

export interface Refusal {
  status: 400 | 401 | 403;
  code: string;
}

const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

/**
 * Tandem's rules before botbuilder verifies the token (RELIABILITY §1.1): a Teams activity
 * (`channelId` msteams, a service URL on the allowlist) carrying a bearer token shaped like the
 * channel's — RS* and issued by the Bot Connector, so emulator/skill-shaped tokens never reach the
 * SDK's other validation paths. The signature, audience, lifetime and serviceurl claim are checked
 * by botbuilder next; a request passing only this is not yet trusted.
 */
export function checkInbound(
  body: unknown,
  authorization: string | undefined,
  remoteIsLoopback: boolean,
  options: GuardOptions,
): Refusal | undefined {
  const activity = body as { type?: unknown; channelId?: unknown; serviceUrl?: unknown } | undefined;
  if (!activity || typeof activity !== 'object' || typeof activity.type !== 'string') {
    return { status: 400, code: 'not_an_activity' };
  }
  if (options.anonymous) {
    if (!remoteIsLoopback) return { status: 403, code: 'sandbox_bot_is_local_only' };
  } else if (!channelShaped(authorization, options.tokenIssuer)) {
    return { status: 401, code: 'invalid_token' };
  }
  if (activity.channelId !== 'msteams') return { status: 403, code: 'channel_not_allowed' };
  const serviceUrl = typeof activity.serviceUrl === 'string' ? activity.serviceUrl : undefined;
  if (!isAllowedServiceUrl(serviceUrl, options.anonymous)) {
    return { status: 403, code: 'service_url_not_allowed' };
  }
  return undefined;
}

function channelShaped(authorization: string | undefined, issuer: string): boolean {
  const parts = authorization?.split(' ');
  if (parts?.length !== 2 || parts[0] !== 'Bearer' || !parts[1]) return false;
  try {
    const header = decodeProtectedHeader(parts[1]);
    const claims = decodeJwt(parts[1]);
    return ALGORITHMS.has(String(header.alg)) && claims.iss === issuer;
  } catch {
    return false; // not a JWT at all: refused like any other bad token
  }
}
