import { app, authentication } from '@microsoft/teams-js';
import type { ConsentRequiredError } from './api-client.js';
import { challengeOf, loadConfig, randomString } from './browser-auth.js';
import { authorizeUrl, consentPageUrl, safeReturnTo } from './consent.js';

/** Consent window size Teams opens (the authority's consent page fits). */
export const CONSENT_WINDOW = { width: 600, height: 535 };

const PENDING_KEY = 'tandem.consent';

interface PendingConsent {
  state: string;
  /** Where to go back to outside Teams; absent in a Teams authentication window. */
  returnTo?: string;
}

/**
 * Asks for consent. In Teams: the host's authentication window on /tabs/consent; resolves once it
 * reports success, rejects on failure or cancel. Outside Teams: leaves for /tabs/consent, which
 * comes back to this page (the promise then never settles).
 */
export async function requestConsent(
  error: ConsentRequiredError,
  options: { inTeams: boolean; loginHint: string | undefined },
): Promise<void> {
  const { scopes, claims } = error;
  if (options.inTeams) {
    const url = consentPageUrl(window.location.origin, { scopes, claims, loginHint: options.loginHint });
    await authentication.authenticate({ url, ...CONSENT_WINDOW });
    return;
  }
  const returnTo = `${window.location.pathname}${window.location.search}`;
  window.location.assign(
    consentPageUrl(window.location.origin, { scopes, claims, loginHint: options.loginHint, returnTo }),
  );
  await new Promise<never>(() => undefined);
}

/** /tabs/consent: remembers state (and the return URL), then leaves for the authority with PKCE. */
export async function beginConsent(search: string): Promise<void> {
  const params = new URLSearchParams(search);
  const config = await loadConfig();
  const state = randomString(16);
  const verifier = randomString(48);
  const returnTo = params.get('returnTo');
  const pending: PendingConsent = { state, ...(returnTo ? { returnTo: safeReturnTo(returnTo) } : {}) };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(
    authorizeUrl({
      authority: config.authority,
      clientId: config.clientId,
      redirectUri: new URL('/tabs/consent-end', window.location.origin).toString(),
      scopes: (params.get('scopes') ?? '').split(/[\s,]+/).filter(Boolean),
      state,
      codeChallenge: await challengeOf(verifier),
      loginHint: params.get('loginHint') ?? undefined,
      claims: params.get('claims') ?? undefined,
    }),
  );
}

/**
 * /tabs/consent-end: in a Teams authentication window, tells the host (notifySuccess or
 * notifyFailure with the authority's error); outside Teams, goes back to the saved page. The code
 * is not redeemed: the authority records consent at sign-in. Resolves with the failure reason.
 */
export async function completeConsent(search: string): Promise<string | undefined> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  let pending: PendingConsent | undefined;
  try {
    pending = raw ? (JSON.parse(raw) as PendingConsent) : undefined;
  } catch {
    pending = undefined;
  }
  const failure = params.get('error')
    ? (params.get('error') ?? 'consent_failed')
    : !pending || params.get('state') !== pending.state
      ? 'state_mismatch'
      : undefined;
  if (pending?.returnTo) {
    window.location.replace(pending.returnTo);
    return failure;
  }
  if (window.opener || window.parent !== window) {
    await Promise.race([
      app.initialize(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000)),
    ]);
    if (failure) authentication.notifyFailure(failure);
    else authentication.notifySuccess();
  }
  return failure;
}
