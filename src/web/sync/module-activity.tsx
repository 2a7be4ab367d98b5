import { Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import { ActivityChart } from './activity-chart.js';
import { ConflictsList } from './conflicts.list.js';
import { JournalList } from './journal.list.js';
import { errorText, type Notify } from './module-banners.js';
import type { JournalEntry, JournalPage, ModuleView } from './sync.types.js';

const CHART_ENTRIES = 200;
const PAGE = 20;

/**
 * What the module's sync did: the activity chart and the journal (from the latest entries) and
 * the conflicts with restore (their own query). Reloads when the module's last run changes.
 */
export function ModuleActivity(props: { view: ModuleView; labels: Record<string, string>; notify: Notify }) {
  const { api, strings } = useTab();
  const { module, lastRunAt } = props.view;
  const { notify } = props;
  const [recent, setRecent] = useState<JournalPage | undefined>();
  const [conflicts, setConflicts] = useState<JournalEntry[]>([]);
  const [shown, setShown] = useState(PAGE);

  const load = useCallback(async () => {
    try {
      const [page, conflicting] = await Promise.all([
        api.get<JournalPage>(`/sync/${module}/journal?limit=${CHART_ENTRIES}`),
        api.get<JournalPage>(`/sync/${module}/journal?action=conflict&limit=50`),
      ]);
      setRecent(page);
      setConflicts(conflicting.entries);
    } catch (err) {
      notify('error', errorText(err, strings.errors.generic));
    }
  }, [api, module, notify, strings]);
  useEffect(() => void load(), [load, lastRunAt]);

  const more = async () => {
    if (!recent) return;
    if (shown < recent.entries.length) return setShown((n) => n + PAGE);
    if (!recent.nextCursor) return;
    const next = await api.get<JournalPage>(
      `/sync/${module}/journal?limit=${PAGE}&cursor=${encodeURIComponent(recent.nextCursor)}`,
    );
    setRecent({ entries: [...recent.entries, ...next.entries], nextCursor: next.nextCursor });
    setShown((n) => n + PAGE);
  };

  if (!recent) return <Spinner size="tiny" label={strings.loading} />;
  const hasMore = shown < recent.entries.length || recent.nextCursor !== null;
  return (
    <>
      <ActivityChart entries={recent.entries} />
      <ConflictsList module={module} entries={conflicts} labels={props.labels} notify={notify} />
      <JournalList
        module={module}
        entries={recent.entries.slice(0, shown)}
        {...(hasMore
          ? {
              onMore: () =>
                void more().catch((e: unknown) => notify('error', errorText(e, strings.errors.generic))),
            }
          : {})}
      />
    </>
  );
}
