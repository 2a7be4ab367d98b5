import { contactDefinition } from '../../src/crm/contacts/contact.definition.js';
import type { Fields, RecordDefinition } from '../../src/crm/shared/record.definition.js';
import { taskDefinition } from '../../src/crm/tasks/task.definition.js';
import type { Database } from '../../src/platform/db/database.js';
import {
  bulkContacts,
  countCrmContacts,
  crmContactsByEmail,
  crmFieldsOf,
  graphContactOf,
} from '../../tests/support/sync-fixtures.js';
import {
  bulkTasks,
  countCrmTasks,
  crmTaskFieldsOf,
  crmTasksBySubject,
  todoTaskOf,
} from '../../tests/support/task-fixtures.js';
import {
  outlookOf,
  todoOf,
  type BenchContext,
  type BenchModuleKey,
  type BenchOptions,
} from './bench-context.js';
import type { SandboxUser } from './sandbox-process.client.js';

type Json = Record<string, unknown>;

/** One generated item: its unique key, as CRM fields and as the Office side's body. */
export interface BenchItem {
  key: string;
  crm: Fields;
  remote: Json;
}

/** The Office side of a module as the user touches it: `OutlookMailbox`, `TodoMailbox`. */
export interface BenchRemote {
  folderId(name: string): Promise<string | null>;
  ensureFolder(name: string): Promise<string>;
  createMany(containerId: string, items: Json[], parallel?: number): Promise<string[]>;
  create(containerId: string, item: Json): Promise<string>;
  count(containerId: string): Promise<number>;
}

/**
 * What the benchmark needs to know of one synced module to run its phases (initial push and pull,
 * idle run, latency) and label its rows. Meetings plug in with a third descriptor.
 */
export interface BenchModule {
  key: BenchModuleKey;
  /** Row label prefix: "Contacts", "Tasks". */
  label: string;
  noun: string;
  /** The Office side's name in row labels: Outlook, To Do. */
  remoteName: string;
  /** The folder or list Tandem syncs, and the one the naive client writes to. */
  containerName: string;
  naiveContainerName: string;
  size(options: BenchOptions): number;
  items(seed: number, tag: string, count: number): BenchItem[];
  definition: RecordDefinition;
  remote(ctx: BenchContext, user: SandboxUser): BenchRemote;
  /** A container's items, relative to Graph's root (what the naive client posts to and lists). */
  itemsPath(userId: string, containerId: string): string;
  countCrm(db: Database, orgId: string, ownerId: string): Promise<number>;
  /** Whether the item with `key` is in the CRM / on the Office side (the latency figures). */
  inCrm(db: Database, orgId: string, key: string): Promise<boolean>;
  inRemote(ctx: BenchContext, user: SandboxUser, containerId: string, key: string): Promise<boolean>;
  /**
   * Quiet time before an idle run is measured: To Do's notifications carry no etag, so Tandem's own
   * writes of the first sync each wake a (coalesced, 5 s) follow-up run.
   */
  settleMs: number;
  /** What "sync now" does besides the delta, for the idle row's label. */
  manualNote: string;
}

export const contactsBench: BenchModule = {
  key: 'contacts',
  label: 'Contacts',
  noun: 'contacts',
  remoteName: 'Outlook',
  containerName: 'Tandem Contacts',
  naiveContainerName: 'Naive Contacts',
  size: (o) => o.contacts,
  items: (seed, tag, count) =>
    bulkContacts(seed, tag, count).map((c) => ({
      key: c.email,
      crm: crmFieldsOf(c),
      remote: graphContactOf(c),
    })),
  definition: contactDefinition,
  remote: outlookOf,
  itemsPath: (userId, folderId) => `/users/${userId}/contactFolders/${folderId}/contacts`,
  countCrm: countCrmContacts,
  inCrm: async (db, orgId, email) => (await crmContactsByEmail(db, orgId, email)).length > 0,
  inRemote: async (ctx, user, folderId, email) =>
    (await outlookOf(ctx, user).findByEmail(folderId, email)).length > 0,
  settleMs: 0,
  manualNote: 'also checks the master categories',
};

export const tasksBench: BenchModule = {
  key: 'tasks',
  label: 'Tasks',
  noun: 'tasks',
  remoteName: 'To Do',
  containerName: 'Tandem Tasks',
  naiveContainerName: 'Naive Tasks',
  size: (o) => o.tasks,
  items: (seed, tag, count) =>
    bulkTasks(seed, tag, count).map((t) => ({
      key: t.title,
      crm: crmTaskFieldsOf(t),
      remote: todoTaskOf(t),
    })),
  definition: taskDefinition,
  remote: todoOf,
  itemsPath: (userId, listId) => `/users/${userId}/todo/lists/${listId}/tasks`,
  countCrm: countCrmTasks,
  inCrm: async (db, orgId, title) => (await crmTasksBySubject(db, orgId, title)).length > 0,
  inRemote: async (ctx, user, listId, title) =>
    (await todoOf(ctx, user).findByTitle(listId, title)).length > 0,
  settleMs: 6_500,
  manualNote: 'the same delta round, started by the user',
};

export const BENCH_MODULE_DESCRIPTORS: Record<BenchModuleKey, BenchModule> = {
  contacts: contactsBench,
  tasks: tasksBench,
};
