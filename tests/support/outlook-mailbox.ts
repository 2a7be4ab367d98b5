import { forEachLimit, sleep } from './sync-fixtures.js';

/**
 * One mailbox's contacts through the sandbox's Graph as the signed-in user would touch them in
 * Outlook (a delegated token from `/_sandbox/tokens`, i.e. another app than Tandem: its requests
 * never count against Tandem's per-mailbox limits). Bulk writes go through `$batch`.
 */
export class OutlookMailbox {
  /** HTTP calls this helper made (seeding and checks are not Tandem's traffic). */
  calls = 0;

  constructor(
    private readonly sandboxUrl: string,
    private readonly token: () => Promise<string>,
    readonly userId: string,
    /** Sent with every request (e.g. the benchmark's marker for requests it does not count). */
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

  /** The id of the folder named `name` under the root, or null. */
  async folderId(name: string): Promise<string | null> {
    const filter = encodeURIComponent(`displayName eq '${name.replace(/'/g, "''")}'`);
    const body = await this.request('GET', `/users/${this.userId}/contactFolders?$filter=${filter}`);
    return (body.value as { id: string }[])[0]?.id ?? null;
  }

  async ensureFolder(name: string): Promise<string> {
    const existing = await this.folderId(name);
    if (existing) return existing;
    const created = await this.request('POST', `/users/${this.userId}/contactFolders`, { displayName: name });
    return created.id as string;
  }

  /** Creates contacts in a folder, 20 per `$batch`, `parallel` batches at a time; returns their ids in order. */
  async createMany(folderId: string, items: Record<string, unknown>[], parallel = 2): Promise<string[]> {
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
            url: `/users/${this.userId}/contactFolders/${folderId}/contacts`,
            headers: { 'content-type': 'application/json' },
            body,
          })),
        });
        const retry = new Set<number>();
        for (const r of res.responses as { id: string; status: number; body: any }[]) {
          if (r.status === 201) ids[Number(r.id)] = r.body.id;
          else if (r.status === 429 || r.status === 503) retry.add(Number(r.id));
          else throw new Error(`seeding a contact answered ${r.status}: ${JSON.stringify(r.body)}`);
        }
        pending = pending.filter((p) => retry.has(p.k));
        if (pending.length) await sleep(1000);
      }
    });
    return ids;
  }

  async create(folderId: string, item: Record<string, unknown>): Promise<string> {
    const created = await this.request(
      'POST',
      `/users/${this.userId}/contactFolders/${folderId}/contacts`,
      item,
    );
    return created.id as string;
  }

  async update(folderId: string, id: string, patch: Record<string, unknown>): Promise<void> {
    await this.request('PATCH', `/users/${this.userId}/contactFolders/${folderId}/contacts/${id}`, patch);
  }

  /**
   * Updates a contact through `/me/contacts/{id}`, as Outlook clients address it: a fault rule on
   * `^/users/` (Tandem's app-only paths) then leaves this request alone.
   */
  async updateAsMe(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.request('PATCH', `/me/contacts/${id}`, patch);
  }

  async remove(folderId: string, id: string): Promise<void> {
    await this.request('DELETE', `/users/${this.userId}/contactFolders/${folderId}/contacts/${id}`);
  }

  /** Every contact of the folder (pages of 1,000). */
  async list(folderId: string): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    let next: string | undefined = `/users/${this.userId}/contactFolders/${folderId}/contacts?$top=1000`;
    while (next) {
      const page: { value: Record<string, unknown>[]; '@odata.nextLink'?: string } = await this.request(
        'GET',
        next,
      );
      all.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return all;
  }

  /** How many contacts the folder holds (`$count`). */
  async count(folderId: string): Promise<number> {
    const body = await this.request(
      'GET',
      `/users/${this.userId}/contactFolders/${folderId}/contacts?$top=1&$select=id&$count=true`,
    );
    return body['@odata.count'] as number;
  }

  /** The contacts of the folder with this email address (Outlook's `$filter` on `emailAddresses`). */
  async findByEmail(folderId: string, email: string): Promise<Record<string, unknown>[]> {
    const filter = encodeURIComponent(`emailAddresses/any(a:a/address eq '${email}')`);
    const body = await this.request(
      'GET',
      `/users/${this.userId}/contactFolders/${folderId}/contacts?$filter=${filter}`,
    );
    return body.value as Record<string, unknown>[];
  }
}

/**
 * fetch, sent again when a kept-alive connection turns out closed before any answer (the server
 * closed it while this process's event loop was busy, e.g. during a migration).
 */
export async function fetchAgain(url: string, init: RequestInit, attempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (attempt >= attempts || (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET')) throw err;
    }
  }
}
