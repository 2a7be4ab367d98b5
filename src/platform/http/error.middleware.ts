import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem.js';

/** body-parser and friends signal client errors with `type` and `status`. */
interface HttpLibraryError {
  type?: string;
  status?: number;
  expose?: boolean;
}

const LIBRARY_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  'entity.parse.failed': { status: 400, code: 'invalid_json', detail: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, code: 'payload_too_large', detail: 'The request body is too large.' },
  'encoding.unsupported': {
    status: 415,
    code: 'unsupported_encoding',
    detail: 'This content encoding is not supported.',
  },
  'charset.unsupported': {
    status: 415,
    code: 'unsupported_charset',
    detail: 'This charset is not supported.',
  },
  'request.aborted': { status: 400, code: 'request_aborted', detail: 'The request was aborted.' },
  'request.size.invalid': {
    status: 400,
    code: 'invalid_body_size',
    detail: 'The body does not match its Content-Length.',
  },
};

export function sendProblem(
  res: Response,
  req: Request,
  status: number,
  code: string,
  detail: string,
  extra?: Record<string, unknown>,
): void {
  res
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify(
        problemOf(status, code, detail, String(req.id ?? ''), extra, req.originalUrl.split('?')[0]),
      ),
    );
}

/**
 * The only place errors become HTTP responses: typed errors keep their code and user message,
 * anything else is a 500 with no detail (the cause goes to the log with the correlation id).
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const log = (req.log as Logger | undefined) ?? logger;
    if (err instanceof AppError) {
      if (err.httpStatus >= 500) log.error({ err }, 'request failed');
      for (const [k, v] of Object.entries(err.headers ?? {})) res.setHeader(k, v);
      return sendProblem(res, req, err.httpStatus, err.code, err.userMessage, err.details);
    }
    const known = LIBRARY_ERRORS[(err as HttpLibraryError)?.type ?? ''];
    if (known) return sendProblem(res, req, known.status, known.code, known.detail);
    log.error({ err }, 'unhandled error');
    return sendProblem(res, req, 500, 'internal_error', 'Something went wrong on our side. Try again later.');
  };
}

export function notFoundMiddleware(): RequestHandler {
  return (req, res) => sendProblem(res, req, 404, 'route_not_found', 'There is no such endpoint.');
}
