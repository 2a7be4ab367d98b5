import type { Client } from '@microsoft/microsoft-graph-client';
import type { SandboxedMember } from '../../../support/sandboxed-app.js';
import { SyncHarness, waitFor } from './sync-harness.js';

export const LIST = 'Tandem Tasks';

/** A seeded user whose To Do is read (a member, or a user not yet in Tandem). */
type Mailbox = { id: string; userPrincipalName: string };

/** Tasks sync on top of the engine's harness: REST `/sync/tasks`, CRM `/tasks`, To Do in the sandbox. */
export class TasksHarness {
  private readonly clients = new Map<string, Client>();

  private constructor(readonly h: SyncHarness) {}

  /** A Graph client signed in as `member` (delegated: each user reaches only their own To Do). */
  async as(member: { id: string; userPrincipalName: string }): Promise<Client> {
    if (member.id === this.member.id) return this.todo;
    let client = this.clients.get(member.id);
    if (!client) {
      client = this.world.sandbox.graph(await this.world.sandbox.token(member.userPrincipalName, 'graph'));
      this.clients.set(member.id, client);
    }
    return client;
  }

  static async start(env: Record<string, string> = {}): Promise<TasksHarness> {
    return new TasksHarness(await SyncHarness.start(env));
  }

  get member(): SandboxedMember {
    return this.h.member;
  }
  get admin(): SandboxedMember {
    return this.h.admin;
  }
  get todo(): Client {
    return this.h.outlook;
  }
  get world() {
    return this.h.world;
  }

  api(method: string, path: string, body?: unknown, token = this.member.token) {
    return this.h.api(method, path, body, token);
  }

  async view(token = this.member.token): Promise<any> {
    const res = await this.api('GET', '/sync/tasks', undefined, token);
    if (res.status !== 200) throw new Error(`GET /sync/tasks: ${res.status} ${res.text}`);
    return res.body;
  }

  async enable(token = this.member.token): Promise<any> {
    const res = await this.api('PUT', '/sync/tasks', { enabled: true }, token);
    if (res.status !== 200) throw new Error(`enable: ${res.status} ${res.text}`);
    return res.body;
  }

  async createCrmTask(fields: Record<string, unknown>, token = this.member.token): Promise<any> {
    const res = await this.api('POST', '/tasks', fields, token);
    if (res.status !== 201) throw new Error(`POST /tasks: ${res.status} ${res.text}`);
    return res.body;
  }

  async patchCrmTask(id: string, fields: Record<string, unknown>, token = this.member.token): Promise<any> {
    const res = await this.api('PATCH', `/tasks/${id}`, fields, token);
    if (res.status !== 200) throw new Error(`PATCH /tasks: ${res.status} ${res.text}`);
    return res.body;
  }

  async crmTasks(token = this.member.token): Promise<any[]> {
    return (await this.api('GET', '/tasks?limit=100', undefined, token)).body.items;
  }

  async crmTask(subject: string, token = this.member.token): Promise<any> {
    return (await this.crmTasks(token)).find((t) => t.subject === subject);
  }

  /** The member's To Do lists named "Tandem Tasks". */
  async lists(member: Mailbox = this.member): Promise<{ id: string; displayName: string }[]> {
    const res = await (await this.as(member)).api(`/users/${member.id}/todo/lists`).get();
    return res.value.filter((l: any) => l.displayName === LIST);
  }

  async listId(member: Mailbox = this.member): Promise<string> {
    const [list] = await this.lists(member);
    if (!list) throw new Error('no "Tandem Tasks" list');
    return list.id;
  }

  tasksPath(listId: string, member: Mailbox = this.member): string {
    return `/users/${member.id}/todo/lists/${listId}/tasks`;
  }

  /** The tasks of a list with their linked resources. */
  async todoTasks(listId: string, member: Mailbox = this.member): Promise<any[]> {
    const res = await (
      await this.as(member)
    )
      .api(this.tasksPath(listId, member))
      .expand('linkedResources')
      .top(100)
      .get();
    return res.value;
  }

  async todoTask(listId: string, title: string, member: Mailbox = this.member): Promise<any> {
    return (await this.todoTasks(listId, member)).find((t) => t.title === title);
  }

  async syncNow(token = this.member.token): Promise<any> {
    const since = Date.now();
    const res = await this.api('POST', '/sync/tasks/run', undefined, token);
    if (res.status !== 202 && res.status !== 200) throw new Error(`run: ${res.status} ${res.text}`);
    return this.settled(since, token);
  }

  async settled(since: number, token = this.member.token, timeoutMs = 20_000): Promise<any> {
    return waitFor(async () => {
      const v = await this.view(token);
      const ran = v.lastSuccessAt && Date.parse(v.lastRunAt) >= since - 1000;
      return ran && v.state === 'idle' && v.pending === 0 ? v : undefined;
    }, timeoutMs);
  }

  async journal(token = this.member.token): Promise<any[]> {
    return (await this.api('GET', '/sync/tasks/journal?limit=200', undefined, token)).body.entries;
  }

  /** A sandbox tool call (`/_sandbox/…`). */
  async tool(method: string, path: string, body?: unknown): Promise<any> {
    const res = await fetch(`${this.world.sandbox.url}/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  }

  stop() {
    return this.h.stop();
  }
}

export { waitFor };
