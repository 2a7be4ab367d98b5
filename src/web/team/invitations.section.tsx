import { Body1, Button, Caption1, MessageBar, MessageBarBody, Subtitle1 } from '@fluentui/react-components';
import { useCallback, useId, useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import { ErrorBar } from '../shell.js';
import { useLayout } from '../ui.js';
import { formatWhen, type InvitationView } from './team-api.js';
import { detailOf, useLoad } from './use-section.js';

/** Pending invitations: delivery, expiry, Resend and Revoke. */
export function InvitationsSection({ version, onChanged }: { version: number; onChanged: () => void }) {
  const { api, strings, locale } = useTab();
  const t = strings.team.invitations;
  const styles = useLayout();
  const headingId = useId();
  const load = useCallback(
    () => api.get<{ invitations: InvitationView[] }>('/invitations?status=pending'),
    [api, version],
  );
  const { data, error, reload } = useLoad(load);
  const [busy, setBusy] = useState<string | undefined>();
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | undefined>();

  const act = async (invitation: InvitationView, action: 'resend' | 'revoke') => {
    setBusy(invitation.id);
    setNotice(undefined);
    try {
      await api.post<InvitationView>(`/invitations/${invitation.id}/${action}`);
      const name = invitation.invitee.displayName;
      setNotice({ intent: 'success', text: action === 'resend' ? t.resent(name) : t.revoked(name) });
      reload();
      onChanged();
    } catch (err) {
      setNotice({ intent: 'error', text: detailOf(err, strings.errors.generic) });
    } finally {
      setBusy(undefined);
    }
  };

  const state = (s: string) => t.deliveryState[s] ?? s;
  return (
    <section className={styles.card} aria-labelledby={headingId} data-testid="invitations">
      <Subtitle1 as="h2" id={headingId}>
        {t.title}
      </Subtitle1>
      {error && <ErrorBar strings={strings} error={error} />}
      {notice && (
        <MessageBar intent={notice.intent} role="status">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {data && data.invitations.length === 0 && <Body1 as="p">{t.empty}</Body1>}
      {data && data.invitations.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {data.invitations.map((inv) => (
            <li key={inv.id} data-testid={`invitation-${inv.invitee.userPrincipalName}`}>
              <Body1 block>
                {inv.invitee.displayName} ({inv.invitee.userPrincipalName}) · {inv.profile.name}
              </Body1>
              <Caption1 block>
                {t.sentBy(inv.invitedBy.displayName, formatWhen(inv.lastSentAt, locale))} ·{' '}
                {t.expires(formatWhen(inv.expiresAt, locale))}
              </Caption1>
              <Caption1 block>{t.delivery(state(inv.delivery.email), state(inv.delivery.teams))}</Caption1>
              <div style={{ display: 'flex', gap: 8, marginTop: 4 }}>
                <Button size="small" disabled={busy === inv.id} onClick={() => void act(inv, 'resend')}>
                  {t.resend}
                </Button>
                <Button size="small" disabled={busy === inv.id} onClick={() => void act(inv, 'revoke')}>
                  {t.revoke}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
