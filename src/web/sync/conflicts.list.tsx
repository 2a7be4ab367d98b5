import { Body1, Body1Strong, Button, Caption1, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import { errorText, type Notify } from './module-banners.js';
import { useSyncStyles } from './sync.styles.js';
import { conflictFields, type ConflictField, type JournalEntry, type ModuleName } from './sync.types.js';

/**
 * Conflicts the merge rule settled: per field the value kept and the one it replaced, with
 * "Restore" asking the server to write the replaced value back to the CRM record (any field,
 * including those kept inside lists: phones, addresses); the sync then carries it to Office 365.
 */
export function ConflictsList(props: {
  module: ModuleName;
  entries: JournalEntry[];
  /** CRM field name → its label (from the catalog). */
  labels: Record<string, string>;
  notify: Notify;
}) {
  const { api, strings } = useTab();
  const t = strings.sync.conflicts;
  const styles = useSyncStyles();
  /** Restored conflict fields (`entry:field`) → what was said about them. */
  const [restored, setRestored] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState<string | undefined>();
  const label = (field: string) => props.labels[field] ?? field;
  const show = (v: unknown) =>
    v === null || v === undefined || v === '' ? t.empty : typeof v === 'string' ? v : JSON.stringify(v);

  const restore = async (entry: JournalEntry, c: ConflictField) => {
    const key = `${entry.id}:${c.field}`;
    setBusy(key);
    try {
      const done = await api.post<{ synced: boolean }>(`/sync/${props.module}/journal/${entry.id}/restore`, {
        field: c.field,
      });
      const said = (done.synced ? t.restored : t.restoredCrmOnly)(label(c.field));
      setRestored((s) => new Map(s).set(key, said));
      props.notify('success', said);
    } catch (err) {
      props.notify('error', `${t.failed} ${errorText(err, strings.errors.generic)}`);
    } finally {
      setBusy(undefined);
    }
  };

  const rows = props.entries.flatMap((e) => conflictFields(e).map((c) => ({ entry: e, c })));
  return (
    <section aria-label={t.title} className={styles.rows} data-testid={`conflicts-${props.module}`}>
      <Subtitle2 as="h3">{t.title}</Subtitle2>
      {rows.length === 0 ? (
        <Body1 block>{t.none}</Body1>
      ) : (
        <>
          <Body1 block>{t.intro}</Body1>
          {rows.map(({ entry, c }) => {
            const key = `${entry.id}:${c.field}`;
            return (
              <div key={key} className={styles.entry} data-testid="conflict">
                <Body1Strong block>
                  {entry.label ?? entry.crmId} · {label(c.field)}
                </Body1Strong>
                <dl className={styles.facts}>
                  <dt>{t.kept}</dt>
                  <dd>{show(c.kept)}</dd>
                  <dt>{t.overwritten}</dt>
                  <dd>{show(c.overwritten)}</dd>
                </dl>
                {entry.crmId && !restored.has(key) && (
                  <div>
                    <Button
                      size="small"
                      disabled={busy === key}
                      aria-label={`${t.restore}: ${entry.label ?? ''} ${label(c.field)} ${show(c.overwritten)}`}
                      onClick={() => void restore(entry, c)}
                    >
                      {t.restore}
                    </Button>
                  </div>
                )}
                {restored.has(key) && <Caption1>{restored.get(key)}</Caption1>}
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}
