import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { startTandem, type RunningTandem } from '../../src/app/tandem.js';
import { parseConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import type { BuiltInProfileKey } from '../../src/tenancy/permissions.js';
import { testContext } from './context.js';
import {
  AUTHORITY_HOST,
  TEST_APP_ID_URI,
  TEST_CLIENT_ID,
  V1_ISSUER_HOST,
  type TestIdentity,
} from './test-identity.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is (invalid JSON, oversized…). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface Member {
  userId: string;
  objectId: string;
  upn: string;
  token: string;
}

export interface TestOrg {
  orgId: string;
  tenantId: string;
  name: string;
  admin: Member;
  addMember(profile?: BuiltInProfileKey): Promise<Member>;
}

/** Tandem started in-process on port 0 against the run's database, with its logs captured. */
export class TestApp {
  readonly logs: string[] = [];

  private constructor(
    readonly tandem: RunningTandem,
    readonly identity: TestIdentity,
    logs: string[],
  ) {
    this.logs = logs;
  }

  /** `ownDatabase`: a fresh in-memory database (closed on stop) instead of the run's shared one. */
  static async start(
    env: Record<string, string> = {},
    options: { ownDatabase?: boolean; now?: () => Date } = {},
  ): Promise<TestApp> {
    const { database, identity } = await testContext();
    const logs: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const config = parseConfig({
      NODE_ENV: 'test',
      SANDBOX: 'off',
      PORT: '0',
      LOG_LEVEL: 'info',
      AUTH_CLIENT_ID: TEST_CLIENT_ID,
      AUTH_APP_ID_URI: TEST_APP_ID_URI,
      AUTH_AUTHORITY_HOST: AUTHORITY_HOST,
      AUTH_V1_ISSUER_HOST: V1_ISSUER_HOST,
      AUTH_JWKS_URL: identity.jwksUrl,
      ...env,
    });
    const tandem = await startTandem(config, createLogger({ level: config.log.level, destination }), {
      ...(options.ownDatabase ? {} : { db: database.db }),
      now: options.now,
    });
    return new TestApp(tandem, identity, logs);
  }

  get url(): string {
    return this.tandem.url;
  }

  async request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text && /json/.test(res.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  /** A new organisation with its Administrator, on a fresh tenant. */
  async createOrg(name = `Org ${randomUUID().slice(0, 8)}`): Promise<TestOrg> {
    const tenantId = randomUUID();
    const adminOid = randomUUID();
    const upn = `admin@${tenantId.slice(0, 8)}.example.com`;
    const { organisation, admin } = await this.tandem.container.tenancy.provisionOrganisation({
      tenantId,
      name,
      admin: { objectId: adminOid, userPrincipalName: upn, displayName: 'Ada Admin' },
    });
    const memberOf = async (userId: string, oid: string, memberUpn: string): Promise<Member> => ({
      userId,
      objectId: oid,
      upn: memberUpn,
      token: await this.identity.token({ tid: tenantId, oid, upn: memberUpn }),
    });
    let n = 0;
    return {
      orgId: organisation.id,
      tenantId,
      name,
      admin: await memberOf(admin.id, adminOid, upn),
      addMember: async (profile: BuiltInProfileKey = 'standard') => {
        const oid = randomUUID();
        const memberUpn = `user${++n}@${tenantId.slice(0, 8)}.example.com`;
        const user = await this.tandem.container.tenancy.addMember(organisation.id, {
          objectId: oid,
          userPrincipalName: memberUpn,
          displayName: `User ${n}`,
          profileKey: profile,
        });
        return memberOf(user.id, oid, memberUpn);
      },
    };
  }

  stop(): Promise<void> {
    return this.tandem.stop();
  }
}
