/**
 * The join request an approval mail points at (`/tabs/team?request=<id>`). Kept in this tab's
 * sessionStorage at start-up, because signing in outside Teams comes back to the path alone.
 */
const KEY = 'tandem.review-request';

export function captureReviewRequest(): void {
  if (!window.location.pathname.startsWith('/tabs/team')) return;
  const id = new URLSearchParams(window.location.search).get('request');
  if (id) sessionStorage.setItem(KEY, id);
}

/** The request to highlight (read without side effects, so a render may repeat it). */
export function reviewRequest(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

/** Once shown: a later visit to the Team tab highlights nothing. */
export function forgetReviewRequest(): void {
  sessionStorage.removeItem(KEY);
}
