import { Body1, Button, Field, Select, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError } from '../lib/api-client.js';
import { useTab } from '../lib/tab-context.js';
import { errorText, type Notify } from './module-banners.js';
import { useSyncStyles } from './sync.styles.js';
import type { FieldCatalog, ModuleView } from './sync.types.js';

const NOT_SYNCED = '';

/**
 * One row per CRM field: the Graph field it goes to (only those the catalog offers), or none.
 * Saved with `PUT /sync/{module}`; the server's field errors are shown beside their rows.
 */
export function MappingEditor(props: {
  view: ModuleView;
  catalog: FieldCatalog;
  onChange: (view: ModuleView) => void;
  notify: Notify;
}) {
  const { api, strings } = useTab();
  const t = strings.sync.mapping;
  const styles = useSyncStyles();
  const { view, catalog } = props;
  const initial = Object.keys(view.mapping).length ? view.mapping : catalog.defaultMapping;
  const [mapping, setMapping] = useState<Record<string, string>>({ ...initial });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const choose = (field: string, target: string) => {
    setMapping((m) => {
      const next = { ...m };
      if (target === NOT_SYNCED) delete next[field];
      else next[field] = target;
      return next;
    });
    setErrors(({ [field]: _dropped, ...rest }) => rest);
  };

  const save = async () => {
    setSaving(true);
    setErrors({});
    setGeneral(undefined);
    try {
      props.onChange(await api.put<ModuleView>(`/sync/${view.module}`, { enabled: view.enabled, mapping }));
      props.notify('success', t.saved);
    } catch (err) {
      const { rows, rest } = rowErrors(err);
      setErrors(rows);
      setGeneral(rest);
      props.notify('error', Object.keys(rows).length ? t.invalid : errorText(err, strings.errors.generic));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-label={t.title} className={styles.rows} data-testid={`mapping-${view.module}`}>
      <Subtitle2 as="h3">{t.title}</Subtitle2>
      <Body1 block>{t.intro}</Body1>
      {general && (
        <Body1 block role="alert">
          {general}
        </Body1>
      )}
      {catalog.crmFields.map((f) => (
        <Field
          key={f.name}
          label={f.label}
          orientation="horizontal"
          validationState={errors[f.name] ? 'error' : 'none'}
          validationMessage={errors[f.name]}
          data-testid={`mapping-row-${f.name}`}
        >
          <Select value={mapping[f.name] ?? NOT_SYNCED} onChange={(_, d) => choose(f.name, d.value)}>
            <option value={NOT_SYNCED}>{t.notSynced}</option>
            {catalog.graphFields.map((g) => (
              <option key={g.name} value={g.name}>
                {g.label}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={saving} onClick={() => void save()}>
          {saving ? strings.sync.saving : t.save}
        </Button>
        <Button disabled={saving} onClick={() => setMapping({ ...catalog.defaultMapping })}>
          {t.reset}
        </Button>
      </div>
    </section>
  );
}

/** `/mapping/<field>` issues by field; the others (a rule of the whole mapping) as one sentence. */
function rowErrors(err: unknown): { rows: Record<string, string>; rest: string | undefined } {
  const rows: Record<string, string> = {};
  const rest: string[] = [];
  for (const issue of err instanceof ApiError ? err.issues : []) {
    const m = /^\/mapping\/(.+)$/.exec(issue.pointer);
    if (m) rows[m[1]!.replace(/~1/g, '/').replace(/~0/g, '~')] = issue.detail;
    else rest.push(issue.detail);
  }
  return { rows, rest: rest.length ? rest.join(' ') : undefined };
}
