import { Body1, Button, Caption1, Switch } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import { useLayout } from '../ui.js';
import { DryRunPanel } from './dry-run.panel.js';
import { MappingEditor } from './mapping-editor.js';
import { ModuleActivity } from './module-activity.js';
import { errorText, ModuleBanners, type Notify } from './module-banners.js';
import { ModuleStatus } from './module-status.js';
import { OptionsEditor } from './options-editor.js';
import { useSyncStyles } from './sync.styles.js';
import type { FieldCatalog, ModuleName, ModuleView } from './sync.types.js';

/**
 * One module: its switch (optimistic, put back with the reason when refused), status, "Sync now",
 * what it waits for, a dry run before the first enable, and on demand its mapping, options and activity.
 */
export function ModulePanel(props: {
  view: ModuleView;
  onChange: (view: ModuleView) => void;
  onToggle: (module: ModuleName, enabled: boolean) => Promise<void>;
  catalog: FieldCatalog;
  saving: boolean;
  notify: Notify;
}) {
  const { api, strings, locale } = useTab();
  const t = strings.sync;
  const layout = useLayout();
  const styles = useSyncStyles();
  const descriptionId = useId();
  const detailsId = useId();
  const { view, notify } = props;
  const texts = t.modules[view.module];
  const [open, setOpen] = useState(false);
  const { catalog } = props;
  /** Modules whose sync is not built yet offer no fields: their switch alone is kept. */
  const available = catalog.crmFields.length > 0;

  const run = async () => {
    try {
      await api.post(`/sync/${view.module}/run`);
      props.onChange({ ...view, state: 'queued' });
      notify('success', t.syncQueued(texts.name));
    } catch (err) {
      notify('error', errorText(err, strings.errors.generic));
    }
  };

  const when = view.updatedAt
    ? t.lastChange(
        new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(view.updatedAt),
        ),
      )
    : t.neverChanged;
  const firstEnable = available && !view.enabled && !view.lastSuccessAt;
  const busy = view.state === 'queued' || view.state === 'running';
  return (
    <section className={layout.card} aria-label={texts.name} data-testid={`module-${view.module}`}>
      <div className={styles.header}>
        <Switch
          checked={view.enabled}
          disabled={props.saving}
          label={`${texts.name}: ${props.saving ? t.saving : view.enabled ? t.on : t.off}`}
          aria-describedby={descriptionId}
          onChange={(_, data) => void props.onToggle(view.module, data.checked)}
        />
        <div className={styles.actions}>
          {view.enabled && available && (
            <Button disabled={busy} onClick={() => void run()}>
              {t.syncNow}
            </Button>
          )}
          {available && (
            <Button
              appearance="subtle"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen((o) => !o)}
            >
              {t.details}
            </Button>
          )}
        </div>
      </div>
      <div id={descriptionId}>
        <Body1 block>{texts.description}</Body1>
        <Caption1 block data-testid={`updated-${view.module}`}>
          {when}
        </Caption1>
      </div>
      {!available && <Caption1 block>{t.notYet}</Caption1>}
      <ModuleBanners view={view} onChange={props.onChange} notify={notify} />
      {view.enabled && <ModuleStatus view={view} />}
      {firstEnable && (
        <DryRunPanel
          module={view.module}
          onEnable={() => props.onToggle(view.module, true)}
          notify={notify}
        />
      )}
      <div id={detailsId} hidden={!open} className={styles.rows}>
        {open && <MappingEditor view={view} catalog={catalog} onChange={props.onChange} notify={notify} />}
        {open && <OptionsEditor view={view} catalog={catalog} onChange={props.onChange} notify={notify} />}
        {open && (
          <ModuleActivity
            view={view}
            labels={Object.fromEntries(catalog.crmFields.map((f) => [f.name, f.label]))}
            notify={notify}
          />
        )}
      </div>
    </section>
  );
}
