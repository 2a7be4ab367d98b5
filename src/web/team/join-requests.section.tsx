import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle1,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useId, useState } from 'react';
import { ApiError } from '../lib/api-client.js';
import { useTab } from '../lib/tab-context.js';
import { ErrorBar } from '../shell.js';
import { useLayout } from '../ui.js';
import { formatWhen, type JoinRequestView } from './team-api.js';
import { detailOf, useLoad } from './use-section.js';

/** Join requests: Approve and add / Decline while pending; who decided and when afterwards. */
export function JoinRequestsSection({ highlight, onDecided }: { highlight?: string; onDecided: () => void }) {
  const { api, strings, locale } = useTab();
  const t = strings.team.requests;
  const styles = useLayout();
  const headingId = useId();
  const load = useCallback(() => api.get<{ requests: JoinRequestView[] }>('/join-requests'), [api]);
  const { data, setData, error } = useLoad(load);
  const [busy, setBusy] = useState<string | undefined>();
  const [notice, setNotice] = useState<
    { intent: 'success' | 'error' | 'warning'; text: string } | undefined
  >();

  const replace = (updated: JoinRequestView) =>
    setData((d) => d && { requests: d.requests.map((r) => (r.id === updated.id ? updated : r)) });

  const decide = async (request: JoinRequestView, decision: 'approve' | 'decline') => {
    setBusy(request.id);
    setNotice(undefined);
    try {
      replace(await api.post<JoinRequestView>(`/join-requests/${request.id}/${decision}`));
      onDecided();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_decided') {
        const current = await load().catch(() => undefined);
        const now = current?.requests.find((r) => r.id === request.id);
        if (now) replace(now);
        setNotice({
          intent: 'warning',
          text: t.alreadyDecided(now?.decidedBy?.displayName ?? '', formatWhen(now?.decidedAt, locale)),
        });
      } else setNotice({ intent: 'error', text: detailOf(err, strings.errors.generic) });
    } finally {
      setBusy(undefined);
    }
  };

  const outcome = (r: JoinRequestView) => {
    const by = r.decidedBy?.displayName ?? '';
    const when = formatWhen(r.decidedAt, locale);
    if (r.status === 'approved') return t.approved(by, when);
    if (r.status === 'declined') return t.declined(by, when);
    return t.withdrawn;
  };

  return (
    <section className={styles.card} aria-labelledby={headingId} data-testid="join-requests">
      <Subtitle1 as="h2" id={headingId}>
        {t.title}
      </Subtitle1>
      {error && <ErrorBar strings={strings} error={error} />}
      {notice && (
        <MessageBar intent={notice.intent} role="status">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {data && data.requests.length === 0 && <Body1 as="p">{t.empty}</Body1>}
      {data && data.requests.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {data.requests.map((r) => (
            <li
              key={r.id}
              data-testid={`join-request-${r.requester.userPrincipalName}`}
              aria-current={r.id === highlight ? 'true' : undefined}
              style={
                r.id === highlight
                  ? { outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, padding: 4 }
                  : undefined
              }
            >
              {r.id === highlight && <Caption1 block>{t.highlighted}</Caption1>}
              <Body1 block>
                {r.requester.displayName} ({r.requester.userPrincipalName})
              </Body1>
              <Caption1 block>{t.asked(formatWhen(r.createdAt, locale))}</Caption1>
              {r.message && <Body1 block>“{r.message}”</Body1>}
              {r.status === 'pending' ? (
                <div style={{ display: 'flex', gap: 8, marginTop: 4 }}>
                  <Button
                    size="small"
                    appearance="primary"
                    disabled={busy === r.id}
                    onClick={() => void decide(r, 'approve')}
                  >
                    {t.approve}
                  </Button>
                  <Button size="small" disabled={busy === r.id} onClick={() => void decide(r, 'decline')}>
                    {t.decline}
                  </Button>
                </div>
              ) : (
                <Caption1 block data-testid="join-request-outcome">
                  {outcome(r)}
                </Caption1>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
