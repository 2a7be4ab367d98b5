import { Button, Checkbox, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError } from '../lib/api-client.js';
import { useTab } from '../lib/tab-context.js';
import { errorText, type Notify } from './module-banners.js';
import { useSyncStyles } from './sync.styles.js';
import type { FieldCatalog, ModuleView } from './sync.types.js';

/** A list option is edited as one comma-separated text and sent as a list. */
type Value = boolean | string;

/**
 * The catalog's options: a checkbox for a yes/no, a drop-down for one of a few values (tasks' value
 * mappings), a comma-separated field for a list, text otherwise.
 */
export function OptionsEditor(props: {
  view: ModuleView;
  catalog: FieldCatalog;
  onChange: (view: ModuleView) => void;
  notify: Notify;
}) {
  const { api, strings } = useTab();
  const t = strings.sync.options;
  const styles = useSyncStyles();
  const { view, catalog } = props;
  const [values, setValues] = useState<Record<string, Value>>(() =>
    Object.fromEntries(
      catalog.options.map((o) => {
        const v = view.options[o.name] ?? o.default;
        return [o.name, Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? v : String(v ?? '')];
      }),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  if (!catalog.options.length) return null;

  const toOptions = () =>
    Object.fromEntries(
      catalog.options.map((o) => {
        const v = values[o.name];
        return [o.name, Array.isArray(o.default) && typeof v === 'string' ? splitList(v) : v];
      }),
    );

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      props.onChange(
        await api.put<ModuleView>(`/sync/${view.module}`, { enabled: view.enabled, options: toOptions() }),
      );
      props.notify('success', t.saved);
    } catch (err) {
      const rows: Record<string, string> = {};
      for (const issue of err instanceof ApiError ? err.issues : []) {
        const name = /^\/options\/([^/]+)/.exec(issue.pointer)?.[1];
        if (name) rows[name] = issue.detail;
      }
      setErrors(rows);
      props.notify('error', Object.keys(rows).length ? t.invalid : errorText(err, strings.errors.generic));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-label={t.title} className={styles.rows} data-testid={`options-${view.module}`}>
      <Subtitle2 as="h3">{t.title}</Subtitle2>
      {catalog.options.map((o) => {
        const label = t.labels[view.module]?.[o.name] ?? o.description;
        const value = values[o.name];
        const set = (v: Value) => setValues((current) => ({ ...current, [o.name]: v }));
        const invalid = {
          validationState: errors[o.name] ? 'error' : 'none',
          validationMessage: errors[o.name],
        } as const;
        if (typeof o.default === 'boolean') {
          return (
            <Field key={o.name} {...invalid}>
              <Checkbox label={label} checked={value === true} onChange={(_, d) => set(d.checked === true)} />
            </Field>
          );
        }
        if (o.choices) {
          return (
            <Field key={o.name} label={label} orientation="horizontal" {...invalid}>
              <Select value={String(value ?? '')} onChange={(_, d) => set(d.value)}>
                {o.choices.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
            </Field>
          );
        }
        const list = Array.isArray(o.default);
        return (
          <Field key={o.name} label={label} hint={list ? t.listHint : undefined} {...invalid}>
            <Input value={String(value ?? '')} onChange={(_, d) => set(d.value)} />
          </Field>
        );
      })}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={saving} onClick={() => void save()}>
          {saving ? strings.sync.saving : t.save}
        </Button>
      </div>
    </section>
  );
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
