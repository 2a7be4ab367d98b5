import { Body1, Button, MessageBar, MessageBarBody, Title2 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../lib/api-client.js';
import { useTab } from '../lib/tab-context.js';
import { ErrorBar } from '../shell.js';
import { ModulePanel } from '../sync/module-panel.js';
import { MODULE_NAMES, type FieldCatalog, type ModuleName, type ModuleView } from '../sync/sync.types.js';
import { Centered, Page } from '../ui.js';

type Notice = { intent: 'success' | 'error'; text: string };

/** While a run is queued or under way, the page looks again this often. */
const POLL_MS = 2000;

/**
 * The Sync tab: one panel per module (switch, status, settings, activity). A switch moves at
 * once and goes back, with the server's reason, when the change is refused.
 */
export function SyncPage() {
  const { api, strings } = useTab();
  const [modules, setModules] = useState<ModuleView[] | undefined>();
  const [catalogs, setCatalogs] = useState<Record<string, FieldCatalog> | undefined>();
  const [loadError, setLoadError] = useState<ApiError | undefined>();
  const [saving, setSaving] = useState<ModuleName | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();

  const notify = useCallback((intent: Notice['intent'], text: string) => setNotice({ intent, text }), []);
  const replace = useCallback(
    (view: ModuleView) => setModules((current) => current?.map((m) => (m.module === view.module ? view : m))),
    [],
  );

  const load = useCallback(() => {
    setLoadError(undefined);
    Promise.all([
      api.get<{ modules: ModuleView[] }>('/sync'),
      ...MODULE_NAMES.map((m) => api.get<FieldCatalog>(`/sync/${m}/catalog`)),
    ]).then(
      ([body, ...list]) => {
        setCatalogs(Object.fromEntries((list as FieldCatalog[]).map((c) => [c.module, c])));
        setModules((body as { modules: ModuleView[] }).modules);
      },
      (err: unknown) =>
        setLoadError(err instanceof ApiError ? err : new ApiError(0, 'network', undefined, undefined)),
    );
  }, [api]);
  useEffect(load, [load]);

  const active = modules?.some((m) => m.state === 'queued' || m.state === 'running') ?? false;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      api.get<{ modules: ModuleView[] }>('/sync').then(
        (body) => setModules(body.modules),
        () => undefined, // a missed poll is retried at the next tick; the page keeps what it shows
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, api]);

  const toggle = async (module: ModuleName, enabled: boolean) => {
    const name = strings.sync.modules[module].name;
    const before = modules?.find((m) => m.module === module);
    if (before) replace({ ...before, enabled });
    setSaving(module);
    setNotice(undefined);
    try {
      const updated = await api.put<ModuleView>(`/sync/${module}`, { enabled });
      replace(updated);
      notify('success', updated.enabled ? strings.sync.enabled(name) : strings.sync.disabled(name));
    } catch (err) {
      if (before) replace(before);
      const detail = err instanceof ApiError ? err.detail : undefined;
      notify('error', `${strings.sync.refused(name)} ${detail ?? strings.errors.generic}`);
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
  if (!modules || !catalogs) return <Centered label={strings.sync.loading} />;
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
        <ModulePanel
          key={m.module}
          view={m}
          onChange={replace}
          onToggle={toggle}
          catalog={
            catalogs[m.module] ?? {
              module: m.module,
              crmFields: [],
              graphFields: [],
              defaultMapping: {},
              options: [],
            }
          }
          saving={saving === m.module}
          notify={notify}
        />
      ))}
    </Page>
  );
}
