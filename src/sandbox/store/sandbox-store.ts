import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { changeKey, outlookId } from './ids.js';
import type {
  CollectionName,
  DirectoryUser,
  Item,
  ItemChange,
  Mailbox,
  SandboxState,
  TenantState,
} from './model.js';

/** Collections whose items are Outlook items (changeKey, @odata.etag, categories, timestamps). */
const OUTLOOK_ITEMS = new Set<CollectionName>(['contacts', 'events', 'messages']);
/** todoTaskList has no timestamps in Graph; the others carry createdDateTime/lastModifiedDateTime. */
const TIMESTAMPED = new Set<CollectionName>(['contacts', 'events', 'messages', 'todoTasks']);

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export function emptyMailbox(owner: Mailbox['owner']): Mailbox {
  const mailbox = {
    owner,
    contactFolders: {},
    contacts: {},
    calendars: {},
    events: {},
    todoLists: {},
    todoTasks: {},
    categories: {},
    messages: {},
    installedApps: {},
    wellKnown: { contacts: '', calendar: '', tasks: '', inbox: '', sentItems: '' },
  } as Mailbox;
  return mailbox;
}

/**
 * The sandbox's in-memory Microsoft 365, persisted to a JSON file (atomically, debounced) when a
 * path is given. All mutations go through here so every change gets a sequence number (delta),
 * a new changeKey and lastModifiedDateTime, and deletions leave tombstones.
 */
export class SandboxStore {
  private saveTimer?: NodeJS.Timeout;
  private readonly listeners = new Set<(change: ItemChange) => void>();

  constructor(
    public state: SandboxState,
    private readonly file?: string,
  ) {}

  static load(file: string | undefined, build: () => SandboxState): SandboxStore {
    if (file && existsSync(file)) {
      const state = JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
      if (state.version === 2) return new SandboxStore(state, file);
    }
    const store = new SandboxStore(build(), file);
    store.flush();
    return store;
  }

  static emptyState(): SandboxState {
    return { version: 2, epoch: randomUUID(), seq: 0, tenants: {} };
  }

  /** Calls `listener` after every item change (synchronously; keep it cheap). Returns an unsubscribe. */
  onChange(listener: (change: ItemChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(
    mailbox: Mailbox,
    collection: CollectionName,
    item: Item,
    changeType: ItemChange['changeType'],
  ): void {
    if (this.listeners.size === 0) return;
    const change: ItemChange = {
      ...mailbox.owner,
      collection,
      id: item.id,
      parent: item._parent,
      changeType,
      seq: item._seq,
    };
    for (const listener of this.listeners) listener(change);
  }

  /** Replaces everything (seed/reset); delta tokens from before answer 410. */
  replace(state: SandboxState): void {
    this.state = { ...state, epoch: randomUUID(), seq: Math.max(state.seq, this.state.seq) + 1 };
    this.scheduleSave();
  }

  /** Evicts every delta token (as Outlook's cache does): their next use answers 410 SyncStateNotFound. */
  expireDeltaTokens(): void {
    this.state.epoch = randomUUID();
    this.scheduleSave();
  }

  /**
   * Records delegated consent of a client in a tenant (what the consent screen does when a user
   * accepts). The sandbox keeps consent per tenant and client, not per user.
   */
  grantConsent(tenantId: string, clientId: string, delegated: string[]): void {
    const tenant = this.tenant(tenantId);
    if (!tenant) return;
    const consent = (tenant.consents[clientId] ??= { delegated: [], application: [] });
    for (const scope of delegated) {
      if (!consent.delegated.some((s) => s.toLowerCase() === scope.toLowerCase()))
        consent.delegated.push(scope);
    }
    this.scheduleSave();
  }

  tenant(tenantId: string): TenantState | undefined {
    return this.state.tenants[tenantId.toLowerCase()];
  }

  /** A user of a tenant by object id or user principal name (case-insensitive). */
  user(tenantId: string, idOrUpn: string): DirectoryUser | undefined {
    const tenant = this.tenant(tenantId);
    if (!tenant) return undefined;
    const key = idOrUpn.toLowerCase();
    return (
      tenant.users[key] ?? Object.values(tenant.users).find((u) => u.userPrincipalName.toLowerCase() === key)
    );
  }

  /** A user in any tenant by UPN (sign-in page, token tool). */
  findUserByUpn(upn: string): { tenant: TenantState; user: DirectoryUser } | undefined {
    const key = upn.toLowerCase();
    for (const tenant of Object.values(this.state.tenants)) {
      const user = Object.values(tenant.users).find((u) => u.userPrincipalName.toLowerCase() === key);
      if (user) return { tenant, user };
    }
    return undefined;
  }

  mailbox(tenantId: string, userId: string): Mailbox | undefined {
    return this.tenant(tenantId)?.mailboxes[userId];
  }

  nextSeq(): number {
    return ++this.state.seq;
  }

  /** Live (not deleted) items of a collection, optionally in one container, in creation order. */
  live(mailbox: Mailbox, collection: CollectionName, parent?: string): Item[] {
    return Object.values(mailbox[collection]).filter(
      (i) => !i._deleted && (parent === undefined || i._parent === parent),
    );
  }

  get(mailbox: Mailbox, collection: CollectionName, id: string): Item | undefined {
    const item = mailbox[collection][id];
    return item && !item._deleted ? item : undefined;
  }

  create(mailbox: Mailbox, collection: CollectionName, data: Record<string, unknown>, parent?: string): Item {
    const id =
      typeof data.id === 'string' && data.id
        ? data.id
        : outlookId(collection === 'todoTasks' ? 'AAkALg' : 'AAMkAG');
    const stamp = now();
    const item: Item = {
      ...data,
      id,
      _seq: this.nextSeq(),
      ...(parent !== undefined ? { _parent: parent } : {}),
    };
    if (TIMESTAMPED.has(collection)) {
      item.createdDateTime ??= stamp;
      item.lastModifiedDateTime = stamp;
    }
    if (OUTLOOK_ITEMS.has(collection)) {
      item.changeKey = changeKey();
      item.categories ??= [];
    }
    mailbox[collection][id] = item;
    this.scheduleSave();
    this.emit(mailbox, collection, item, 'created');
    return item;
  }

  update(mailbox: Mailbox, collection: CollectionName, id: string, patch: Record<string, unknown>): Item {
    const item = mailbox[collection][id]!;
    Object.assign(item, patch, { _seq: this.nextSeq() });
    if (TIMESTAMPED.has(collection)) item.lastModifiedDateTime = now();
    if (OUTLOOK_ITEMS.has(collection)) item.changeKey = changeKey();
    this.scheduleSave();
    this.emit(mailbox, collection, item, 'updated');
    return item;
  }

  /**
   * Deletes an item, keeping a tombstone for delta. `bookkeeping` (keys starting with `_`, never
   * shown to clients) stays on the tombstone, e.g. the shape of a deleted series.
   */
  remove(
    mailbox: Mailbox,
    collection: CollectionName,
    id: string,
    bookkeeping: Record<`_${string}`, unknown> = {},
  ): void {
    const item = mailbox[collection][id];
    if (!item) return;
    const tombstone: Item = {
      ...bookkeeping,
      id,
      _seq: this.nextSeq(),
      _deleted: true,
      _parent: item._parent,
    };
    mailbox[collection][id] = tombstone;
    this.scheduleSave();
    this.emit(mailbox, collection, tombstone, 'deleted');
  }

  /** Writes the state now (atomic rename). */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.file);
  }

  private scheduleSave(): void {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), 250);
    this.saveTimer.unref();
  }
}
