import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';
import { MsalNetworkClient } from '../../src/auth/msal-network-client.js';
import { trustExtraCa } from '../../src/platform/http/trust.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/sandbox.js';
import type { SeedOptions } from '../../src/sandbox/seed/seed-data.js';
import { TEST_APP_ID_URI, TEST_CLIENT_ID } from './test-identity.js';

export interface TestSandbox {
  sandbox: RunningSandbox;
  url: string;
  /** Tenants and users as seeded. */
  tenants: {
    id: string;
    displayName: string;
    users: { id: string; userPrincipalName: string; isAdministrator: boolean }[];
  }[];
  token(userPrincipalName: string, audience: 'graph' | 'tandem', scopes?: string[]): Promise<string>;
  /** The official Graph client, authenticated with `token`, pointed at the sandbox. */
  graph(token: string): Client;
  /** Tandem's confidential client in a tenant, as production builds it (knownAuthorities, CA by config). */
  msal(tenantId: string, secret?: string): ConfidentialClientApplication;
  stop(): Promise<void>;
}

/** An ephemeral sandbox on a free port, trusted by this process's fetch through configuration. */
export async function startTestSandbox(
  seed: SeedOptions = {},
  options: Pick<SandboxOptions, 'subscriptions'> = {},
): Promise<TestSandbox> {
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    dataDir: path.join(tmpdir(), 'tandem-test-sandbox'),
    ephemeral: true,
    tandemApp: { clientId: TEST_CLIENT_ID, appIdUri: TEST_APP_ID_URI },
    seed,
    logger: createLogger({ level: 'silent' }),
    ...options,
  });
  trustExtraCa(sandbox.caPem);
  const users = (await (await fetch(`${sandbox.url}/_sandbox/users`)).json()) as {
    tenants: TestSandbox['tenants'];
  };
  const network = new MsalNetworkClient(sandbox.caPem);
  return {
    sandbox,
    url: sandbox.url,
    tenants: users.tenants,
    token: async (userPrincipalName, audience, scopes) => {
      const res = await fetch(`${sandbox.url}/_sandbox/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userPrincipalName, audience, ...(scopes ? { scopes } : {}) }),
      });
      if (!res.ok) throw new Error(`token tool answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { access_token: string }).access_token;
    },
    graph: (token) =>
      Client.init({
        authProvider: (done) => done(null, token),
        baseUrl: `${sandbox.url}/`,
        customHosts: new Set([new URL(sandbox.url).hostname]),
      }),
    msal: (tenantId, secret = sandbox.tandemClientSecret) =>
      new ConfidentialClientApplication({
        auth: {
          clientId: TEST_CLIENT_ID,
          clientSecret: secret,
          authority: `${sandbox.url}/${tenantId}`,
          knownAuthorities: [new URL(sandbox.url).host],
        },
        system: { networkClient: network },
      }),
    stop: () => sandbox.stop(),
  };
}
