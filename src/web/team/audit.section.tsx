import { Body1, Button, Caption1, Subtitle1 } from '@fluentui/react-components';
import { useCallback, useEffect, useId, useState } from 'react';
import type { ApiError } from '../lib/api-client.js';
import { useTab } from '../lib/tab-context.js';
import { ErrorBar } from '../shell.js';
import { useLayout } from '../ui.js';
import { formatWhen, type AuditEntry } from './team-api.js';
import { asApiError } from './use-section.js';

interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** The onboarding audit trail, newest first, a page at a time. */
export function AuditSection({ version }: { version: number }) {
  const { api, strings, locale } = useTab();
  const t = strings.team.audit;
  const styles = useLayout();
  const headingId = useId();
  const [entries, setEntries] = useState<AuditEntry[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>();

  const fetchPage = useCallback(
    (after: string | null) =>
      api.get<AuditPage>(`/audit${after ? `?cursor=${encodeURIComponent(after)}` : ''}`),
    [api],
  );
  useEffect(() => {
    setError(undefined);
    fetchPage(null).then(
      (page) => {
        setEntries(page.entries);
        setCursor(page.nextCursor);
      },
      (err: unknown) => setError(asApiError(err)),
    );
  }, [fetchPage, version]);

  const more = () =>
    fetchPage(cursor).then(
      (page) => {
        setEntries((e) => [...(e ?? []), ...page.entries]);
        setCursor(page.nextCursor);
      },
      (err: unknown) => setError(asApiError(err)),
    );

  return (
    <section className={styles.card} aria-labelledby={headingId} data-testid="audit">
      <Subtitle1 as="h2" id={headingId}>
        {t.title}
      </Subtitle1>
      {error && <ErrorBar strings={strings} error={error} />}
      {entries && entries.length === 0 && <Body1 as="p">{t.empty}</Body1>}
      {entries && entries.length > 0 && (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {entries.map((e) => (
            <li key={e.id}>
              <Body1 block>
                {e.actor.displayName ?? t.system} {t.actions[e.action] ?? e.action} {e.target.label}
                {e.outcome === 'refused' ? ` (${t.refused})` : ''}
              </Body1>
              <Caption1>
                {formatWhen(e.at, locale)}
                {e.detail ? ` · ${e.detail}` : ''}
              </Caption1>
            </li>
          ))}
        </ol>
      )}
      {cursor && (
        <div>
          <Button size="small" onClick={() => void more()}>
            {t.more}
          </Button>
        </div>
      )}
    </section>
  );
}
