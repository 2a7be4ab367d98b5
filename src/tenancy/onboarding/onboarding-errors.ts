import { AppError, ForbiddenError } from '../../platform/errors/app-error.js';

/** 429 with Retry-After (seconds, at least 1). */
export function tooManyRequests(code: string, userMessage: string, retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError({
    code,
    httpStatus: 429,
    userMessage,
    headers: { 'Retry-After': String(seconds) },
    details: { retryAfterSeconds: seconds },
  });
}

/** 410: the invitation cannot be used any more (revoked or expired). */
export function gone(code: string, userMessage: string): AppError {
  return new AppError({ code, httpStatus: 410, userMessage });
}

export const notPermitted = () =>
  new ForbiddenError('not_permitted', 'Only people whose profile lets them manage users can do this.');
