import { Body1, MessageBar, MessageBarBody, MessageBarTitle, Title2 } from '@fluentui/react-components';
import { useTab } from '../lib/tab-context.js';
import { Page } from '../ui.js';

/** Member or not, in plain words (the join request itself comes with onboarding). */
export function JoinPage() {
  const { strings, membership, signedInAs } = useTab();
  return (
    <Page>
      <Title2 as="h1">{strings.join.title}</Title2>
      {membership.kind === 'member' ? (
        <MessageBar intent="success" data-testid="join-state">
          <MessageBarBody>
            {strings.join.member(membership.me.organisation.name, membership.me.profile.name)}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="info" data-testid="join-state">
          <MessageBarBody>
            <MessageBarTitle>{strings.join.notMember}</MessageBarTitle>
            {strings.join.notMemberHint}
          </MessageBarBody>
        </MessageBar>
      )}
      {signedInAs && <Body1 as="p">{strings.join.signedInAs(signedInAs)}</Body1>}
      {membership.kind !== 'member' && <Body1 as="p">{strings.join.later}</Body1>}
    </Page>
  );
}
