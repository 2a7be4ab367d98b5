import {
  FluentProvider,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
  type Theme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ConsentGate, ConsentRedirectView } from './consent.prompt.js';
import { captureAcceptToken } from './join/accept-token.js';
import { OnboardingRoot } from './join/onboarding-root.js';
import { captureReviewRequest } from './team/review-request.js';
import { ApiClient, ApiError } from './lib/api-client.js';
import { completeSignIn, forgetToken, storedToken } from './lib/browser-auth.js';
import { connectToHost, type ThemeName } from './lib/teams-host.js';
import { Shell, type PageName } from './shell.js';
import { SignInView, type SignInReason } from './sign-in.view.js';
import { stringsFor } from './strings.js';
import { Centered } from './ui.js';

const THEMES: Record<ThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

type Phase =
  | { kind: 'connecting' }
  | { kind: 'completing-sign-in' }
  | { kind: 'sign-in'; reason: SignInReason }
  | { kind: 'ready'; api: ApiClient; inTeams: boolean; signedInAs: string | undefined };

type Step = 'auth-end' | 'consent' | 'consent-end';
const STEPS: string[] = ['auth-end', 'consent', 'consent-end'] satisfies Step[];

function pageOf(pathname: string): PageName | Step | 'accept' {
  const name = pathname.replace(/^\/tabs\/?/, '').replace(/\/$/, '');
  if (STEPS.includes(name)) return name as Step;
  if (name === 'accept') return name;
  if (name === 'team' || name === 'join' || name === 'import') return name;
  return 'sync';
}

export function App() {
  const page = pageOf(window.location.pathname);
  // Before any sign-in redirect: the accept link's secret leaves the address bar for sessionStorage,
  // and the approval link's request id is kept (sign-in comes back to the path alone).
  useState(() => {
    captureAcceptToken();
    captureReviewRequest();
  });
  const [theme, setTheme] = useState<ThemeName>('default');
  const [locale, setLocale] = useState<string>(navigator.language || 'en');
  const [phase, setPhase] = useState<Phase>(
    page === 'auth-end' ? { kind: 'completing-sign-in' } : { kind: 'connecting' },
  );
  const strings = useMemo(() => stringsFor(locale), [locale]);
  const onSignedOut = useCallback(() => setPhase({ kind: 'sign-in', reason: 'expired' }), []);

  useEffect(() => {
    let cancelled = false;
    if (page === 'consent' || page === 'consent-end') return;
    if (page === 'auth-end') {
      completeSignIn(window.location.search).then(
        (returnTo) => window.location.replace(returnTo),
        () => !cancelled && setPhase({ kind: 'sign-in', reason: 'failed' }),
      );
      return;
    }
    void connectToHost().then((host) => {
      if (cancelled) return;
      if (host.kind === 'teams') {
        setTheme(host.theme);
        setLocale(host.locale);
        host.onThemeChange(setTheme);
        const api = new ApiClient(() => host.getToken());
        setPhase({ kind: 'ready', api, inTeams: true, signedInAs: host.userPrincipalName });
        return;
      }
      const token = storedToken();
      if (!token) return setPhase({ kind: 'sign-in', reason: host.reason });
      const api = new ApiClient(async ({ fresh }) => {
        if (!fresh) return token;
        forgetToken();
        throw new ApiError(401, 'unauthorized', undefined, undefined);
      });
      setPhase({ kind: 'ready', api, inTeams: false, signedInAs: undefined });
    });
    return () => {
      cancelled = true;
    };
  }, [page]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = theme;
    document.title = strings.appName;
  }, [locale, theme, strings]);

  return (
    <FluentProvider
      theme={THEMES[theme]}
      style={{ minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 }}
    >
      {(page === 'consent' || page === 'consent-end') && (
        <ConsentRedirectView strings={strings} step={page} />
      )}
      {phase.kind === 'connecting' && page !== 'consent' && page !== 'consent-end' && (
        <Centered label={strings.host.connecting} />
      )}
      {phase.kind === 'completing-sign-in' && <Centered label={strings.signIn.signingIn} />}
      {phase.kind === 'sign-in' && <SignInView strings={strings} reason={phase.reason} />}
      {phase.kind === 'ready' && !STEPS.includes(page) && (
        <ConsentGate api={phase.api} strings={strings} inTeams={phase.inTeams} loginHint={phase.signedInAs}>
          {page === 'join' || page === 'accept' ? (
            <OnboardingRoot
              page={page}
              api={phase.api}
              strings={strings}
              locale={locale}
              inTeams={phase.inTeams}
              signedInAs={phase.signedInAs}
            />
          ) : (
            <Shell
              page={page as PageName}
              api={phase.api}
              strings={strings}
              locale={locale}
              inTeams={phase.inTeams}
              signedInAs={phase.signedInAs}
              onSignedOut={onSignedOut}
            />
          )}
        </ConsentGate>
      )}
    </FluentProvider>
  );
}
