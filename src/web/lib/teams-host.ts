import { app, authentication } from '@microsoft/teams-js';

export type ThemeName = 'default' | 'dark' | 'contrast';

/** Tandem running inside a Teams (or Microsoft 365) host that answered `initialize`. */
export interface TeamsHost {
  kind: 'teams';
  theme: ThemeName;
  locale: string;
  userPrincipalName: string | undefined;
  /** SSO: a token for Tandem's API (`api://…/access_as_user`) from the host. */
  getToken(): Promise<string>;
  onThemeChange(handler: (theme: ThemeName) => void): void;
}

/** Not in a host: top-level window (initialize rejects) or a parent that never answered. */
export interface NoHost {
  kind: 'none';
  reason: 'not-in-teams' | 'timeout';
}

/** teams-js waits forever when a parent frame never answers; we do not. */
export const INITIALIZE_TIMEOUT_MS = 5000;

class Timeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout()), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export const asTheme = (name: string | undefined): ThemeName =>
  name === 'dark' ? 'dark' : name === 'contrast' ? 'contrast' : 'default';

/** Connects to the Teams host, or says why there is none. Never hangs. */
export async function connectToHost(timeoutMs = INITIALIZE_TIMEOUT_MS): Promise<TeamsHost | NoHost> {
  if (window.parent === window && !window.opener) return { kind: 'none', reason: 'not-in-teams' };
  try {
    await withTimeout(app.initialize(), timeoutMs);
    const context = await withTimeout(app.getContext(), timeoutMs);
    app.notifySuccess();
    return {
      kind: 'teams',
      theme: asTheme(context.app.theme),
      locale: context.app.locale || navigator.language,
      userPrincipalName: context.user?.userPrincipalName,
      getToken: () => withTimeout(authentication.getAuthToken(), 30_000),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(asTheme(t))),
    };
  } catch (err) {
    return { kind: 'none', reason: err instanceof Timeout ? 'timeout' : 'not-in-teams' };
  }
}
