import { Body1, Caption1, MessageBar, MessageBarBody, Title2 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import { AddUsersSection } from '../team/add-users.section.js';
import { AuditSection } from '../team/audit.section.js';
import { InvitationsSection } from '../team/invitations.section.js';
import { JoinRequestsSection } from '../team/join-requests.section.js';
import { MembersSection } from '../team/members.section.js';
import { forgetReviewRequest, reviewRequest } from '../team/review-request.js';
import { Page, useLayout } from '../ui.js';

/** Whether /me's profile may manage users (the server checks again on every call). */
function canManageUsers(profile: object): boolean {
  return (profile as { permissions?: { manageUsers?: unknown } }).permissions?.manageUsers === true;
}

/**
 * The signed-in member and their organisation; for people who manage users, onboarding too:
 * add Office 365 users, members, pending invitations, join requests and the audit trail.
 */
export function TeamPage() {
  const { strings, membership } = useTab();
  const styles = useLayout();
  // Bumped after an invitation or a decision, so the lists that depend on it reload.
  const [version, setVersion] = useState(0);
  const [highlight] = useState(reviewRequest);
  useEffect(forgetReviewRequest, []);
  const bump = () => setVersion((v) => v + 1);
  if (membership.kind !== 'member') return null;
  const { me } = membership;
  const rows: [string, string][] = [
    [strings.team.name, me.user.displayName],
    [strings.team.signInId, me.user.userPrincipalName],
    [strings.team.organisation, me.organisation.name],
    [strings.team.profile, me.profile.name],
  ];
  const manager = canManageUsers(me.profile);
  return (
    <Page>
      <Title2 as="h1">{strings.team.title}</Title2>
      <Body1 as="p">{strings.team.intro}</Body1>
      <dl className={styles.card} style={{ margin: 0 }}>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>
              <Caption1>{label}</Caption1>
            </dt>
            <dd style={{ margin: 0 }}>
              <Body1>{value}</Body1>
            </dd>
          </div>
        ))}
      </dl>
      {manager ? (
        <>
          <JoinRequestsSection highlight={highlight} onDecided={bump} />
          <AddUsersSection onInvited={bump} />
          <InvitationsSection version={version} onChanged={bump} />
          <MembersSection version={version} />
          <AuditSection version={version} />
        </>
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>{strings.team.notManager}</MessageBarBody>
        </MessageBar>
      )}
    </Page>
  );
}
