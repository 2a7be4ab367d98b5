import { fetchAgain } from '../../tests/support/outlook-mailbox.js';

interface ListPage {
  value: unknown[];
  '@odata.nextLink'?: string;
}

/** What the naive client did in one job. */
export interface NaiveFigures {
  httpCalls: number;
  /** 429 answers it received (it waits Retry-After and sends again). */
  throttled: number;
  wallMs: number;
  items: number;
}

/**
 * The baseline the benchmark compares Tandem with: the sync most CRM connectors ship. One request
 * per item, no `$batch`, no `$select`, Graph's default page size, a full re-list on every run (no
 * delta), `parallel` requests at a time (default 4: it at least respects Outlook's concurrency),
 * Retry-After honoured on 429 so that it finishes. Plain fetch, with a token from the sandbox.
 */
export class NaiveSync {
  private figures = { httpCalls: 0, throttled: 0 };

  constructor(
    private readonly graphRoot: string,
    private readonly token: () => Promise<string>,
    private readonly parallel = 4,
  ) {}

  private async send(method: string, url: string, body?: unknown): Promise<ListPage | undefined> {
    for (;;) {
      this.figures.httpCalls++;
      const res = await fetchAgain(url.startsWith('https://') ? url : `${this.graphRoot}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${await this.token()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status === 429) {
        this.figures.throttled++;
        await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
        continue;
      }
      if (!res.ok) throw new Error(`naive ${method} answered ${res.status}: ${text.slice(0, 200)}`);
      return text ? JSON.parse(text) : undefined;
    }
  }

  private async measure(items: number, job: () => Promise<void>): Promise<NaiveFigures> {
    this.figures = { httpCalls: 0, throttled: 0 };
    const started = performance.now();
    await job();
    return { ...this.figures, wallMs: Math.round(performance.now() - started), items };
  }

  /** Pushes CRM items to a container (`itemsPath`: a folder's contacts, a list's tasks): one POST per item. */
  push(itemsPath: string, bodies: Record<string, unknown>[]): Promise<NaiveFigures> {
    return this.measure(bodies.length, async () => {
      let next = 0;
      const lane = async () => {
        while (next < bodies.length) await this.send('POST', itemsPath, bodies[next++]!);
      };
      await Promise.all(Array.from({ length: this.parallel }, lane));
    });
  }

  /** Pulls a container (`itemsPath`): the full list, page after page at Graph's default size, every run. */
  async pull(itemsPath: string): Promise<NaiveFigures> {
    let count = 0;
    const figures = await this.measure(0, async () => {
      let url: string | undefined = itemsPath;
      while (url) {
        const page: ListPage = (await this.send('GET', url))!;
        count += page.value.length;
        url = page['@odata.nextLink'];
      }
    });
    return { ...figures, items: count };
  }
}
