import { contactDefinition } from '../../../src/crm/contacts/contact.definition.js';
import { taskDefinition } from '../../../src/crm/tasks/task.definition.js';
import type { Actor } from '../../../src/tenancy/principal.js';
import {
  bulkContacts,
  compareContacts,
  comparableFromCrm,
  comparableFromGraph,
  countCrmContacts,
  crmContactRows,
  crmFieldsOf,
  graphContactOf,
  type SideDiff,
} from '../../support/sync-fixtures.js';
import {
  bulkTasks,
  comparableFromCrmTask,
  comparableFromTodo,
  compareTasks,
  countCrmTasks,
  crmTaskFieldsOf,
  crmTaskRows,
  todoTaskOf,
} from '../../support/task-fixtures.js';
import type { SoakWorld } from './fault-soak.scenario.js';

type Json = Record<string, unknown>;

/** One side of Office as the user touches it (Outlook contacts, a To Do list): `OutlookMailbox`, `TodoMailbox`. */
export interface RemoteStore {
  folderId(name: string): Promise<string | null>;
  ensureFolder(name: string): Promise<string>;
  createMany(containerId: string, items: Json[], parallel?: number): Promise<string[]>;
  update(containerId: string, id: string, patch: Json): Promise<void>;
  list(containerId: string): Promise<Json[]>;
  count(containerId: string): Promise<number>;
}

/**
 * What the fault-soak world needs to know of one synced module: how to seed each side, read both
 * sides in one comparable form, and edit each side. Meetings plug in with a third adapter.
 */
export interface SoakModule<C extends object = object> {
  key: 'contacts' | 'tasks';
  /** "contacts", "tasks": for test titles and messages. */
  noun: string;
  /** The folder or list Tandem syncs ("Tandem Contacts", "Tandem Tasks"). */
  containerName: string;
  /** The Office side's name in messages: Outlook, To Do. */
  remoteName: string;
  remote(world: SoakWorld): RemoteStore;
  /** Creates `count` items in the CRM as the member; their ids in order. */
  seedCrm(world: SoakWorld, actor: Actor, count: number): Promise<string[]>;
  /** `count` items as a client creates them on the Office side. */
  remoteItems(seed: number, count: number): Json[];
  countCrm(world: SoakWorld): Promise<number>;
  crmComparables(world: SoakWorld): Promise<C[]>;
  remoteComparable(item: Json): C;
  compare(left: C[], right: C[]): SideDiff;
  /** The edit made in the CRM on some seeded CRM items. */
  editCrm(world: SoakWorld, actor: Actor, ids: string[]): Promise<void>;
  /** The patch made on the Office side on some seeded Office items. */
  remoteEdit: Json;
  /** How many items of a snapshot carry [the CRM edit, the Office edit]. */
  edited(items: C[]): [number, number];
}

export const contactsSoak: SoakModule<ReturnType<typeof comparableFromCrm>> = {
  key: 'contacts',
  noun: 'contacts',
  containerName: 'Tandem Contacts',
  remoteName: 'Outlook',
  remote: (world) => world.outlook,
  async seedCrm(world, actor, count) {
    const ids: string[] = [];
    for (const person of bulkContacts(world.seed, 'crm', count))
      ids.push(
        (await world.app.tandem.container.records.create(actor, contactDefinition, crmFieldsOf(person))).id,
      );
    return ids;
  },
  remoteItems: (seed, count) => bulkContacts(seed, 'out', count).map(graphContactOf),
  countCrm: (world) => countCrmContacts(world.app.tandem.db, world.orgId, world.userId),
  crmComparables: async (world) =>
    (await crmContactRows(world.app.tandem.db, world.orgId))
      .filter((r) => r.ownerId === world.userId)
      .map(comparableFromCrm),
  remoteComparable: comparableFromGraph,
  compare: compareContacts,
  async editCrm(world, actor, ids) {
    const { records } = world.app.tandem.container;
    for (const id of ids)
      await records.update(actor, contactDefinition, id, { jobTitle: 'Edited in the CRM' });
  },
  remoteEdit: { companyName: 'Edited in Outlook' },
  edited: (items) => [
    items.filter((c) => c.jobTitle === 'Edited in the CRM').length,
    items.filter((c) => c.companyName === 'Edited in Outlook').length,
  ],
};

/**
 * Tasks: the CRM edit moves a task to "waiting for input" at the lowest priority with a reminder,
 * the To Do edit marks it "waiting on others" and important (seeded tasks are never waiting).
 */
export const tasksSoak: SoakModule<ReturnType<typeof comparableFromTodo>> = {
  key: 'tasks',
  noun: 'tasks',
  containerName: 'Tandem Tasks',
  remoteName: 'To Do',
  remote: (world) => world.todo,
  async seedCrm(world, actor, count) {
    const ids: string[] = [];
    for (const task of bulkTasks(world.seed, 'crm', count))
      ids.push(
        (await world.app.tandem.container.records.create(actor, taskDefinition, crmTaskFieldsOf(task))).id,
      );
    return ids;
  },
  remoteItems: (seed, count) => bulkTasks(seed, 'todo', count).map(todoTaskOf),
  countCrm: (world) => countCrmTasks(world.app.tandem.db, world.orgId, world.userId),
  crmComparables: async (world) =>
    (await crmTaskRows(world.app.tandem.db, world.orgId, world.userId)).map(comparableFromCrmTask),
  remoteComparable: comparableFromTodo,
  compare: compareTasks,
  async editCrm(world, actor, ids) {
    const { records } = world.app.tandem.container;
    for (const id of ids)
      await records.update(actor, taskDefinition, id, {
        status: 'waitingForInput',
        priority: 'lowest',
        reminder: { dateTime: '2027-12-24T08:15:00', timeZone: 'UTC' },
      });
  },
  remoteEdit: { status: 'waitingOnOthers', importance: 'high' },
  edited: (items) => [
    items.filter((t) => t.status === 'waitingOnOthers' && t.reminder === '2027-12-24T08:15:00Z').length,
    items.filter((t) => t.status === 'waitingOnOthers' && t.importance === 'high').length,
  ],
};
