import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import type { ModuleView } from './sync.types.js';

export type Notify = (intent: 'success' | 'error', text: string) => void;

/**
 * What a module waits for: the answer to a mass-deletion pause, the member's permission again
 * (turning it on again; the consent prompt opens when Graph needs the user's consent), or why it stopped.
 */
export function ModuleBanners(props: {
  view: ModuleView;
  onChange: (view: ModuleView) => void;
  notify: Notify;
}) {
  const { api, strings } = useTab();
  const t = strings.sync;
  const { view } = props;
  const [busy, setBusy] = useState(false);

  const resolve = async (applyDeletions: boolean) => {
    setBusy(true);
    try {
      props.onChange(await api.post<ModuleView>(`/sync/${view.module}/resolve-pause`, { applyDeletions }));
      props.notify('success', applyDeletions ? t.pauseApplied : t.pauseKept);
    } catch (err) {
      props.notify('error', errorText(err, strings.errors.generic));
    } finally {
      setBusy(false);
    }
  };

  /** Turning the module on again re-checks access; a Graph consent the user must give opens the consent prompt. */
  const reconnect = async () => {
    setBusy(true);
    try {
      props.onChange(await api.put<ModuleView>(`/sync/${view.module}`, { enabled: true }));
    } catch (err) {
      props.notify('error', errorText(err, strings.errors.generic));
    } finally {
      setBusy(false);
    }
  };

  if (view.state === 'paused' && view.paused?.code === 'mass_delete') {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid={`paused-${view.module}`}>
        <MessageBarBody>
          <MessageBarTitle>{t.pausedTitle}</MessageBarTitle>
          {t.pausedBody(view.paused.count ?? 0, view.paused.threshold ?? 0)}
        </MessageBarBody>
        <MessageBarActions>
          <Button appearance="primary" disabled={busy} onClick={() => void resolve(true)}>
            {t.applyDeletions}
          </Button>
          <Button disabled={busy} onClick={() => void resolve(false)}>
            {t.keepItems}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (view.state === 'needs_consent') {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid={`consent-${view.module}`}>
        <MessageBarBody>
          <MessageBarTitle>{t.consentTitle}</MessageBarTitle>
          {t.consentBody}
        </MessageBarBody>
        <MessageBarActions>
          <Button appearance="primary" disabled={busy} onClick={() => void reconnect()}>
            {t.grantAccess}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (view.state === 'failed' || (view.state === 'paused' && view.paused)) {
    return (
      <MessageBar intent="error" layout="multiline" data-testid={`failed-${view.module}`}>
        <MessageBarBody>
          <MessageBarTitle>{t.failedTitle}</MessageBarTitle>
          {view.paused?.message ?? view.errors[0]?.message ?? ''}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}

/** The server's user-safe sentence, or a generic one. */
export function errorText(err: unknown, generic: string): string {
  const detail = (err as { detail?: unknown } | undefined)?.detail;
  return typeof detail === 'string' && detail ? detail : generic;
}
