import type { DryRunItem, DryRunReport } from '../engine/sync-contract.js';
import type { TaskMapping } from './task-mapping.js';
import { crmTaskValues, taskLabel, todoTaskValues } from './task.mapper.js';
import type { TaskValueMaps } from './task-values.js';

export const TASKS_CONTAINER_NAME = 'Tandem Tasks';

export interface TaskDryRunInput {
  /** The CRM tasks the member would sync. */
  records: readonly ({ id: string } & Record<string, unknown>)[];
  /** The To Do tasks already in the "Tandem Tasks" list (none when it does not exist). */
  items: readonly Record<string, unknown>[];
  mapping: TaskMapping;
  maps: TaskValueMaps;
  containerExists: boolean;
  /** The CRM id a task carries in Tandem's linked resource, if any. */
  tagOf: (item: Record<string, unknown>) => string | undefined;
}

/**
 * What the first task sync would do on each side, without doing it (pure). A To Do task tagged
 * with the id of a CRM task the member syncs is linked to it; every other task of the list is
 * created in the CRM (tasks have no duplicate rules: two tasks with one title are two tasks). CRM
 * tasks linked that way are linked in To Do; the others are created in the list.
 */
export function buildTaskDryRun(input: TaskDryRunInput): DryRunReport {
  const records = new Map(input.records.map((r) => [r.id, r]));
  const report: DryRunReport = {
    module: 'tasks',
    toOffice: { create: [], link: [] },
    toCrm: { create: [], link: [], merge: [] },
    container: { name: TASKS_CONTAINER_NAME, exists: input.containerExists },
  };
  const linkedTo = new Map<string, DryRunItem>();
  for (const item of input.items) {
    const remoteId = String(item.id);
    const label = taskLabel(todoTaskValues(item, input.mapping, input.maps));
    const crmId = input.tagOf(item);
    if (crmId && records.has(crmId) && !linkedTo.has(crmId)) {
      const entry = { label, crmId, remoteId, matchedBy: 'tag' };
      report.toCrm.link.push(entry);
      linkedTo.set(crmId, entry);
    } else report.toCrm.create.push({ label, remoteId });
  }
  for (const record of input.records) {
    const label = taskLabel(crmTaskValues(record, input.mapping, input.maps));
    const linked = linkedTo.get(record.id);
    if (linked)
      report.toOffice.link.push({ label, crmId: record.id, remoteId: linked.remoteId!, matchedBy: 'tag' });
    else report.toOffice.create.push({ label, crmId: record.id });
  }
  return report;
}
