/**
 * Tandem's typed errors. Only the HTTP error middleware (and later the bot's onTurnError) turns
 * them into responses; `userMessage` is safe to show, `cause` never leaves the process.
 */
export interface AppErrorOptions {
  code: string;
  httpStatus: number;
  userMessage: string;
  retryable?: boolean;
  cause?: unknown;
  /** Extra members for the problem+json body (e.g. field errors); must be safe to show. */
  details?: Record<string, unknown>;
  /** Extra response headers (e.g. ETag with a 412). */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly userMessage: string;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(options: AppErrorOptions) {
    super(options.userMessage, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.httpStatus = options.httpStatus;
    this.userMessage = options.userMessage;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
    this.headers = options.headers;
  }
}

export interface FieldIssue {
  /** JSON Pointer (RFC 6901) into the request part named by `in`. */
  pointer: string;
  in: 'body' | 'query' | 'path' | 'header';
  code: string;
  detail: string;
}

export class ValidationError extends AppError {
  constructor(issues: FieldIssue[], userMessage = 'The request is not valid.') {
    super({ code: 'validation_failed', httpStatus: 400, userMessage, details: { errors: issues } });
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, userMessage: string) {
    super({ code, httpStatus: 400, userMessage });
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: string, userMessage: string, cause?: unknown) {
    super({ code, httpStatus: 401, userMessage, cause, headers: { 'WWW-Authenticate': 'Bearer' } });
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, userMessage: string, details?: Record<string, unknown>) {
    super({ code, httpStatus: 403, userMessage, details });
  }
}

export class NotFoundError extends AppError {
  constructor(userMessage = 'Not found.', code = 'not_found') {
    super({ code, httpStatus: 404, userMessage });
  }
}

export class ConflictError extends AppError {
  constructor(code: string, userMessage: string, details?: Record<string, unknown>) {
    super({ code, httpStatus: 409, userMessage, details });
  }
}

export class PreconditionFailedError extends AppError {
  constructor(currentEtag: string) {
    super({
      code: 'version_mismatch',
      httpStatus: 412,
      userMessage: 'This record was changed by someone else. Reload it, then apply your change again.',
      headers: { ETag: currentEtag },
      details: { currentEtag },
    });
  }
}

export class UnprocessableError extends AppError {
  constructor(code: string, userMessage: string, details?: Record<string, unknown>) {
    super({ code, httpStatus: 422, userMessage, details });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(userMessage: string) {
    super({ code: 'unsupported_media_type', httpStatus: 415, userMessage });
  }
}
