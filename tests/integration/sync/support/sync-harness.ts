import type { Client } from '@microsoft/microsoft-graph-client';
import { SandboxedTandem, type SandboxedMember } from '../../../support/sandboxed-app.js';

export const FOLDER = 'Tandem Contacts';

/** Tandem + sandbox with one standard member and the admin, for the engine's tests. */
export class SyncHarness {
  private constructor(
    readonly world: SandboxedTandem,
    readonly admin: SandboxedMember,
    readonly member: SandboxedMember,
    readonly outlook: Client,
  ) {}

  static async start(
    env: Record<string, string> = {},
    options: { now?: () => Date } = {},
  ): Promise<SyncHarness> {
    const world = await SandboxedTandem.start({
      ownDatabase: true,
      now: options.now,
      seed: { contactsPerUser: 0, eventsPerUser: 0, tasksPerUser: 0 },
      env: { SYNC_SCAN_SECONDS: '1', LOG_LEVEL: 'warn', ...env },
    });
    // The sandbox closes connections idle for 5 s (Node's keepAliveTimeout) while Tandem opens its
    // database; a request on a pooled socket at that moment is reset. Touch it first (twice at most).
    await fetch(`${world.sandbox.url}/_sandbox/users`)
      .catch(() => fetch(`${world.sandbox.url}/_sandbox/users`))
      .then((r) => r.arrayBuffer());
    const users = world.tenant().users;
    const admin = await world.provision(users.find((u) => u.isAdministrator)!);
    const member = await world.addMember(
      admin.orgId,
      users.find((u) => !u.isAdministrator)!,
      'standard',
    );
    const outlook = world.sandbox.graph(await world.sandbox.token(member.userPrincipalName, 'graph'));
    return new SyncHarness(world, admin, member, outlook);
  }

  get container() {
    return this.world.app.tandem.container;
  }

  api(method: string, path: string, body?: unknown, token = this.member.token) {
    return this.world.app.request(method, `/api/v1${path}`, { token, body });
  }

  async view(token = this.member.token): Promise<any> {
    const res = await this.api('GET', '/sync/contacts', undefined, token);
    if (res.status !== 200) throw new Error(`GET /sync/contacts: ${res.status} ${res.text}`);
    return res.body;
  }

  async createCrmContact(fields: Record<string, unknown>, token = this.member.token): Promise<any> {
    const res = await this.api('POST', '/contacts', fields, token);
    if (res.status !== 201) throw new Error(`POST /contacts: ${res.status} ${res.text}`);
    return res.body;
  }

  async crmContacts(token = this.member.token): Promise<any[]> {
    const res = await this.api('GET', '/contacts?limit=100', undefined, token);
    return res.body.items;
  }

  async enable(token = this.member.token): Promise<any> {
    const res = await this.api('PUT', '/sync/contacts', { enabled: true }, token);
    if (res.status !== 200) throw new Error(`enable: ${res.status} ${res.text}`);
    return res.body;
  }

  /** Folders named "Tandem Contacts" in the member's mailbox. */
  async folders(): Promise<{ id: string }[]> {
    const res = await this.outlook
      .api(`/users/${this.member.id}/contactFolders`)
      .filter(`displayName eq '${FOLDER}'`)
      .get();
    return res.value;
  }

  async outlookContacts(folderId: string): Promise<any[]> {
    const res = await this.outlook
      .api(`/users/${this.member.id}/contactFolders/${folderId}/contacts`)
      .top(100)
      .get();
    return res.value;
  }

  /** Queues a run and waits for a successful one that started after now, with nothing pending. */
  async syncNow(token = this.member.token): Promise<any> {
    const since = Date.now();
    const res = await this.api('POST', '/sync/contacts/run', undefined, token);
    if (res.status !== 202 && res.status !== 200) throw new Error(`run: ${res.status} ${res.text}`);
    return this.settled(since, token);
  }

  /** Waits until a run that started after `since` succeeded and nothing is pending or running. */
  async settled(since: number, token = this.member.token, timeoutMs = 20_000): Promise<any> {
    return waitFor(async () => {
      const v = await this.view(token);
      const ran = v.lastSuccessAt && Date.parse(v.lastRunAt) >= since - 1000;
      return ran && v.state === 'idle' && v.pending === 0 ? v : undefined;
    }, timeoutMs);
  }

  async metrics(): Promise<any> {
    return (await fetch(`${this.world.sandbox.url}/_sandbox/metrics`)).json();
  }

  stop() {
    return this.world.stop();
  }
}

/** Polls `probe` until it returns a value. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
