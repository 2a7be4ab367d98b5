/**
 * The invitation secret of an accept link (`/tabs/accept#token=…`). It arrives in the fragment
 * (never sent to a server, never in a Referer); it is moved to this tab's sessionStorage and
 * removed from the address bar, so it survives the sign-in round trip and is not bookmarked.
 */
const KEY = 'tandem.accept-token';

export function captureAcceptToken(): void {
  if (!window.location.pathname.startsWith('/tabs/accept')) return;
  const token = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  if (!token) return;
  sessionStorage.setItem(KEY, token);
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

export function acceptToken(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function forgetAcceptToken(): void {
  sessionStorage.removeItem(KEY);
}

const INVITEE_KEY = 'tandem.accept-invitee';

/**
 * "Associate my account": the invitee's own token is kept for this tab while they sign in with
 * their other account; the accept call then carries both (the invitee's as bearer).
 */
export function keepInviteeToken(token: string): void {
  sessionStorage.setItem(INVITEE_KEY, token);
}

export function inviteeToken(): string | undefined {
  return sessionStorage.getItem(INVITEE_KEY) ?? undefined;
}

export function forgetInviteeToken(): void {
  sessionStorage.removeItem(INVITEE_KEY);
}
