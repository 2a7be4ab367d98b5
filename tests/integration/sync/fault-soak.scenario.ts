import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FaultsConfig } from '../../../src/sandbox/hostile/hostile-config.js';
import { actorOf, type Actor } from '../../../src/tenancy/principal.js';
import { fetchAgain, OutlookMailbox } from '../../support/outlook-mailbox.js';
import { freePort, sleep } from '../../support/sync-fixtures.js';
import { TodoMailbox } from '../../support/todo-mailbox.js';
import { TestApp } from '../../support/test-app.js';
import { TEST_APP_ID_URI, TEST_CLIENT_ID } from '../../support/test-identity.js';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';
import { contactsSoak, type RemoteStore, type SoakModule } from './fault-soak.modules.js';

export type SoakDatabase = 'memory' | 'files';

/** Outlook's limits, with the 10-minute window compressed so that only concurrency binds. */
export const OUTLOOK_LIMITS = { enabled: true, concurrency: 4, requestsPer10Minutes: 10_000, timeScale: 60 };

/** Both sides of the synced items, normalised: `outlook` is the Office side (Outlook, To Do). */
export interface SoakSnapshot<C extends object = any> {
  crm: C[];
  outlook: C[];
}

export interface SoakCounters {
  /** Tandem's requests to the member's mailbox, as Outlook counts them (batch items one by one). */
  requests: number;
  maxInFlight: number;
  throttled: number;
}

/**
 * One fault-soak world: a sandbox (its own seed, so its tenant ids are its own), Tandem on it, and
 * one member who syncs one module (contacts unless told, see {@link SoakModule}). Tandem can be
 * stopped and started again on the same database (a worker killed mid-run). Seeding and checks act
 * as the user in Outlook or To Do (another app than Tandem) and as the member in the CRM; they run
 * with faults off.
 */
export class SoakWorld {
  app!: TestApp;
  outlook!: OutlookMailbox;
  /** The member's To Do, as the user touches it. */
  todo!: TodoMailbox;
  /** The id of the module's folder or list on the Office side, once known. */
  folderId = '';
  orgId = '';
  userId = '';
  /** CRM ids of the items seeded in the CRM, in order. */
  crmIds: string[] = [];
  /** Office ids of the items seeded in Outlook or To Do, in order. */
  outlookIds: string[] = [];
  /** Tandem's settings: the sandbox as authority and Graph, a fixed port, the world's own database. */
  env: Record<string, string> = {};
  private apiToken = '';
  private port = 0;

  private constructor(
    readonly sandbox: TestSandbox,
    readonly seed: number,
    private readonly database: SoakDatabase,
    readonly module: SoakModule,
  ) {}

  /**
   * `database`: `memory` (its own, gone on stop), or `files` (PGlite files in a temporary folder:
   * another process can take them over, see {@link killableWorker}). `env` adds Tandem settings.
   */
  static async start(
    seed: number,
    options: { database: SoakDatabase; env?: Record<string, string>; module?: SoakModule },
  ): Promise<SoakWorld> {
    const sandbox = await startTestSandbox({ seed, contactsPerUser: 0, eventsPerUser: 0, tasksPerUser: 0 });
    const world = new SoakWorld(sandbox, seed, options.database, options.module ?? contactsSoak);
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-soak-'));
    const caFile = path.join(dir, 'sandbox-ca.pem');
    writeFileSync(caFile, sandbox.sandbox.caPem);
    world.port = await freePort();
    world.env = {
      // Graph's notification URL must be known before Tandem listens, and survive a restart.
      PORT: String(world.port),
      PUBLIC_URL: `http://127.0.0.1:${world.port}`,
      AUTH_AUTHORITY_HOST: sandbox.url,
      AUTH_V1_ISSUER_HOST: sandbox.url,
      AUTH_JWKS_URL: `${sandbox.url}/common/discovery/v2.0/keys`,
      AUTH_CA_FILE: caFile,
      SECRET_AUTH_CLIENT_SECRET: sandbox.sandbox.tandemClientSecret,
      SECRET_TOKEN_CACHE_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      // Files: the development mode keeps PGlite under DATA_DIR (the test mode keeps it in memory).
      ...(options.database === 'files' ? { NODE_ENV: 'development', DATA_DIR: dir } : {}),
      ...options.env,
    };
    await world.startTandem();
    const tenant = sandbox.tenants[0]!;
    const admin = tenant.users.find((u) => u.isAdministrator)!;
    const member = tenant.users.find((u) => !u.isAdministrator)!;
    const tenancy = world.app.tandem.container.tenancy;
    const { organisation } = await tenancy.provisionOrganisation({
      tenantId: tenant.id,
      name: tenant.displayName,
      admin: { objectId: admin.id, userPrincipalName: admin.userPrincipalName, displayName: 'Admin' },
    });
    const row = await tenancy.addMember(organisation.id, {
      objectId: member.id,
      userPrincipalName: member.userPrincipalName,
      displayName: member.userPrincipalName,
      profileKey: 'standard',
    });
    world.orgId = organisation.id;
    world.userId = row.id;
    const token = async (audience: 'graph' | 'tandem') =>
      (await world.tool('POST', '/tokens', { userPrincipalName: member.userPrincipalName, audience }))
        .access_token as string;
    world.apiToken = await token('tandem');
    const graphToken = await token('graph');
    world.outlook = new OutlookMailbox(sandbox.url, async () => graphToken, member.id);
    world.todo = new TodoMailbox(sandbox.url, async () => graphToken, member.id);
    return world;
  }

  /** Starts Tandem in this process on the world's database (again, after a stop or a killed worker). */
  async startTandem(): Promise<void> {
    this.app = await TestApp.start(this.env, { ownDatabase: true });
  }

  /**
   * Runs Tandem in a child process on the world's database files instead of in this process, to be
   * killed (SIGKILL: no graceful stop, a run cut wherever it is). Requests reach it on the same port.
   */
  async killableWorker(): Promise<{ kill(): Promise<void> }> {
    if (this.database !== 'files') throw new Error('a killable worker needs the files database');
    await this.app.stop();
    const script = fileURLToPath(new URL('./fault-soak.worker.ts', import.meta.url));
    const env = {
      AUTH_CLIENT_ID: TEST_CLIENT_ID,
      AUTH_APP_ID_URI: TEST_APP_ID_URI,
      SANDBOX: 'off',
      LOG_LEVEL: 'warn',
      ...this.env,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(env)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('ready ')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the worker exited before it was ready (${code})`)));
    });
    return {
      kill: () =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    };
  }

  /** A `/_sandbox` tool (sent again if a kept-alive connection was found closed). */
  async tool(method: string, toolPath: string, body?: unknown): Promise<any> {
    const res = await fetchAgain(`${this.sandbox.url}/_sandbox${toolPath}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /_sandbox${toolPath} answered ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  async faults(config: FaultsConfig | Record<string, unknown>): Promise<void> {
    await this.tool('PUT', '/faults', config);
  }

  /** The faults injected since the last `faults(…)`, in order. */
  async faultLog(): Promise<{ method: string; url: string; fault: string; commit?: boolean }[]> {
    return (await this.tool('GET', '/faults/log')).entries;
  }

  get memberObjectId(): string {
    return this.outlook.userId;
  }

  async actor(): Promise<Actor> {
    const tenant = this.sandbox.tenants[0]!;
    return actorOf(await this.app.tandem.container.tenancy.resolvePrincipal(tenant.id, this.memberObjectId));
  }

  /** The module's Office side (Outlook contacts, To Do) as the user touches it. */
  get remote(): RemoteStore {
    return this.module.remote(this);
  }

  /** `crm` items in the CRM and `outlook` items in an existing "Tandem …" folder or list. */
  async seedBothSides(crm: number, outlook: number): Promise<void> {
    this.crmIds.push(...(await this.module.seedCrm(this, await this.actor(), crm)));
    this.folderId = await this.remote.ensureFolder(this.module.containerName);
    this.outlookIds = await this.remote.createMany(
      this.folderId,
      this.module.remoteItems(this.seed, outlook),
    );
  }

  async limits(faults?: FaultsConfig): Promise<void> {
    await this.tool('PUT', '/throttling', OUTLOOK_LIMITS);
    await this.faults(faults ?? { rules: [] });
  }

  async faultsOff(): Promise<void> {
    await this.tool('DELETE', '/faults');
  }

  /** Tandem's REST API as the member (whichever process serves the port). */
  async api(
    method: string,
    apiPath: string,
    body?: unknown,
  ): Promise<{ status: number; body: any; text: string }> {
    const res = await fetch(`http://127.0.0.1:${this.port}/api/v1${apiPath}`, {
      method,
      headers: {
        authorization: `Bearer ${this.apiToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined,
      text,
    };
  }

  async view(): Promise<any> {
    const res = await this.api('GET', `/sync/${this.module.key}`);
    if (res.status !== 200)
      throw new Error(`GET /sync/${this.module.key} answered ${res.status}: ${res.text}`);
    return res.body;
  }

  async enable(): Promise<void> {
    const res = await this.api('PUT', `/sync/${this.module.key}`, { enabled: true });
    if (res.status !== 200) throw new Error(`enabling answered ${res.status}: ${res.text}`);
  }

  /**
   * Waits until the module is idle with nothing pending after a successful run that started after
   * `since`, and both sides hold at least `expected` items; then until two views 1 s apart agree.
   */
  async converge(expected: number, since: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = await this.view();
      if (['paused', 'failed', 'needs_consent', 'disabled'].includes(view.state))
        throw new Error(
          `the module stopped: ${view.state} ${JSON.stringify(view.paused ?? view.errors?.slice(0, 3))}`,
        );
      const ran = view.lastSuccessAt && Date.parse(view.lastSuccessAt) >= since - 1000;
      if (view.state === 'idle' && view.pending === 0 && ran) {
        const crm = await this.module.countCrm(this);
        this.folderId ||= (await this.remote.folderId(this.module.containerName)) ?? '';
        const office = this.folderId ? await this.remote.count(this.folderId) : 0;
        if (crm >= expected && office >= expected) {
          await sleep(1000);
          const again = await this.view();
          if (again.state === 'idle' && again.pending === 0) return;
        }
      }
      if (Date.now() > deadline)
        throw new Error(
          `not converged within ${timeoutMs} ms: state ${view.state}, pending ${view.pending}, errors ${JSON.stringify(view.errors?.slice(0, 3))}; Tandem's last warnings: ${this.lastWarnings()}`,
        );
      await sleep(500);
    }
  }

  /** Tandem's last warning and error log lines (in-process Tandem only), for failure messages. */
  private lastWarnings(): string {
    const lines = (this.app?.logs ?? []).filter((l) => /"level":(40|50|60)/.test(l));
    return lines.slice(-5).join('').slice(0, 4000);
  }

  async snapshot(): Promise<SoakSnapshot> {
    this.folderId ||= (await this.remote.folderId(this.module.containerName)) ?? '';
    const items = this.folderId ? await this.remote.list(this.folderId) : [];
    return {
      crm: await this.module.crmComparables(this),
      outlook: items.map((i) => this.module.remoteComparable(i)),
    };
  }

  async counters(): Promise<SoakCounters> {
    const { mailboxes } = await this.tool('GET', '/metrics');
    const found: Partial<SoakCounters> = mailboxes[`${TEST_CLIENT_ID}|${this.memberObjectId}`] ?? {};
    return {
      requests: found.requests ?? 0,
      maxInFlight: found.maxInFlight ?? 0,
      throttled: found.throttled ?? 0,
    };
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    await this.sandbox.stop();
  }
}
