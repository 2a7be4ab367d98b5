import { Body1, Button, Caption1, Subtitle2 } from '@fluentui/react-components';
import { useTab } from '../lib/tab-context.js';
import { useSyncStyles } from './sync.styles.js';
import type { JournalEntry, ModuleName } from './sync.types.js';

/** The journal, newest first: when, what, which way, the item, the fields, and why. */
export function JournalList(props: { module: ModuleName; entries: JournalEntry[]; onMore?: () => void }) {
  const { strings, locale } = useTab();
  const t = strings.sync.journal;
  const styles = useSyncStyles();
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section aria-label={t.title} className={styles.rows} data-testid={`journal-${props.module}`}>
      <Subtitle2 as="h3">{t.title}</Subtitle2>
      {props.entries.length === 0 ? (
        <Body1 block>{t.none}</Body1>
      ) : (
        <ul className={styles.list}>
          {props.entries.map((e) => (
            <li key={e.id} data-testid="journal-entry">
              <Caption1>{when(e.at)}</Caption1> <strong>{t.actions[e.action]}</strong>{' '}
              {t.directions[e.direction]} {e.label && `· ${e.label}`}
              {e.fields.length > 0 && <Caption1> ({e.fields.join(', ')})</Caption1>}
              {e.reason && <Caption1 block>{e.reason}</Caption1>}
            </li>
          ))}
        </ul>
      )}
      {props.onMore && (
        <div>
          <Button onClick={props.onMore}>{t.more}</Button>
        </div>
      )}
    </section>
  );
}
