import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../platform/errors/app-error.js';

/** Options the user asked for that cannot work; `details.errors` names each offending option. */
export class InvalidOptionsError extends AppError {
  constructor(
    readonly issues: FieldIssue[],
    userMessage = 'The sync options are not valid.',
  ) {
    super({ code: 'invalid_options', httpStatus: 400, userMessage, details: { errors: issues } });
  }
}

/** The issue of options that are not an object at all. */
export const notAnObject: FieldIssue = {
  pointer: '/options',
  in: 'body',
  code: 'invalid_type',
  detail: 'must be an object',
};

/**
 * A module's options after applying `update` (some or all options) over `current` (the stored
 * options, or the defaults), by the module's strict `schema`. Unknown options and bad values throw
 * {@link InvalidOptionsError} with `userMessage`, one issue per option; nothing is applied.
 */
export function parseOptions<T>(
  schema: z.ZodType<T>,
  update: unknown,
  current: unknown,
  userMessage: string,
): T {
  if (typeof update !== 'object' || update === null || Array.isArray(update))
    throw new InvalidOptionsError([notAnObject], userMessage);
  const base = schema.safeParse(current);
  const parsed = schema.safeParse({ ...(base.success ? (base.data as object) : {}), ...update });
  if (parsed.success) return parsed.data;
  throw new InvalidOptionsError(
    parsed.error.issues.map((i) => ({
      pointer: `/options${i.path.map((p) => `/${String(p)}`).join('')}`,
      in: 'body',
      code: i.code === 'unrecognized_keys' ? 'unknown_option' : 'invalid_option',
      detail: i.code === 'unrecognized_keys' ? `unknown option(s): ${i.keys.join(', ')}` : i.message,
    })),
    userMessage,
  );
}
