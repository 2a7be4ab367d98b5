import type { FieldIssue } from '../../platform/errors/app-error.js';
import { InvalidOptionsError, notAnObject } from '../engine/sync-options.js';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../crm/tasks/task.table.js';
import type { FieldCatalog } from '../engine/sync-contract.js';

/** To Do's `importance` and `status` values (FACTS §4). */
export const GRAPH_IMPORTANCES = ['low', 'normal', 'high'] as const;
export const GRAPH_TASK_STATUSES = [
  'notStarted',
  'inProgress',
  'completed',
  'waitingOnOthers',
  'deferred',
] as const;
export type GraphImportance = (typeof GRAPH_IMPORTANCES)[number];
export type GraphTaskStatus = (typeof GRAPH_TASK_STATUSES)[number];
export type CrmPriority = (typeof TASK_PRIORITIES)[number];
export type CrmStatus = (typeof TASK_STATUSES)[number];

/**
 * The value mappings of task sync (PRODUCT §3 Tasks), one per direction since the CRM has more
 * priorities than To Do has importances: CRM priority → To Do importance, To Do importance → CRM
 * priority, CRM status → To Do status, To Do status → CRM status.
 */
export interface TaskValueMaps {
  importance: Record<CrmPriority, GraphImportance>;
  priority: Record<GraphImportance, CrmPriority>;
  todoStatus: Record<CrmStatus, GraphTaskStatus>;
  crmStatus: Record<GraphTaskStatus, CrmStatus>;
}

const DEFAULTS: TaskValueMaps = {
  importance: { highest: 'high', high: 'high', normal: 'normal', low: 'low', lowest: 'low' },
  priority: { high: 'high', normal: 'normal', low: 'low' },
  todoStatus: {
    notStarted: 'notStarted',
    inProgress: 'inProgress',
    waitingForInput: 'waitingOnOthers',
    deferred: 'deferred',
    completed: 'completed',
  },
  crmStatus: {
    notStarted: 'notStarted',
    inProgress: 'inProgress',
    completed: 'completed',
    waitingOnOthers: 'waitingForInput',
    deferred: 'deferred',
  },
};
export const DEFAULT_VALUE_MAPS: Readonly<TaskValueMaps> = Object.freeze(DEFAULTS);

type MapName = keyof TaskValueMaps;
/** For each map: the values its keys take, the values it may give, and how the editor words it. */
const MAPS: Record<MapName, { keys: readonly string[]; values: readonly string[]; describe: string }> = {
  importance: {
    keys: TASK_PRIORITIES,
    values: GRAPH_IMPORTANCES,
    describe: 'To Do importance for the CRM priority',
  },
  priority: {
    keys: GRAPH_IMPORTANCES,
    values: TASK_PRIORITIES,
    describe: 'CRM priority for the To Do importance',
  },
  todoStatus: {
    keys: TASK_STATUSES,
    values: GRAPH_TASK_STATUSES,
    describe: 'To Do status for the CRM status',
  },
  crmStatus: {
    keys: GRAPH_TASK_STATUSES,
    values: TASK_STATUSES,
    describe: 'CRM status for the To Do status',
  },
};

/** The flat option name of one entry of a value map: `importance.highest`, `crmStatus.waitingOnOthers`. */
const optionName = (map: MapName, key: string) => `${map}.${key}`;

/** Deletions always propagate for tasks (PRODUCT §3 Tasks): the engine's option, fixed on. */
const DELETE_OPTION = 'deleteCrmOnRemoteDelete';

/** The task options as stored and shown: one text option per value-map entry, flat for the editor. */
export type TaskOptions = Record<string, string | boolean>;

export function optionsOf(maps: TaskValueMaps): TaskOptions {
  const options: TaskOptions = { [DELETE_OPTION]: true };
  for (const map of Object.keys(MAPS) as MapName[])
    for (const [key, value] of Object.entries(maps[map])) options[optionName(map, key)] = value;
  return options;
}

export function valueMapsOf(options: Record<string, unknown>): TaskValueMaps {
  const maps = structuredClone(DEFAULT_VALUE_MAPS) as TaskValueMaps;
  for (const map of Object.keys(MAPS) as MapName[])
    for (const key of MAPS[map].keys) {
      const value = options[optionName(map, key)];
      if (typeof value === 'string' && MAPS[map].values.includes(value))
        (maps[map] as Record<string, string>)[key] = value;
    }
  return maps;
}

/**
 * The catalog's options: deletions (shown, always on: tasks have no "keep on delete" choice) and each
 * value-map entry with its default and what it means.
 */
export function optionCatalog(): FieldCatalog['options'] {
  return [
    {
      name: DELETE_OPTION,
      default: true,
      description:
        'A task deleted in To Do is deleted in the CRM, and the other way round (always on for tasks).',
    },
    ...(Object.keys(MAPS) as MapName[]).flatMap((map) =>
      MAPS[map].keys.map((key) => ({
        name: optionName(map, key),
        default: (DEFAULT_VALUE_MAPS[map] as Record<string, string>)[key],
        description: `${MAPS[map].describe} "${key}"`,
        choices: [...MAPS[map].values],
      })),
    ),
  ];
}

const TASK_OPTIONS_INVALID = 'The task sync options are not valid.';

const known = new Map<string, readonly string[]>(
  (Object.keys(MAPS) as MapName[]).flatMap((map) =>
    MAPS[map].keys.map((key) => [optionName(map, key), MAPS[map].values] as const),
  ),
);

/**
 * The options after applying `update` (some or all entries) over `current`. Unknown options, values
 * outside the target's list and turning deletions off throw {@link InvalidOptionsError} (400).
 */
export function parseTaskOptions(update: unknown, current: Record<string, unknown> = {}): TaskOptions {
  const issue = (name: string, code: string, detail: string): FieldIssue => ({
    pointer: name ? `/options/${name}` : '/options',
    in: 'body',
    code,
    detail,
  });
  if (typeof update !== 'object' || update === null || Array.isArray(update))
    throw new InvalidOptionsError([notAnObject], TASK_OPTIONS_INVALID);
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(update)) {
    if (name === DELETE_OPTION) {
      if (value !== true)
        issues.push(
          issue(name, 'invalid_option', 'a task deleted on either side is always deleted on the other'),
        );
      continue;
    }
    const allowed = known.get(name);
    if (!allowed) issues.push(issue(name, 'unknown_option', `unknown option(s): ${name}`));
    else if (typeof value !== 'string' || !allowed.includes(value))
      issues.push(issue(name, 'invalid_option', `must be one of ${allowed.join(', ')}`));
  }
  if (issues.length) throw new InvalidOptionsError(issues, TASK_OPTIONS_INVALID);
  return optionsOf(valueMapsOf({ ...current, ...update }));
}
