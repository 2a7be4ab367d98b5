import { Body1, Caption1, Subtitle2 } from '@fluentui/react-components';
import { useTab } from '../lib/tab-context.js';
import { useSyncStyles } from './sync.styles.js';
import type { DirectionCounts, ModuleView } from './sync.types.js';

const SHOWN_ERRORS = 5;

/** When a module last synced, what went each way, what waits, and the recorded errors with their reason. */
export function ModuleStatus({ view }: { view: ModuleView }) {
  const { strings, locale } = useTab();
  const t = strings.sync;
  const styles = useSyncStyles();
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const counts = (c: DirectionCounts) => t.counts(c.created, c.updated, c.deleted);
  return (
    <div data-testid={`status-${view.module}`}>
      <Body1 block data-testid={`state-${view.module}`}>
        {t.states[view.state]}
        {' · '}
        {view.lastSuccessAt ? t.lastSync(when(view.lastSuccessAt)) : t.neverSynced}
      </Body1>
      <dl className={styles.facts}>
        <dt>{t.toCrm}</dt>
        <dd data-testid={`to-crm-${view.module}`}>{counts(view.counts.toCrm)}</dd>
        <dt>{t.toOffice}</dt>
        <dd data-testid={`to-office-${view.module}`}>{counts(view.counts.toOffice)}</dd>
      </dl>
      {view.pending > 0 && <Caption1 block>{t.pending(view.pending)}</Caption1>}
      {view.errors.length > 0 && (
        <>
          <Subtitle2 as="h3">{t.errorsTitle}</Subtitle2>
          <ul className={styles.list} data-testid={`errors-${view.module}`}>
            {view.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <Caption1>{when(e.at)}</Caption1> {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
