import { Body1, Button, MessageBar, MessageBarBody, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import { beginSignIn, loadConfig } from './lib/browser-auth.js';
import type { Strings } from './strings.js';
import { Page } from './ui.js';

export type SignInReason = 'not-in-teams' | 'timeout' | 'expired' | 'failed';

/** Outside Teams (or when Teams never answered): sign in through the authority with PKCE. */
export function SignInView({ strings, reason }: { strings: Strings; reason: SignInReason }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(reason === 'failed');
  const message =
    reason === 'timeout'
      ? strings.host.teamsTimeout
      : reason === 'expired'
        ? strings.signIn.expired
        : strings.host.notInTeams;
  const signIn = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const config = await loadConfig();
      const returnTo = window.location.pathname.startsWith('/tabs/auth-end')
        ? '/tabs/sync'
        : window.location.pathname;
      await beginSignIn(config, returnTo);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };
  return (
    <Page>
      <Title2 as="h1">{strings.signIn.title}</Title2>
      <Body1 as="p" data-testid="sign-in-reason">
        {message}
      </Body1>
      {failed && (
        <MessageBar intent="error">
          <MessageBarBody>{strings.signIn.failed}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" disabled={busy} onClick={() => void signIn()}>
          {busy ? strings.signIn.signingIn : strings.signIn.button}
        </Button>
      </div>
    </Page>
  );
}
