import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Switch,
  Title2,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useState } from 'react';
import { ApiError } from '../lib/api-client.js';
import { useTab } from '../lib/tab-context.js';
import { ErrorBar } from '../shell.js';
import { Centered, Page, useLayout } from '../ui.js';

type ModuleName = 'contacts' | 'meetings' | 'tasks';
interface ModuleStatus {
  module: ModuleName;
  enabled: boolean;
  updatedAt: string | null;
}

type Notice = { intent: 'success' | 'error'; text: string; module: ModuleName };

/** One switch per sync module: its state and last change; PATCH on toggle, refusals in plain words. */
export function SyncPage() {
  const { api, strings } = useTab();
  const [modules, setModules] = useState<ModuleStatus[] | undefined>();
  const [loadError, setLoadError] = useState<ApiError | undefined>();
  const [saving, setSaving] = useState<ModuleName | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();

  const load = useCallback(() => {
    setLoadError(undefined);
    api.get<{ modules: ModuleStatus[] }>('/sync').then(
      (body) => setModules(body.modules),
      (err: unknown) =>
        setLoadError(err instanceof ApiError ? err : new ApiError(0, 'network', undefined, undefined)),
    );
  }, [api]);
  useEffect(load, [load]);

  const toggle = async (module: ModuleName, enabled: boolean) => {
    const name = strings.sync.modules[module].name;
    setSaving(module);
    setNotice(undefined);
    try {
      const updated = await api.patch<ModuleStatus>(`/sync/${module}`, { enabled });
      setModules((current) => current?.map((m) => (m.module === module ? updated : m)));
      setNotice({
        intent: 'success',
        module,
        text: updated.enabled ? strings.sync.enabled(name) : strings.sync.disabled(name),
      });
    } catch (err) {
      const detail = err instanceof ApiError ? err.detail : undefined;
      setNotice({
        intent: 'error',
        module,
        text: `${strings.sync.refused(name)} ${detail ?? strings.errors.generic}`,
      });
    } finally {
      setSaving(undefined);
    }
  };

  if (loadError) {
    return (
      <Page>
        <Title2 as="h1">{strings.sync.title}</Title2>
        <ErrorBar strings={strings} error={loadError} />
        <div>
          <Button onClick={load}>{strings.retry}</Button>
        </div>
      </Page>
    );
  }
  if (!modules) return <Centered label={strings.sync.loading} />;
  return (
    <Page>
      <Title2 as="h1">{strings.sync.title}</Title2>
      <Body1 as="p">{strings.sync.intro}</Body1>
      <div aria-live="polite" data-testid="sync-notice">
        {notice && (
          <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {modules.map((m) => (
        <ModuleRow key={m.module} status={m} saving={saving === m.module} onToggle={toggle} />
      ))}
    </Page>
  );
}

function ModuleRow(props: {
  status: ModuleStatus;
  saving: boolean;
  onToggle: (module: ModuleName, enabled: boolean) => Promise<void>;
}) {
  const { strings, locale } = useTab();
  const styles = useLayout();
  const descriptionId = useId();
  const { module, enabled, updatedAt } = props.status;
  const texts = strings.sync.modules[module];
  const when = updatedAt
    ? strings.sync.lastChange(
        new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(updatedAt),
        ),
      )
    : strings.sync.neverChanged;
  return (
    <section className={styles.card} aria-label={texts.name} data-testid={`module-${module}`}>
      <Switch
        checked={enabled}
        disabled={props.saving}
        label={`${texts.name}: ${props.saving ? strings.sync.saving : enabled ? strings.sync.on : strings.sync.off}`}
        aria-describedby={descriptionId}
        onChange={(_, data) => void props.onToggle(module, data.checked)}
      />
      <div id={descriptionId}>
        <Body1 block>{texts.description}</Body1>
        <Caption1 block data-testid={`updated-${module}`}>
          {when}
        </Caption1>
      </div>
    </section>
  );
}
