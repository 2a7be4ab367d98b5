import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors/app-error.js';

const escapePointer = (segment: PropertyKey) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

/** zod issues as RFC 9457-style field errors with JSON Pointers. */
export function issuesOf(error: z.ZodError, location: FieldIssue['in']): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(escapePointer).join('/');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        pointer: `/${base ? `${base}/` : ''}${escapePointer(key)}`,
        in: location,
        code: 'unknown_field',
        detail: 'is not a field of this resource',
      }));
    }
    return [{ pointer: base ? `/${base}` : '', in: location, code: issue.code, detail: issue.message }];
  });
}

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  location: FieldIssue['in'],
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(issuesOf(result.error, location));
  return result.data;
}
