import { fetchAgain } from './outlook-mailbox.js';
import { forEachLimit, sleep } from './sync-fixtures.js';

type Json = Record<string, unknown>;

/**
 * One mailbox's Microsoft To Do through the sandbox's Graph as the signed-in user would touch it in
 * To Do (a delegated token: another app than Tandem, its requests never count against Tandem's
 * per-mailbox limits). The same shape as {@link OutlookMailbox} with a list for a folder; bulk
 * writes go through `$batch`.
 */
export class TodoMailbox {
  /** HTTP calls this helper made. */
  calls = 0;

  constructor(
    private readonly sandboxUrl: string,
    private readonly token: () => Promise<string>,
    readonly userId: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  private async request(method: string, path: string, body?: unknown): Promise<any> {
    const url = path.startsWith('https://') ? path : `${this.sandboxUrl}/v1.0${path}`;
    for (let attempt = 0; ; attempt++) {
      this.calls++;
      const res = await fetchAgain(url, {
        method,
        headers: {
          ...this.extraHeaders,
          authorization: `Bearer ${await this.token()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const textBody = await res.text();
      if (res.status === 429 && attempt < 20) {
        await sleep(1000 * Number(res.headers.get('retry-after') ?? 1));
        continue;
      }
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${textBody.slice(0, 300)}`);
      return textBody ? JSON.parse(textBody) : undefined;
    }
  }

  private tasksPath(listId: string): string {
    return `/users/${this.userId}/todo/lists/${listId}/tasks`;
  }

  /** The id of the list named `name`, or null (a mailbox holds few lists: listed and matched). */
  async folderId(name: string): Promise<string | null> {
    const body = await this.request('GET', `/users/${this.userId}/todo/lists?$top=100`);
    return (
      (body.value as { id: string; displayName: string }[]).find((l) => l.displayName === name)?.id ?? null
    );
  }

  async ensureFolder(name: string): Promise<string> {
    const existing = await this.folderId(name);
    if (existing) return existing;
    const created = await this.request('POST', `/users/${this.userId}/todo/lists`, { displayName: name });
    return created.id as string;
  }

  /** Creates tasks in a list, 20 per `$batch`, `parallel` batches at a time; returns their ids in order. */
  async createMany(listId: string, items: Json[], parallel = 2): Promise<string[]> {
    const ids: string[] = new Array(items.length);
    const chunks: number[] = [];
    for (let i = 0; i < items.length; i += 20) chunks.push(i);
    await forEachLimit(chunks, parallel, async (start) => {
      let pending = items.slice(start, start + 20).map((body, k) => ({ k: start + k, body }));
      while (pending.length) {
        const res = await this.request('POST', '/$batch', {
          requests: pending.map(({ k, body }) => ({
            id: String(k),
            method: 'POST',
            url: this.tasksPath(listId),
            headers: { 'content-type': 'application/json' },
            body,
          })),
        });
        const retry = new Set<number>();
        for (const r of res.responses as { id: string; status: number; body: any }[]) {
          if (r.status === 201) ids[Number(r.id)] = r.body.id;
          else if (r.status === 429 || r.status === 503) retry.add(Number(r.id));
          else throw new Error(`seeding a task answered ${r.status}: ${JSON.stringify(r.body)}`);
        }
        pending = pending.filter((p) => retry.has(p.k));
        if (pending.length) await sleep(1000);
      }
    });
    return ids;
  }

  async create(listId: string, item: Json): Promise<string> {
    return (await this.request('POST', this.tasksPath(listId), item)).id as string;
  }

  async update(listId: string, id: string, patch: Json): Promise<void> {
    await this.request('PATCH', `${this.tasksPath(listId)}/${id}`, patch);
  }

  async remove(listId: string, id: string): Promise<void> {
    await this.request('DELETE', `${this.tasksPath(listId)}/${id}`);
  }

  /** Every task of the list with its linked resources (pages of 1,000). */
  async list(listId: string): Promise<Json[]> {
    const all: Json[] = [];
    let next: string | undefined = `${this.tasksPath(listId)}?$top=1000&$expand=linkedResources`;
    while (next) {
      const page: { value: Json[]; '@odata.nextLink'?: string } = await this.request('GET', next);
      all.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return all;
  }

  /** How many tasks the list holds (`$count`). */
  async count(listId: string): Promise<number> {
    const body = await this.request('GET', `${this.tasksPath(listId)}?$top=1&$select=id&$count=true`);
    return body['@odata.count'] as number;
  }

  /** The tasks of the list with this title. */
  async findByTitle(listId: string, title: string): Promise<Json[]> {
    return (await this.list(listId)).filter((t) => t.title === title);
  }
}
