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

/** Error fields that carry the values of a query (names, emails…): never logged. */
const VALUE_FIELDS = ['params', 'parameters', 'detail', 'where'];

/**
 * pino's error serializer, minus personal data: drizzle puts a failed query's parameters in its
 * message and PostgreSQL puts row values in `detail`. The query text, codes and stack stay.
 */
export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  if (cause && typeof cause === 'object' && depth < 4) out.cause = serializeError(cause, depth + 1);
  for (const f of VALUE_FIELDS) delete out[f];
  if (typeof out.message === 'string') out.message = out.message.replace(/\nparams: [\s\S]*$/, '');
  if (typeof out.stack === 'string') out.stack = out.stack.replace(/\nparams: [^\n]*/, '');
  return out;
}

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      serializers: { err: serializeError },
      base: { service: 'tandem' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
