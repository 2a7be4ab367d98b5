import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuiltInProfileKey } from '../../src/tenancy/permissions.js';
import { TestApp } from './test-app.js';
import { startTestSandbox, type TestSandbox } from './test-sandbox.js';
import type { SeedOptions } from '../../src/sandbox/seed/seed-data.js';

export interface SandboxUser {
  id: string;
  userPrincipalName: string;
  isAdministrator: boolean;
}

export interface SandboxedMember extends SandboxUser {
  orgId: string;
  userId: string;
  /** A Tandem API token (audience Tandem, scope access_as_user) issued by the sandbox authority. */
  token: string;
}

/**
 * Tandem started in-process against a test sandbox, wired as `npm start` wires it: the sandbox is
 * the authority (JWKS, OBO, client credentials) and Graph; the token broker has a cache key.
 */
export class SandboxedTandem {
  private constructor(
    readonly sandbox: TestSandbox,
    readonly app: TestApp,
  ) {}

  static async start(
    options: {
      seed?: SeedOptions;
      env?: Record<string, string>;
      ownDatabase?: boolean;
      /** The sync engine's clock (the system's when absent). */
      now?: () => Date;
    } = {},
  ): Promise<SandboxedTandem> {
    const sandbox = await startTestSandbox(options.seed ?? {});
    const caFile = path.join(mkdtempSync(path.join(tmpdir(), 'tandem-sbx-')), 'sandbox-ca.pem');
    writeFileSync(caFile, sandbox.sandbox.caPem);
    const app = await TestApp.start(
      {
        AUTH_AUTHORITY_HOST: sandbox.url,
        AUTH_V1_ISSUER_HOST: sandbox.url,
        AUTH_JWKS_URL: `${sandbox.url}/common/discovery/v2.0/keys`,
        AUTH_CA_FILE: caFile,
        SECRET_AUTH_CLIENT_SECRET: sandbox.sandbox.tandemClientSecret,
        SECRET_TOKEN_CACHE_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        ...options.env,
      },
      { ownDatabase: options.ownDatabase, now: options.now },
    );
    return new SandboxedTandem(sandbox, app);
  }

  /** Seeded tenant `i` (0 = Contoso, 1 = Fabrikam). */
  tenant(i = 0) {
    return this.sandbox.tenants[i]!;
  }

  user(upnPrefix: string, tenantIndex = 0): SandboxUser {
    const u = this.tenant(tenantIndex).users.find((x) =>
      x.userPrincipalName.toLowerCase().startsWith(upnPrefix.toLowerCase()),
    );
    if (!u) throw new Error(`no seeded user ${upnPrefix} in tenant ${tenantIndex}`);
    return u;
  }

  /** Tandem API token for a seeded user, as Teams SSO would give the tab. */
  apiToken(userPrincipalName: string): Promise<string> {
    return this.sandbox.token(userPrincipalName, 'tandem');
  }

  /** Creates the tenant's organisation with `admin` as Administrator (the first user). */
  async provision(admin: SandboxUser, tenantIndex = 0): Promise<SandboxedMember> {
    const tenant = this.tenant(tenantIndex);
    const { organisation, admin: row } = await this.app.tandem.container.tenancy.provisionOrganisation({
      tenantId: tenant.id,
      name: tenant.displayName,
      admin: {
        objectId: admin.id,
        userPrincipalName: admin.userPrincipalName,
        displayName: admin.userPrincipalName,
      },
    });
    return {
      ...admin,
      orgId: organisation.id,
      userId: row.id,
      token: await this.apiToken(admin.userPrincipalName),
    };
  }

  async addMember(
    orgId: string,
    user: SandboxUser,
    profile: BuiltInProfileKey = 'standard',
  ): Promise<SandboxedMember> {
    const row = await this.app.tandem.container.tenancy.addMember(orgId, {
      objectId: user.id,
      userPrincipalName: user.userPrincipalName,
      displayName: user.userPrincipalName,
      profileKey: profile,
    });
    return { ...user, orgId, userId: row.id, token: await this.apiToken(user.userPrincipalName) };
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    await this.sandbox?.stop();
  }
}
