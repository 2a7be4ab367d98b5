import type { Request, Response } from 'express';
import type { Activity } from 'botbuilder';
import type { Logger } from '../platform/logging/logger.js';
import type { TandemAdapter } from './adapter.js';
import { checkInbound, type GuardOptions } from './inbound-guard.js';
import type { TandemBot } from './tandem-bot.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `POST /api/messages`: Tandem's guard, then the adapter (token verification) and the bot. Errors
 * answer with a status and a code only — never the SDK's message.
 */
export function botEndpoint(deps: {
  adapter: TandemAdapter;
  bot: TandemBot;
  guard: GuardOptions;
  logger: Logger;
}): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const authorization = req.headers.authorization;
    const refusal = checkInbound(
      req.body,
      authorization,
      LOOPBACK.has(req.socket.remoteAddress ?? ''),
      deps.guard,
    );
    if (refusal) {
      deps.logger.warn({ code: refusal.code, status: refusal.status }, 'bot activity refused');
      res.status(refusal.status).json({ code: refusal.code });
      return;
    }
    let authenticated = false;
    try {
      const invoke = await deps.adapter.handleInbound(authorization ?? '', req.body as Activity, (turn) => {
        authenticated = true;
        return deps.bot.run(turn);
      });
      if (invoke?.body === undefined) res.status(invoke?.status ?? 200).end();
      else res.status(invoke.status).json(invoke.body);
    } catch (err) {
      // Anything thrown before the turn starts is the token failing (or its keys unreachable): fail closed.
      if (!authenticated) deps.logger.warn({ reason: (err as Error).name }, 'bot token refused');
      else deps.logger.error({ err }, 'bot activity failed');
      res
        .status(authenticated ? 500 : 401)
        .json({ code: authenticated ? 'internal_error' : 'invalid_token' });
    }
  };
}
