import type { ApiClient } from '../lib/api-client.js';
import { TabContext } from '../lib/tab-context.js';
import { AcceptPage } from '../pages/accept.page.js';
import { JoinPage } from '../pages/join.page.js';
import type { Strings } from '../strings.js';

/**
 * The Join and Accept pages for anyone signed in, member or not, organisation or not: they read
 * /onboarding/status themselves, so membership here is left to them (`not-a-member` means "not
 * known from /me").
 */
export function OnboardingRoot(props: {
  page: 'join' | 'accept';
  api: ApiClient;
  strings: Strings;
  locale: string;
  inTeams: boolean;
  signedInAs: string | undefined;
}) {
  return (
    <TabContext.Provider
      value={{
        api: props.api,
        strings: props.strings,
        locale: props.locale,
        membership: { kind: 'not-a-member' },
        signedInAs: props.signedInAs,
      }}
    >
      {props.page === 'join' ? <JoinPage /> : <AcceptPage inTeams={props.inTeams} />}
    </TabContext.Provider>
  );
}
