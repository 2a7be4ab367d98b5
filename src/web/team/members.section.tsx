import {
  Badge,
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle1,
} from '@fluentui/react-components';
import { useCallback, useId, useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import { ErrorBar } from '../shell.js';
import { useLayout } from '../ui.js';
import { BUILT_IN_PROFILES, formatWhen, type MemberView, type ProfileRef } from './team-api.js';
import { detailOf, useLoad } from './use-section.js';

/** Members with their profile (changeable) and status. */
export function MembersSection({ version }: { version: number }) {
  const { api, strings, locale } = useTab();
  const t = strings.team.members;
  const styles = useLayout();
  const headingId = useId();
  // `version` changes when someone joins elsewhere on the page (an approval): reload then.
  const load = useCallback(() => api.get<{ members: MemberView[] }>('/members'), [api, version]);
  const { data, setData, error } = useLoad(load);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | undefined>();

  const change = async (member: MemberView, key: string) => {
    setNotice(undefined);
    try {
      const updated = await api.patch<MemberView>(`/members/${member.userId}`, { profile: key });
      setData(
        (d) =>
          d && { members: d.members.map((m) => (m.userId === member.userId ? { ...m, ...updated } : m)) },
      );
      setNotice({ intent: 'success', text: t.changed(member.displayName, updated.profile?.name ?? key) });
    } catch (err) {
      setNotice({ intent: 'error', text: detailOf(err, strings.errors.generic) });
    }
  };

  const options = (current: ProfileRef) => {
    const keys: string[] = [...BUILT_IN_PROFILES];
    if (!keys.includes(current.key)) keys.push(current.key);
    return keys.map((key) => (
      <option key={key} value={key}>
        {key === current.key ? current.name : (strings.team.profiles as Record<string, string>)[key]}
      </option>
    ));
  };

  return (
    <section className={styles.card} aria-labelledby={headingId} data-testid="members">
      <Subtitle1 as="h2" id={headingId}>
        {t.title}
      </Subtitle1>
      {error && <ErrorBar strings={strings} error={error} />}
      {notice && (
        <MessageBar intent={notice.intent} role="status">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {data && data.members.length === 0 && <Body1 as="p">{t.empty}</Body1>}
      {data && data.members.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {data.members.map((m) => (
            <li
              key={m.userId}
              data-testid={`member-${m.userPrincipalName}`}
              style={{ display: 'flex', gap: 8, alignItems: 'center' }}
            >
              <span style={{ flex: 1 }}>
                <Body1 block>{m.displayName}</Body1>
                <Caption1>
                  {m.userPrincipalName} · {t.joined(formatWhen(m.joinedAt, locale))}
                </Caption1>
              </span>
              <Badge appearance="tint" color={m.status === 'active' ? 'success' : 'subtle'}>
                {t.status[m.status]}
              </Badge>
              <Select
                aria-label={t.changeProfile(m.displayName)}
                value={m.profile.key}
                onChange={(_e, d) => void change(m, d.value)}
              >
                {options(m.profile)}
              </Select>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
