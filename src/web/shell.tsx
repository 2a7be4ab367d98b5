import {
  Body1,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Title2,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, type ApiClient } from './lib/api-client.js';
import { TabContext, type Membership } from './lib/tab-context.js';
import { ImportPage } from './pages/import.page.js';
import { JoinPage } from './pages/join.page.js';
import { SyncPage } from './pages/sync.page.js';
import { TeamPage } from './pages/team.page.js';
import type { Strings } from './strings.js';
import { Centered, Page, useLayout } from './ui.js';

export type PageName = 'sync' | 'team' | 'join' | 'import';
const PAGES: PageName[] = ['sync', 'team', 'join', 'import'];

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; membership: Membership }
  | { kind: 'no-organisation' }
  | { kind: 'error'; error: ApiError };

/** Who the caller is (GET /me) decides what every page can show. */
export function Shell(props: {
  page: PageName;
  api: ApiClient;
  strings: Strings;
  locale: string;
  inTeams: boolean;
  signedInAs: string | undefined;
  onSignedOut: () => void;
}) {
  const { api, strings, onSignedOut } = props;
  const styles = useLayout();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    api.get<Extract<Membership, { kind: 'member' }>['me']>('/me').then(
      (me) => setState({ kind: 'ready', membership: { kind: 'member', me } }),
      (err: unknown) => {
        const error = err instanceof ApiError ? err : new ApiError(0, 'network', undefined, undefined);
        if (error.code === 'not_a_member') setState({ kind: 'ready', membership: { kind: 'not-a-member' } });
        else if (error.code === 'organisation_not_found') setState({ kind: 'no-organisation' });
        else if (error.code === 'unauthorized' && !props.inTeams) onSignedOut();
        else setState({ kind: 'error', error });
      },
    );
  }, [api, onSignedOut, props.inTeams]);

  useEffect(load, [load]);

  if (state.kind === 'loading') return <Centered label={strings.loading} />;
  if (state.kind === 'no-organisation') {
    return (
      <Page>
        <Title2 as="h1">{strings.appName}</Title2>
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>{strings.errors.organisationNotFound}</MessageBarTitle>
            {strings.errors.organisationNotFoundHint}{' '}
            <Link href="/tabs/join">{strings.errors.organisationNotFoundAction}</Link>
          </MessageBarBody>
        </MessageBar>
      </Page>
    );
  }
  if (state.kind === 'error') {
    return (
      <Page>
        <Title2 as="h1">{strings.appName}</Title2>
        <ErrorBar strings={strings} error={state.error} />
        <div>
          <Button onClick={load}>{strings.retry}</Button>
        </div>
      </Page>
    );
  }
  const page = state.membership.kind === 'not-a-member' ? 'join' : props.page;
  return (
    <TabContext.Provider
      value={{
        api,
        strings,
        locale: props.locale,
        membership: state.membership,
        signedInAs:
          state.membership.kind === 'member' ? state.membership.me.user.userPrincipalName : props.signedInAs,
      }}
    >
      {!props.inTeams && (
        <nav className={styles.nav} aria-label={strings.nav.label}>
          {PAGES.map((p) => (
            <Link key={p} href={`/tabs/${p}`} aria-current={p === page ? 'page' : undefined}>
              {strings.nav[p]}
            </Link>
          ))}
        </nav>
      )}
      {page === 'sync' && <SyncPage />}
      {page === 'team' && <TeamPage />}
      {page === 'join' && <JoinPage />}
      {page === 'import' && <ImportPage />}
    </TabContext.Provider>
  );
}

/** An API error in plain words: the server's user-safe detail when it sent one. */
export function ErrorBar({ strings, error }: { strings: Strings; error: ApiError }) {
  const text =
    error.detail ??
    (error.code === 'network'
      ? strings.errors.network
      : error.code === 'unauthorized'
        ? strings.errors.unauthorized
        : error.code === 'token_unavailable'
          ? strings.errors.tokenUnavailable
          : strings.errors.generic);
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <Body1>{text}</Body1>
        {error.correlationId && <Body1 block>{strings.errors.reference(error.correlationId)}</Body1>}
      </MessageBarBody>
    </MessageBar>
  );
}
