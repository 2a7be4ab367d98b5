/**
 * Sign-in outside Teams: authorization code + PKCE against the Entra authority (or the sandbox's),
 * as a public client (no secret). The access token lives in sessionStorage for this tab only.
 */
export interface TabsConfig {
  clientId: string;
  /** `https://login.microsoftonline.com/organizations` or the sandbox's. */
  authority: string;
  /** `api://…/access_as_user` */
  scope: string;
  redirectPath: string;
}

interface StoredToken {
  accessToken: string;
  expiresAt: number;
}

interface PendingSignIn {
  state: string;
  verifier: string;
  returnTo: string;
  tokenEndpoint: string;
  redirectUri: string;
  clientId: string;
  scope: string;
}

const TOKEN_KEY = 'tandem.token';
const PENDING_KEY = 'tandem.signin';

export async function loadConfig(): Promise<TabsConfig> {
  const res = await fetch('/tabs/config.json', { credentials: 'omit' });
  if (!res.ok) throw new Error(`config ${res.status}`);
  return (await res.json()) as TabsConfig;
}

/** The stored token if it is still valid for at least a minute. */
export function storedToken(): string | undefined {
  const raw = sessionStorage.getItem(TOKEN_KEY);
  if (!raw) return undefined;
  try {
    const token = JSON.parse(raw) as StoredToken;
    if (token.expiresAt - 60_000 > Date.now()) return token.accessToken;
  } catch {
    sessionStorage.removeItem(TOKEN_KEY);
  }
  return undefined;
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Leaves for the authority's sign-in page; comes back to `redirectPath`. */
export async function beginSignIn(config: TabsConfig, returnTo: string, loginHint?: string): Promise<void> {
  const verifier = randomString(48);
  const state = randomString(16);
  const redirectUri = new URL(config.redirectPath, window.location.origin).toString();
  const pending: PendingSignIn = {
    state,
    verifier,
    returnTo,
    tokenEndpoint: `${config.authority}/oauth2/v2.0/token`,
    redirectUri,
    clientId: config.clientId,
    scope: `${config.scope} openid profile offline_access`,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(`${config.authority}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    response_mode: 'query',
    scope: pending.scope,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
    ...(loginHint ? { login_hint: loginHint } : {}),
  }).toString();
  window.location.assign(url.toString());
}

/**
 * On the redirect page: checks `state`, redeems the code with the PKCE verifier, stores the token.
 * Returns where to go back to (a same-origin path).
 */
export async function completeSignIn(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!raw) throw new Error('no pending sign-in');
  const pending = JSON.parse(raw) as PendingSignIn;
  const code = params.get('code');
  if (params.get('error') || !code || params.get('state') !== pending.state)
    throw new Error('sign-in refused');
  const res = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: pending.clientId,
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      code_verifier: pending.verifier,
      scope: pending.scope,
    }).toString(),
    credentials: 'omit',
  });
  if (!res.ok) throw new Error(`token ${res.status}`);
  const body = (await res.json()) as { access_token?: string; expires_in?: number };
  if (!body.access_token) throw new Error('no access token');
  const token: StoredToken = {
    accessToken: body.access_token,
    expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000,
  };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(token));
  return pending.returnTo.startsWith('/tabs/') ? pending.returnTo : '/tabs/sync';
}
