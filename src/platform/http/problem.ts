import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, with Tandem's stable `code` and the request's correlation id. */
export const problemSchema = z.object({
  type: z.string().meta({ description: 'URI identifying the problem type: urn:tandem:problem:<code>' }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().meta({ description: 'Safe to show to the user.' }),
  instance: z.string().optional(),
  code: z
    .string()
    .meta({ description: 'Stable machine-readable code, e.g. validation_failed, not_a_member.' }),
  correlationId: z.string(),
  errors: z
    .array(
      z.object({
        pointer: z.string().meta({ description: 'JSON Pointer (RFC 6901) into the part named by `in`.' }),
        in: z.enum(['body', 'query', 'path', 'header']),
        code: z.string(),
        detail: z.string(),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemOf(
  status: number,
  code: string,
  detail: string,
  correlationId: string,
  extra: Record<string, unknown> = {},
  instance?: string,
): Problem & Record<string, unknown> {
  return {
    type: `urn:tandem:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(instance ? { instance } : {}),
    code,
    correlationId,
    ...extra,
  };
}
