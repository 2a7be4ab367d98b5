import {
  Body1,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Title2,
} from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import {
  acceptToken,
  forgetAcceptToken,
  forgetInviteeToken,
  inviteeToken,
  keepInviteeToken,
} from '../join/accept-token.js';
import { InvitationAccept, type Accepted } from '../join/invitation-accept.js';
import { ApiClient } from '../lib/api-client.js';
import { beginSignIn, forgetToken, loadConfig, storedToken } from '../lib/browser-auth.js';
import { useTab } from '../lib/tab-context.js';
import { ErrorBar } from '../shell.js';
import { formatWhen, nameOf, type OnboardingStatus } from '../team/team-api.js';
import { useLoad } from '../team/use-section.js';
import { Centered, Page } from '../ui.js';

/** Outside Teams: drop this account's token and sign in again (the authority lets the user pick). */
async function signInAgain(): Promise<void> {
  forgetToken();
  await beginSignIn(await loadConfig(), '/tabs/accept');
}

/** "Associate my account": keep the invitee's token, then sign in with the other account. */
async function associateAnother(): Promise<void> {
  const mine = storedToken();
  if (mine) keepInviteeToken(mine);
  await signInAgain();
}

/**
 * The accept link's page (`/tabs/accept#token=…`): who invited the caller to what, the terms, and
 * Accept. Opening it changes nothing; only Accept (a POST) uses the invitation.
 */
export function AcceptPage({ inTeams }: { inTeams: boolean }) {
  const { api, strings, locale, signedInAs } = useTab();
  const load = useCallback(() => api.get<OnboardingStatus>('/onboarding/status'), [api]);
  const { data: status, error } = useLoad(load);
  const [accepted, setAccepted] = useState<Accepted | undefined>();
  const token = acceptToken();
  // Associating: the tab is now signed in as the other account; the invitee's token stays the bearer.
  const invitee = inTeams ? undefined : inviteeToken();
  const asInvitee = useMemo(() => invitee && new ApiClient(async () => invitee), [invitee]);
  const other = invitee ? storedToken() : undefined;

  const onAccepted = (a: Accepted) => {
    forgetAcceptToken();
    forgetInviteeToken();
    setAccepted(a);
  };

  let body;
  if (accepted) {
    body = (
      <MessageBar intent="success" role="status" data-testid="accept-state">
        <MessageBarBody>
          {strings.accept.accepted(accepted.organisation.name, accepted.profile.name)}{' '}
          <Link href="/tabs/sync">{strings.join.open}</Link>
        </MessageBarBody>
      </MessageBar>
    );
  } else if (error) {
    body = <ErrorBar strings={strings} error={error} />;
  } else if (!status) {
    return <Centered label={strings.loading} />;
  } else if (!token && !status.invitation) {
    body = (
      <MessageBar intent="info" data-testid="accept-state">
        <MessageBarBody>{strings.accept.noInvitation}</MessageBarBody>
      </MessageBar>
    );
  } else {
    const invitation = status.invitation;
    body = (
      <>
        <MessageBar intent="info" data-testid="accept-state">
          <MessageBarBody>
            <MessageBarTitle>
              {invitation
                ? strings.accept.invitedTo(nameOf(invitation.organisation))
                : strings.accept.invitedGeneric}
            </MessageBarTitle>
            {invitation &&
              strings.join.invited(nameOf(invitation.profile), formatWhen(invitation.expiresAt, locale))}
          </MessageBarBody>
        </MessageBar>
        {asInvitee && other && (
          <MessageBar intent="warning">
            <MessageBarBody>{strings.accept.associating}</MessageBarBody>
          </MessageBar>
        )}
        <InvitationAccept
          invitation={token ? { token } : { invitationId: invitation!.id }}
          onAccepted={onAccepted}
          onWrongUser={inTeams ? undefined : () => void signInAgain()}
          {...(asInvitee && other ? { api: asInvitee, extra: { associateWith: { token: other } } } : {})}
        />
        {!inTeams && !asInvitee && token && (
          <>
            <Body1 as="p">{strings.accept.associateHint}</Body1>
            <div>
              <Button onClick={() => void associateAnother()}>{strings.accept.associate}</Button>
            </div>
          </>
        )}
      </>
    );
  }
  return (
    <Page>
      <Title2 as="h1">{strings.accept.title}</Title2>
      {body}
      {signedInAs && <Body1 as="p">{strings.join.signedInAs(signedInAs)}</Body1>}
    </Page>
  );
}
