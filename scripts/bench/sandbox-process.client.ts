import { fetchAgain } from '../../tests/support/outlook-mailbox.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { trustExtraCa } from '../../src/platform/http/trust.js';

/** The Tandem app registration the benchmark runs as (any GUID: the sandbox registers it). */
export const BENCH_CLIENT_ID = '6c9b4a0e-5d1f-4b8e-9a37-2f0c1d7e8b51';
export const BENCH_APP_ID_URI = `api://tandem.bench/${BENCH_CLIENT_ID}`;

export interface SandboxUser {
  id: string;
  userPrincipalName: string;
  isAdministrator: boolean;
}

export interface SandboxTenant {
  id: string;
  displayName: string;
  users: SandboxUser[];
}

/** Per app × mailbox counters of `/_sandbox/metrics`. */
export interface MailboxCounters {
  requests: number;
  inFlight: number;
  maxInFlight: number;
  throttled: number;
}

/**
 * The sandbox child process seen from the benchmark: its URL, CA and Tandem's client secret, the
 * `/_sandbox` tools (throttling, faults, metrics, tokens), and stop.
 */
export class SandboxProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly caPem: string,
    readonly tandemClientSecret: string,
    readonly tenants: SandboxTenant[],
  ) {}

  static async start(seed: Record<string, number> = {}): Promise<SandboxProcess> {
    const script = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, BENCH_CLIENT_ID, BENCH_APP_ID_URI, JSON.stringify(seed)],
      { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
    );
    const line = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code})`)));
    });
    const ready = JSON.parse(line) as { url: string; caPem: string; secret: string };
    trustExtraCa(ready.caPem);
    const users = (await (await fetch(`${ready.url}/_sandbox/users`)).json()) as { tenants: SandboxTenant[] };
    return new SandboxProcess(child, ready.url, ready.caPem, ready.secret, users.tenants);
  }

  get pid(): number {
    return this.child.pid!;
  }

  user(upnPrefix: string, tenantIndex = 0): SandboxUser {
    const u = this.tenants[tenantIndex]!.users.find((x) => x.userPrincipalName.startsWith(upnPrefix));
    if (!u) throw new Error(`no sandbox user ${upnPrefix}`);
    return u;
  }

  async tool<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetchAgain(`${this.url}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox tool ${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A token for a seeded user: `graph` (as the user in Outlook) or `tandem` (Tandem's API, as Teams SSO gives it). */
  async token(userPrincipalName: string, audience: 'graph' | 'tandem'): Promise<string> {
    const body = await this.tool<{ access_token: string }>('POST', '/tokens', {
      userPrincipalName,
      audience,
    });
    return body.access_token;
  }

  /** Tandem's counters for a mailbox (its app id × the user's object id). */
  async tandemMailbox(userId: string): Promise<MailboxCounters> {
    const { mailboxes } = await this.tool<{ mailboxes: Record<string, MailboxCounters> }>('GET', '/metrics');
    return (
      mailboxes[`${BENCH_CLIENT_ID}|${userId}`] ?? { requests: 0, inFlight: 0, maxInFlight: 0, throttled: 0 }
    );
  }

  /** All counters, by `<appId>|<mailbox or tenant>`. */
  async metrics(): Promise<Record<string, MailboxCounters>> {
    return (await this.tool<{ mailboxes: Record<string, MailboxCounters> }>('GET', '/metrics')).mailboxes;
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
