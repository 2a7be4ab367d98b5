import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { TokenCacheKeyRing } from '../auth/token-cache-keys.js';
import type { Config } from '../config/load-config.js';
import { Database } from '../platform/db/database.js';
import type { Logger } from '../platform/logging/logger.js';
import { trustExtraCa } from '../platform/http/trust.js';
import { startConfiguredSandbox, type RunningSandbox } from '../sandbox/sandbox.js';
import { buildContainer, type Container } from './container.js';
import { createServer } from './server.js';

export interface RunningTandem {
  url: string;
  server: http.Server;
  container: Container;
  db: Database;
  /** The in-process Microsoft 365 sandbox, when configured. */
  sandbox?: RunningSandbox;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), closes the database. */
  stop(): Promise<void>;
}

/**
 * Starts the sandbox when configured and opens the database with its migrations (both at once),
 * builds the container and listens. `options.db` lets tests share one database across servers; it
 * is then not closed by stop().
 */
export async function startTandem(
  configured: Config,
  logger: Logger,
  options: { db?: Database; now?: () => Date } = {},
): Promise<RunningTandem> {
  const [sandbox, db] = await Promise.all([
    configured.sandbox.enabled ? startSandboxFor(configured, logger) : undefined,
    options.db ?? openDatabase(configured, logger),
  ]);
  const config = sandbox ? withSandboxAuthority(configured, sandbox) : configured;
  let accepting = true;
  const listening: { url?: string } = {};
  const container = buildContainer(
    config,
    logger,
    db,
    { accepting: () => accepting },
    {
      extraCaPem: sandbox?.caPem,
      now: options.now,
      // The default PUBLIC_URL names PORT; with PORT=0 (tests) only the listening URL is reachable.
      publicUrl: () =>
        new URL(config.http.publicUrl).port === '0' && listening.url ? listening.url : config.http.publicUrl,
    },
  );
  // pg-boss checks its schema while the server starts listening; runs begin once it is ready.
  const syncStarted = container.syncEngine?.start();
  const server = http.createServer(createServer(container.serverDeps));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  logger.info({ url, database: db.driver }, 'Tandem is listening');
  listening.url = url;
  container.webhooks?.start();

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      accepting = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), config.http.shutdownTimeoutMs);
      await closed;
      clearTimeout(timer);
      await syncStarted?.catch(() => undefined);
      await container.webhooks?.stop();
      container.onboarding?.stop();
      await container.syncEngine?.stop();
      if (!options.db) await db.close();
      await sandbox?.stop();
      logger.info('Tandem stopped');
    })());
  return { url, server, container, db, sandbox, stop };
}

async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const db = await Database.open({
    url: config.database.url,
    dataDir: config.mode === 'test' ? 'memory' : path.join(config.database.dataDir, 'pglite'),
    poolMax: config.database.poolMax,
    logger,
  });
  await db.migrate();
  return db;
}

async function startSandboxFor(config: Config, logger: Logger): Promise<RunningSandbox> {
  const sandbox = await startConfiguredSandbox(config, logger);
  trustExtraCa(sandbox.caPem);
  return sandbox;
}

/**
 * Tokens come from the sandbox's authority: its URL (and port) is the source of truth, and so is
 * its client secret. Without configured cache keys, a random key per process (cache lost on restart).
 */
function withSandboxAuthority(config: Config, sandbox: RunningSandbox): Config {
  return {
    ...config,
    auth: {
      ...config.auth,
      authorityHost: sandbox.url,
      v1IssuerHost: sandbox.url,
      jwksUrl: `${sandbox.url}/common/discovery/v2.0/keys`,
      clientSecret: sandbox.tandemClientSecret,
    },
    tokenCache: {
      keys: config.tokenCache.keys ?? TokenCacheKeyRing.generateEntry(`sandbox-${Date.now()}`),
    },
  };
}
