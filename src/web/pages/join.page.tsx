import { Body1, Link, MessageBar, MessageBarBody, MessageBarTitle, Title2 } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { BootstrapForm } from '../join/bootstrap.form.js';
import { InvitationAccept } from '../join/invitation-accept.js';
import { RequestToJoinForm } from '../join/request-to-join.form.js';
import { useTab } from '../lib/tab-context.js';
import { ErrorBar } from '../shell.js';
import { formatWhen, nameOf, type OnboardingStatus } from '../team/team-api.js';
import { useLoad } from '../team/use-section.js';
import { Centered, Page } from '../ui.js';

/**
 * Where the caller stands, from /onboarding/status: a member; invited (accept); their request
 * waiting; not a member (request to join, optional message); or no organisation yet (set it up).
 */
export function JoinPage() {
  const { api, strings, locale, signedInAs } = useTab();
  const load = useCallback(() => api.get<OnboardingStatus>('/onboarding/status'), [api]);
  const { data: status, error, reload } = useLoad(load);
  const [done, setDone] = useState<string | undefined>();

  let body;
  if (done) {
    body = (
      <MessageBar intent="success" data-testid="join-state" role="status">
        <MessageBarBody>
          {done} <Link href="/tabs/sync">{strings.join.open}</Link>
        </MessageBarBody>
      </MessageBar>
    );
  } else if (error) {
    body = <ErrorBar strings={strings} error={error} />;
  } else if (!status) {
    return <Centered label={strings.loading} />;
  } else if (status.state === 'member') {
    body = (
      <MessageBar intent="success" data-testid="join-state">
        <MessageBarBody>{strings.join.memberOf(status.organisation?.name ?? '')}</MessageBarBody>
      </MessageBar>
    );
  } else if (status.state === 'no_organisation') {
    body = <BootstrapForm onDone={(org) => setDone(strings.join.setUpDone(org.name))} />;
  } else if (status.invitation) {
    const { invitation } = status;
    body = (
      <>
        <MessageBar intent="info" data-testid="join-state">
          <MessageBarBody>
            <MessageBarTitle>{strings.join.invitedTitle(nameOf(invitation.organisation))}</MessageBarTitle>
            {strings.join.invited(nameOf(invitation.profile), formatWhen(invitation.expiresAt, locale))}
          </MessageBarBody>
        </MessageBar>
        <InvitationAccept
          invitation={{ invitationId: invitation.id }}
          onAccepted={(a) => setDone(strings.accept.accepted(a.organisation.name, a.profile.name))}
        />
      </>
    );
  } else if (status.joinRequest?.status === 'pending') {
    body = (
      <MessageBar intent="success" data-testid="join-state" role="status">
        <MessageBarBody>
          <MessageBarTitle>{strings.join.pendingTitle}</MessageBarTitle>
          {strings.join.pending(formatWhen(status.joinRequest.createdAt, locale))}
        </MessageBarBody>
      </MessageBar>
    );
  } else {
    const declined = status.joinRequest?.status === 'declined' ? status.joinRequest : undefined;
    body = (
      <>
        <MessageBar intent="info" data-testid="join-state">
          <MessageBarBody>
            <MessageBarTitle>{strings.join.notMember}</MessageBarTitle>
            {strings.join.alreadyUses(status.organisation?.name ?? '')}
          </MessageBarBody>
        </MessageBar>
        {declined && <Body1 as="p">{strings.join.declined(declined.decidedBy?.displayName ?? '')}</Body1>}
        <Body1 as="p">{strings.join.requestIntro}</Body1>
        <RequestToJoinForm onSent={reload} />
      </>
    );
  }
  return (
    <Page>
      <Title2 as="h1">{strings.join.title}</Title2>
      {body}
      {signedInAs && <Body1 as="p">{strings.join.signedInAs(signedInAs)}</Body1>}
    </Page>
  );
}
