import { Body1, Caption1, Title2 } from '@fluentui/react-components';
import { useTab } from '../lib/tab-context.js';
import { Page, useLayout } from '../ui.js';

/** The signed-in member and their organisation (directory and invitations come with onboarding). */
export function TeamPage() {
  const { strings, membership } = useTab();
  const styles = useLayout();
  if (membership.kind !== 'member') return null;
  const { me } = membership;
  const rows: [string, string][] = [
    [strings.team.name, me.user.displayName],
    [strings.team.signInId, me.user.userPrincipalName],
    [strings.team.organisation, me.organisation.name],
    [strings.team.profile, me.profile.name],
  ];
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
      <Body1 as="p">{strings.team.later}</Body1>
    </Page>
  );
}
