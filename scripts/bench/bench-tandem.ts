import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startTandem, type RunningTandem } from '../../src/app/tandem.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { Fields, RecordDefinition } from '../../src/crm/shared/record.definition.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { actorOf, type Principal } from '../../src/tenancy/principal.js';
import { forEachLimit, freePort } from '../../tests/support/sync-fixtures.js';
import {
  BENCH_APP_ID_URI,
  BENCH_CLIENT_ID,
  type SandboxProcess,
  type SandboxUser,
} from './sandbox-process.client.js';

/** A member of the benchmark's organisation, with the API token Teams SSO would give the Sync tab. */
export interface BenchMember {
  user: SandboxUser;
  orgId: string;
  userId: string;
  token: string;
}

/** The module as `GET /api/v1/sync/{module}` shows it (the fields the benchmark reads). */
export interface SyncView {
  enabled: boolean;
  state: string;
  lastSuccessAt: string | null;
  lastRunAt: string | null;
  pending: number;
  errors: { code: string; message: string }[];
  container: { id: string | null };
}

/**
 * Tandem started in this process against the sandbox process, as `npm start` wires it (the sandbox
 * is the Entra authority and Graph), on a database of its own: a fresh PostgreSQL database when
 * `databaseUrl` is given (dropped on stop), else PGlite files in a temporary folder.
 */
export class BenchTandem {
  private constructor(
    readonly tandem: RunningTandem,
    readonly sandbox: SandboxProcess,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async start(
    sandbox: SandboxProcess,
    options: { databaseUrl?: string; database?: string; env?: Record<string, string> } = {},
  ): Promise<BenchTandem> {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-'));
    const caFile = path.join(dir, 'sandbox-ca.pem');
    writeFileSync(caFile, sandbox.caPem);
    const { url, drop } = options.databaseUrl
      ? await freshDatabase(options.databaseUrl, options.database)
      : { url: undefined, drop: async () => {} };
    const port = await freePort();
    const config = parseConfig({
      NODE_ENV: 'development',
      SANDBOX: 'off',
      PORT: String(port),
      // Graph reaches the webhooks here (the sandbox accepts http:// on loopback).
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
      DATABASE_URL: url,
      AUTH_CLIENT_ID: BENCH_CLIENT_ID,
      AUTH_APP_ID_URI: BENCH_APP_ID_URI,
      AUTH_AUTHORITY_HOST: sandbox.url,
      AUTH_V1_ISSUER_HOST: sandbox.url,
      AUTH_JWKS_URL: `${sandbox.url}/common/discovery/v2.0/keys`,
      AUTH_CA_FILE: caFile,
      SECRET_AUTH_CLIENT_SECRET: sandbox.tandemClientSecret,
      SECRET_TOKEN_CACHE_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      ...options.env,
    });
    const tandem = await startTandem(config, createLogger({ level: config.log.level }));
    return new BenchTandem(tandem, sandbox, drop);
  }

  get container() {
    return this.tandem.container;
  }

  /** Sets up the tenant's organisation with `admin` as its Administrator. */
  async provision(admin: SandboxUser, tenantId: string, name: string): Promise<BenchMember> {
    const { organisation, admin: row } = await this.container.tenancy.provisionOrganisation({
      tenantId,
      name,
      admin: {
        objectId: admin.id,
        userPrincipalName: admin.userPrincipalName,
        displayName: admin.userPrincipalName,
      },
    });
    return {
      user: admin,
      orgId: organisation.id,
      userId: row.id,
      token: await this.sandbox.token(admin.userPrincipalName, 'tandem'),
    };
  }

  async addMember(orgId: string, user: SandboxUser): Promise<BenchMember> {
    const row = await this.container.tenancy.addMember(orgId, {
      objectId: user.id,
      userPrincipalName: user.userPrincipalName,
      displayName: user.userPrincipalName,
      profileKey: 'standard',
    });
    return { user, orgId, userId: row.id, token: await this.sandbox.token(user.userPrincipalName, 'tandem') };
  }

  async principal(member: BenchMember, tenantId: string): Promise<Principal> {
    return this.container.tenancy.resolvePrincipal(tenantId, member.user.id);
  }

  /** Creates CRM records owned by the member, as the member would in the app (`parallel` at a time). */
  async createCrmRecords(
    principal: Principal,
    definition: RecordDefinition,
    items: Fields[],
    parallel = 4,
  ): Promise<string[]> {
    const actor = actorOf(principal);
    const ids: string[] = new Array(items.length);
    await forEachLimit([...items.keys()], parallel, async (i) => {
      ids[i] = (await this.container.records.create(actor, definition, items[i]!)).id;
    });
    return ids;
  }

  async api<T = unknown>(member: BenchMember, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.tandem.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${member.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /api/v1${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  syncView(member: BenchMember, module = 'contacts'): Promise<SyncView> {
    return this.api<SyncView>(member, 'GET', `/sync/${module}`);
  }

  async stop(): Promise<void> {
    await this.tandem.stop();
    await this.dropDatabase();
  }
}

/** A PostgreSQL database of its own next to `adminUrl` (or the named one, kept), dropped by `drop`. */
async function freshDatabase(
  adminUrl: string,
  keep?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = keep ?? `tandem_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!exists.rowCount) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      if (keep) return;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
