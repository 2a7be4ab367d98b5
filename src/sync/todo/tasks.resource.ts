import { taskDefinition } from '../../crm/tasks/task.definition.js';
import type { ResourceSettings, SyncResource, SyncValues } from '../engine/sync-resource.js';
import { buildTaskDryRun, TASKS_CONTAINER_NAME } from './task-dry-run.js';
import {
  DEFAULT_TASK_MAPPING,
  taskFieldCatalog,
  GRAPH_TASK_SELECT,
  validateTaskMapping,
  type TaskMapping,
} from './task-mapping.js';
import { linkedResourceTag } from './task-tag.js';
import { parseTaskOptions, valueMapsOf } from './task-values.js';
import { crmTaskFields, crmTaskValues, taskLabel, todoTaskBody, todoTaskValues } from './task.mapper.js';

const mappingOf = (settings: ResourceSettings) => settings.mapping as TaskMapping;
const mapsOf = (settings: ResourceSettings) => valueMapsOf(settings.options);
const lists = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}/todo/lists`;
const tasksOf = (mailbox: string, listId: string) => `${lists(mailbox)}/${encodeURIComponent(listId)}/tasks`;

/**
 * Tasks plugged into the sync engine (PRODUCT §3 Tasks): the "Tandem Tasks" Microsoft To Do list
 * of the member's mailbox, the CRM id in a linked resource's `externalId`, field and value mappings
 * per member. Deletions always propagate both ways (`deleteCrmOnRemoteDelete` is fixed on), and a
 * task moved out of the list (a removal in the list's delta) is deleted from the CRM. Tasks have no
 * duplicate rules and no owned properties.
 */
export const tasksResource: SyncResource = {
  module: 'tasks',
  definition: taskDefinition,
  containerName: TASKS_CONTAINER_NAME,
  tag: linkedResourceTag,

  settings(update, current) {
    const options = parseTaskOptions(update.options ?? {}, current.options ?? {});
    const stored =
      current.mapping && Object.keys(current.mapping).length ? current.mapping : DEFAULT_TASK_MAPPING;
    const mapping = update.mapping ? validateTaskMapping(update.mapping) : (stored as TaskMapping);
    return { options, mapping: mapping as Record<string, string> };
  },
  /** A value mapping changed: the tasks are written again with the new values. */
  remapsOn: (before, after) => JSON.stringify(valueMapsOf(before)) !== JSON.stringify(valueMapsOf(after)),
  catalog: () => taskFieldCatalog(),
  fields: (settings) => Object.keys(settings.mapping),

  /**
   * The member's own list named "Tandem Tasks". A mailbox holds few lists: they are listed and
   * matched here rather than relying on `$filter` support on todoTaskList, which Graph does not document.
   */
  async findContainer(ctx) {
    const url = `${lists(ctx.mailbox)}?$select=id,displayName,isOwner`;
    for await (const page of ctx.graph.pages(ctx.auth, ctx.mailbox, url))
      for (const list of page.items as { id: string; displayName?: string; isOwner?: boolean }[])
        if (list.displayName === TASKS_CONTAINER_NAME && list.isOwner !== false) return list.id;
    return null;
  },
  /**
   * Adopts the member's "Tandem Tasks" list, or creates it. To Do never refuses a name in use (it
   * appends " (1)"), so the create is not retried on an ambiguous answer: the next enable adopts.
   */
  async ensureContainer(ctx) {
    const existing = await this.findContainer(ctx);
    if (existing) return existing;
    const res = await ctx.graph.call<{ id: string }>(ctx.auth, ctx.mailbox, {
      method: 'POST',
      url: lists(ctx.mailbox),
      body: { displayName: TASKS_CONTAINER_NAME },
    });
    return res.body.id;
  },
  async deleteContainer(ctx, containerId) {
    await ctx.graph.call(ctx.auth, ctx.mailbox, {
      method: 'DELETE',
      url: `${lists(ctx.mailbox)}/${encodeURIComponent(containerId)}`,
      idempotent: true,
    });
  },
  deltaUrl: (mailbox, listId) => `${tasksOf(mailbox, listId)}/delta?$select=${GRAPH_TASK_SELECT}`,
  itemsUrl: (mailbox, listId) =>
    `${tasksOf(mailbox, listId)}?$select=${GRAPH_TASK_SELECT}&$expand=linkedResources`,
  itemUrl: (mailbox, listId, remoteId) => `${tasksOf(mailbox, listId)}/${encodeURIComponent(remoteId)}`,
  subscriptionResource: (mailbox, listId) => `/users/${mailbox}/todo/lists/${listId}/tasks`,

  remoteValues: (item, settings) => todoTaskValues(item, mappingOf(settings), mapsOf(settings)),
  crmValues: (record, settings) => crmTaskValues(record, mappingOf(settings), mapsOf(settings)),
  crmFields: (values, record, settings) => crmTaskFields(values, record, mapsOf(settings)),
  remoteBody(values, settings, only) {
    const mapping = mappingOf(settings);
    const picked = only ? pick(values, only) : values;
    return todoTaskBody(picked, mapping, mapsOf(settings));
  },
  label: (values) => taskLabel(values),

  matchFields: [],
  duplicates: () => ({ add: () => undefined, match: () => undefined }),

  dryRun: ({ records, items, settings, containerExists }) =>
    buildTaskDryRun({
      records,
      items,
      mapping: mappingOf(settings),
      maps: mapsOf(settings),
      containerExists,
      tagOf: (item) => linkedResourceTag.read(item),
    }),
};

function pick(values: SyncValues, fields: readonly string[]): SyncValues {
  return Object.fromEntries(fields.filter((f) => Object.hasOwn(values, f)).map((f) => [f, values[f]]));
}
