import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { isIP } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../platform/logging/logger.js';
import { authorityRouter } from './entra/authority.routes.js';
import { loadSigningKey } from './entra/signing-key.js';
import { TokenGrants } from './entra/token-grants.js';
import { TokenIssuer } from './entra/token-issuer.js';
import { GraphDispatcher } from './graph/graph-dispatcher.js';
import { graphHttpRouter } from './graph/graph-http.js';
import { GraphRouteTable } from './graph/graph-route.js';
import { MailboxMetrics } from './graph/mailbox-metrics.js';
import { graphRoutes } from './graph/routes.js';
import { subscriptionRoutes } from './graph/subscriptions.routes.js';
import { HostileMode } from './hostile/hostile-mode.js';
import { SubscriptionService, type SubscriptionServiceOptions } from './graph/subscriptions-service.js';
import { seedTenants, type SeedOptions } from './seed/seed-data.js';
import { seedSeriesChanges } from './seed/seed-series-changes.js';
import { buildState } from './store/build-state.js';
import type { AppRegistration } from './store/model.js';
import { SandboxStore } from './store/sandbox-store.js';
import { ensureCertificates } from './tls/certificates.js';
import { hostileToolsRouter } from './tools/hostile-tools.routes.js';
import { mailToolsRouter } from './tools/mail-tools.routes.js';
import { outlookToolsRouter } from './tools/outlook-tools.routes.js';
import { subscriptionToolsRouter } from './tools/subscription-tools.routes.js';
import { teamsToolsRouter } from './tools/teams-tools.routes.js';
import { todoToolsRouter } from './tools/todo-tools.routes.js';
import { toolsRouter, loopbackOnly } from './tools/tools.routes.js';

export interface SandboxOptions {
  /** Default 3979; 0 picks a free port (tests). */
  port: number;
  /** Loopback only: `localhost` (both 127.0.0.1 and ::1), `127.0.0.1` or `::1`. Anything else is refused. */
  host?: string;
  /** Where certificates, the signing key, the app secret and the mailboxes are kept; tests use a temp dir. */
  dataDir: string;
  /** Keep mailboxes in memory only (tests): nothing is written but the certificates. */
  ephemeral?: boolean;
  tandemApp: { clientId: string; appIdUri?: string; displayName?: string };
  seed?: SeedOptions;
  logger: Logger;
  /** Change-notification timings (validation 10 s, delivery 3 s, coalescing, retries); tests scale them down. */
  subscriptions?: Omit<SubscriptionServiceOptions, 'logger'>;
}

export interface RunningSandbox {
  url: string;
  caPem: string;
  caPath: string;
  /** Tandem's client secret in the sandbox tenant (generated once, kept in the data dir). */
  tandemClientSecret: string;
  store: SandboxStore;
  issuer: TokenIssuer;
  metrics: MailboxMetrics;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/** The sandbox as configured for `npm start` and `npm run sandbox` (needs AUTH_CLIENT_ID, set by env/.env.local). */
export function startConfiguredSandbox(config: Config, logger: Logger): Promise<RunningSandbox> {
  if (!config.auth.clientId) throw new Error('The sandbox needs AUTH_CLIENT_ID (env/.env.local sets it).');
  return startSandbox({
    port: config.sandbox.port,
    host: config.sandbox.host,
    dataDir: config.database.dataDir,
    tandemApp: { clientId: config.auth.clientId, appIdUri: config.auth.appIdUri },
    seed: { seed: config.sandbox.seed, contactsPerUser: config.sandbox.contactsPerUser },
    logger,
  });
}

/**
 * Starts the Microsoft 365 sandbox: HTTPS on loopback with a locally generated CA, an Entra
 * authority per tenant, Graph v1.0 for what Tandem uses, and the `/_sandbox` tools.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const host = options.host ?? 'localhost';
  if (!LOOPBACK.has(host)) {
    throw new Error(`The sandbox listens on loopback only (localhost, 127.0.0.1, ::1), not on ${host}.`);
  }
  const dir = path.join(options.dataDir, 'sandbox');
  const certs = await ensureCertificates(path.join(dir, 'tls'));
  const key = await loadSigningKey(options.ephemeral ? undefined : dir);
  const tandemClientSecret = loadOrCreateSecret(
    options.ephemeral ? undefined : path.join(dir, 'tandem-client-secret'),
  );
  const clientId = options.tandemApp.clientId.toLowerCase();
  const apps = new Map<string, AppRegistration>([
    [
      clientId,
      {
        clientId,
        displayName: options.tandemApp.displayName ?? 'Tandem',
        secrets: [tandemClientSecret],
        redirectUris: [],
        identifierUris: options.tandemApp.appIdUri ? [options.tandemApp.appIdUri] : [`api://${clientId}`],
      },
    ],
  ]);
  const build = (seed: SeedOptions = options.seed ?? {}) => buildState(seedTenants(seed), [clientId]);
  const store = options.ephemeral
    ? new SandboxStore(build())
    : SandboxStore.load(path.join(dir, 'state.json'), () => build());

  let baseUrl = '';
  const issuer = new TokenIssuer(() => baseUrl, key);
  const grants = new TokenGrants(store, issuer, apps);
  const metrics = new MailboxMetrics();
  const routes = new GraphRouteTable();
  const hostile = new HostileMode(metrics);
  const dispatcher = new GraphDispatcher(store, issuer, routes, metrics, () => baseUrl, hostile);
  const subscriptions = new SubscriptionService(store, { ...options.subscriptions, logger: options.logger });
  routes.add(...graphRoutes, ...subscriptionRoutes(subscriptions));
  const stopNotifying = store.onChange((change) => subscriptions.onChange(change));

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/_sandbox/subscriptions', loopbackOnly, subscriptionToolsRouter(subscriptions));
  app.use('/_sandbox/mail', loopbackOnly, mailToolsRouter(store));
  app.use('/_sandbox/teams', loopbackOnly, teamsToolsRouter(store));
  app.use('/_sandbox/todo', loopbackOnly, todoToolsRouter(store));
  app.use('/_sandbox/outlook', loopbackOnly, outlookToolsRouter(store));
  app.use(
    '/_sandbox',
    toolsRouter({
      store,
      issuer,
      grants,
      metrics,
      tandemClientId: clientId,
      reset: async (seed) => {
        store.replace(build(seed));
        hostile.reset();
        await seedSeriesChanges(dispatcher, store);
      },
      info: () => ({
        url: baseUrl,
        caPath: certs.caPath,
        authority: `${baseUrl}/{tenant-id}`,
        graph: `${baseUrl}/v1.0`,
        tandemClientId: clientId,
        tenants: Object.values(store.state.tenants).map((t) => ({
          id: t.id,
          displayName: t.displayName,
          domain: t.domain,
        })),
      }),
    }),
  );
  app.use('/_sandbox', loopbackOnly, hostileToolsRouter(hostile));
  app.use('/v1.0', graphHttpRouter(dispatcher));
  app.use(authorityRouter(store, issuer, grants));

  const servers = await listen(app, certs, host, options.port);
  const port = (servers[0]!.address() as { port: number }).port;
  baseUrl = `https://${host === '::1' ? '[::1]' : host}:${port}`;
  await seedSeriesChanges(dispatcher, store);
  options.logger.info({ url: baseUrl, caPath: certs.caPath }, 'Microsoft 365 sandbox is listening');

  return {
    url: baseUrl,
    caPem: certs.caPem,
    caPath: certs.caPath,
    tandemClientSecret,
    store,
    issuer,
    metrics,
    stop: async () => {
      stopNotifying();
      await subscriptions.stop();
      store.flush();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}

/** `localhost` listens on both loopback addresses (clients may resolve either); one port for both. */
async function listen(
  app: express.Express,
  certs: { certPem: string; keyPem: string },
  host: string,
  port: number,
) {
  const addresses = host === 'localhost' ? ['127.0.0.1', '::1'] : [host];
  const servers: https.Server[] = [];
  let chosen = port;
  for (const address of addresses) {
    const server = https.createServer({ cert: certs.certPem, key: certs.keyPem }, app);
    // Graph's front ends keep idle connections far longer than Node's 5 s default; a short server
    // timeout races clients reusing a pooled socket (ECONNRESET on a request sent as it closes).
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(chosen, address, () => resolve());
      });
    } catch (err) {
      if (servers.length && isIP(address) === 6) continue; // no IPv6 loopback on this machine
      throw err;
    }
    chosen = (server.address() as { port: number }).port;
    servers.push(server);
  }
  return servers;
}

function loadOrCreateSecret(file: string | undefined): string {
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = `sbx~${randomBytes(30).toString('base64url')}`;
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, secret, { mode: 0o600 });
  }
  return secret;
}
