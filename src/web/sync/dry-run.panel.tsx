import { Body1, Body1Strong, Button, Caption1, Spinner, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import { errorText, type Notify } from './module-banners.js';
import { useSyncStyles } from './sync.styles.js';
import type { DryRunItem, DryRunReport, ModuleName } from './sync.types.js';

const SHOWN = 8;

/**
 * Before the first enable: what the first sync would create, link and merge on each side (nothing
 * changes), then "Enable" or "Cancel".
 */
export function DryRunPanel(props: { module: ModuleName; onEnable: () => Promise<void>; notify: Notify }) {
  const { api, strings } = useTab();
  const t = strings.sync.dryRun;
  const styles = useSyncStyles();
  const [state, setState] = useState<'idle' | 'running' | DryRunReport>('idle');

  const run = async () => {
    setState('running');
    try {
      setState(await api.post<DryRunReport>(`/sync/${props.module}/dry-run`));
    } catch (err) {
      setState('idle');
      props.notify('error', errorText(err, strings.errors.generic));
    }
  };

  if (state === 'idle') {
    return (
      <div>
        <Button onClick={() => void run()}>{t.preview}</Button>
      </div>
    );
  }
  if (state === 'running') return <Spinner size="tiny" label={t.running} />;
  const report = state;
  const group = (title: string, items: DryRunItem[]) => (
    <>
      <Body1 block>{title}</Body1>
      {items.length > 0 && (
        <ul className={styles.list}>
          {items.slice(0, SHOWN).map((item, i) => (
            <li key={`${item.crmId ?? item.remoteId ?? i}`}>
              {item.label}
              {item.matchedBy && <Caption1> ({t.matchedBy(item.matchedBy)})</Caption1>}
            </li>
          ))}
          {items.length > SHOWN && <li>{t.more(items.length - SHOWN)}</li>}
        </ul>
      )}
    </>
  );
  return (
    <section aria-label={t.title} data-testid={`dry-run-${props.module}`} className={styles.rows}>
      <Subtitle2 as="h3">{t.title}</Subtitle2>
      <Body1 block>{t.container(report.container.name, report.container.exists)}</Body1>
      <div className={styles.columns}>
        <div>
          <Body1Strong block>{t.toOffice}</Body1Strong>
          {group(t.create(report.toOffice.create.length), report.toOffice.create)}
          {group(t.link(report.toOffice.link.length), report.toOffice.link)}
        </div>
        <div>
          <Body1Strong block>{t.toCrm}</Body1Strong>
          {group(t.create(report.toCrm.create.length), report.toCrm.create)}
          {group(t.link(report.toCrm.link.length), report.toCrm.link)}
          {group(t.merge(report.toCrm.merge.length), report.toCrm.merge)}
        </div>
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void props.onEnable().then(() => setState('idle'))}>
          {t.enable}
        </Button>
        <Button onClick={() => setState('idle')}>{t.cancel}</Button>
      </div>
    </section>
  );
}
