import {
  Badge,
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Select,
  Subtitle1,
} from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import { ErrorBar } from '../shell.js';
import { useLayout } from '../ui.js';
import { BUILT_IN_PROFILES, type DirectoryUser, type InviteResult } from './team-api.js';
import { asApiError } from './use-section.js';
import type { ApiError } from '../lib/api-client.js';

const DEBOUNCE_MS = 300;

/** "Add Office 365 users": directory search (debounced), membership badges, multi-select, send. */
export function AddUsersSection({ onInvited }: { onInvited: () => void }) {
  const { api, strings } = useTab();
  const t = strings.team.add;
  const styles = useLayout();
  const headingId = useId();
  const [query, setQuery] = useState('');
  const [users, setUsers] = useState<DirectoryUser[] | undefined>();
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [selected, setSelected] = useState<Map<string, DirectoryUser>>(new Map());
  const [profile, setProfile] = useState<string>('standard');
  const [sending, setSending] = useState(false);
  const [results, setResults] = useState<{ name: string; result: InviteResult }[]>([]);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setUsers(undefined);
    let cancelled = false;
    const timer = setTimeout(() => {
      setSearching(true);
      setError(undefined);
      api
        .get<{ users: DirectoryUser[] }>(`/directory/users?search=${encodeURIComponent(q)}`)
        .then(
          (body) => !cancelled && setUsers(body.users),
          (err: unknown) => !cancelled && setError(asApiError(err)),
        )
        .finally(() => !cancelled && setSearching(false));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, query]);

  const toggle = (user: DirectoryUser, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(user.id, user);
      else next.delete(user.id);
      return next;
    });

  const send = async () => {
    setSending(true);
    setResults([]);
    try {
      const body = await api.post<{ results: InviteResult[] }>('/invitations', {
        users: [...selected.keys()].map((id) => ({ id })),
        profile,
      });
      setResults(
        body.results.map((result) => ({ name: selected.get(result.id)?.displayName ?? result.id, result })),
      );
      setSelected(new Map());
      setUsers((current) =>
        current?.map((u) =>
          body.results.some((r) => r.id === u.id && r.status === 'invited')
            ? { ...u, membership: 'invited' }
            : u,
        ),
      );
      onInvited();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className={styles.card} aria-labelledby={headingId} data-testid="add-users">
      <Subtitle1 as="h2" id={headingId}>
        {t.title}
      </Subtitle1>
      <Body1 as="p">{t.intro}</Body1>
      <Field label={t.search} hint={query.trim().length === 1 ? t.minChars : undefined}>
        <SearchBox value={query} onChange={(_e, d) => setQuery(d.value)} />
      </Field>
      {searching && <Caption1 aria-live="polite">{t.searching}</Caption1>}
      {error && <ErrorBar strings={strings} error={error} />}
      {users && users.length === 0 && <Body1 as="p">{t.noResults(query.trim())}</Body1>}
      {users && users.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="directory-results">
          {users.map((u) => (
            <li key={u.id} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Checkbox
                aria-label={t.select(u.displayName)}
                checked={selected.has(u.id)}
                disabled={u.membership !== 'none'}
                onChange={(_e, d) => toggle(u, d.checked === true)}
              />
              <span>
                <Body1 block>{u.displayName}</Body1>
                <Caption1>{[u.mail ?? u.userPrincipalName, u.jobTitle].filter(Boolean).join(' · ')}</Caption1>
              </span>
              {u.membership === 'member' && (
                <Badge appearance="tint" color="success">
                  {t.member}
                </Badge>
              )}
              {u.membership === 'invited' && (
                <Badge appearance="tint" color="informative">
                  {t.invited}
                </Badge>
              )}
            </li>
          ))}
        </ul>
      )}
      <Field label={t.profile}>
        <Select value={profile} onChange={(_e, d) => setProfile(d.value)}>
          {BUILT_IN_PROFILES.map((key) => (
            <option key={key} value={key}>
              {strings.team.profiles[key]}
            </option>
          ))}
        </Select>
      </Field>
      <div>
        <Button appearance="primary" disabled={selected.size === 0 || sending} onClick={() => void send()}>
          {sending ? t.sending : t.send(selected.size)}
        </Button>
      </div>
      {results.length > 0 && (
        <div role="status" data-testid="invite-results">
          {results.map(({ name, result }) => (
            <MessageBar key={result.id} intent={result.status === 'invited' ? 'success' : 'warning'}>
              <MessageBarBody>
                {result.status === 'invited' ? t.invitedOk(name) : t.refused(name, result.message ?? '')}
              </MessageBarBody>
            </MessageBar>
          ))}
        </div>
      )}
      <Caption1>{t.newUserNote}</Caption1>
    </section>
  );
}
