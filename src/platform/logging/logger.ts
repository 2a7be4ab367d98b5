import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

/** Structured logger. Child loggers carry request/turn context (requestId, tenantId, userId). */
export type Logger = PinoLogger;

/** Paths never written to logs: credentials, tokens, webhook secrets. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'authorization',
  'token',
  'accessToken',
  'access_token',
  'refresh_token',
  'id_token',
  'clientSecret',
  'client_secret',
  'clientState',
  '*.authorization',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.refresh_token',
  '*.clientSecret',
  '*.clientState',
  '*.password',
];

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'tandem' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
