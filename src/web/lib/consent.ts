/**
 * Pure helpers of the consent flow (no DOM): the plain-words sentence for a list of Graph scopes,
 * and the authority's authorize URL that asks for them with `prompt=consent`.
 */
import type { Strings } from '../strings.js';

type Thing = keyof Strings['consent']['things'];

const GRAPH = 'https://graph.microsoft.com/';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** `https://graph.microsoft.com/Contacts.ReadWrite` → `Contacts.ReadWrite`; OIDC scopes dropped. */
export function shortScopes(scopes: string[]): string[] {
  const out = scopes
    .map((s) => (s.toLowerCase().startsWith(GRAPH) ? s.slice(GRAPH.length) : s).trim())
    .filter((s) => s && !OIDC_SCOPES.has(s.toLowerCase()) && /^[A-Za-z0-9._-]+$/.test(s));
  return [...new Set(out)];
}

/** `Contacts.ReadWrite` → `contacts`. */
function thingOf(scope: string): Thing {
  const resource = (scope.split('.')[0] ?? '').toLowerCase();
  if (resource === 'contacts') return 'contacts';
  if (resource === 'calendars') return 'calendar';
  if (resource === 'tasks') return 'tasks';
  if (resource === 'user') return 'profile';
  if (resource === 'mail') return 'mail';
  return 'other';
}

const ORDER: Thing[] = ['contacts', 'calendar', 'tasks', 'mail', 'profile', 'other'];

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(words: string[], and: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${and} ${words[words.length - 1]}`;
}

/**
 * "Tandem needs your permission to read and update your Outlook contacts, calendar and tasks."
 * Write access if any scope writes; things in a fixed order; unknown scopes as "Microsoft 365 data".
 */
export function consentSentence(scopes: string[], strings: Strings): string {
  const names = shortScopes(scopes);
  const t = strings.consent;
  const things = ORDER.filter((thing) => names.some((s) => thingOf(s) === thing));
  const writes = names.some((s) => /\.ReadWrite(\.|$)/i.test(s));
  const words = (things.length ? things : (['other'] as Thing[])).map((thing) => t.things[thing]);
  return t.sentence(writes ? t.access.readWrite : t.access.read, joinWords(words, t.and));
}

export interface AuthorizeRequest {
  /** `https://login.microsoftonline.com/organizations` or the sandbox's. */
  authority: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  codeChallenge: string;
  loginHint?: string | undefined;
  /** The claims challenge of a step-up (`interaction_required`). */
  claims?: string | undefined;
}

/** The authorize URL: code + PKCE (S256), the Graph scopes fully qualified, `prompt=consent`. */
export function authorizeUrl(request: AuthorizeRequest): string {
  const graph = shortScopes(request.scopes).map((s) => `${GRAPH}${s}`);
  const url = new URL(`${request.authority.replace(/\/+$/, '')}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id: request.clientId,
    response_type: 'code',
    redirect_uri: request.redirectUri,
    response_mode: 'query',
    scope: ['openid', 'profile', ...graph].join(' '),
    prompt: 'consent',
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    ...(request.loginHint ? { login_hint: request.loginHint } : {}),
    ...(request.claims ? { claims: request.claims } : {}),
  }).toString();
  return url.toString();
}

/** `/tabs/consent?scopes=…` relative to the tab's origin, with what the consent page needs. */
export function consentPageUrl(
  origin: string,
  options: {
    scopes: string[];
    loginHint?: string | undefined;
    claims?: string | undefined;
    returnTo?: string;
  },
): string {
  const url = new URL('/tabs/consent', origin);
  url.searchParams.set('scopes', shortScopes(options.scopes).join(' '));
  if (options.loginHint) url.searchParams.set('loginHint', options.loginHint);
  if (options.claims) url.searchParams.set('claims', options.claims);
  if (options.returnTo) url.searchParams.set('returnTo', options.returnTo);
  return url.toString();
}

/** Only a same-origin tab path may be returned to. */
export function safeReturnTo(value: string | null | undefined): string {
  return value && /^\/tabs\/[A-Za-z0-9/_-]*(\?[^#]*)?$/.test(value) && !value.startsWith('//')
    ? value
    : '/tabs/sync';
}
