import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { envSchema, settings, type Env, type SettingName } from './config.schema.js';

export interface Config {
  mode: 'development' | 'test' | 'production';
  isProduction: boolean;
  http: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    shutdownTimeoutMs: number;
    /** Public base URL without a trailing slash (mail links, notification URLs). */
    publicUrl: string;
  };
  /** Onboarding (PRODUCT §2): how long an invitation stays valid. */
  onboarding: { invitationTtlDays: number };
  log: { level: Env['LOG_LEVEL'] };
  /** The sync engine's timing and safety thresholds. */
  sync: {
    backstopSeconds: number;
    scanSeconds: number;
    /** Tandem's request budget per mailbox per 10 minutes (Graph's limit: 10,000). */
    graphRequestsPer10Minutes: number;
    /** Items per page asked of Graph (`Prefer: odata.maxpagesize`). */
    pageSize: number;
    /** How often a run also does the resource's upkeep (master categories); first and manual runs always. */
    upkeepSeconds: number;
    leaseSeconds: number;
    workers: number;
    massDelete: { min: number; percent: number };
  };
  database: { url?: string; poolMax: number; dataDir: string };
  auth: {
    clientId?: string;
    appIdUri?: string;
    clientSecret?: string;
    authorityHost: string;
    v1IssuerHost: string;
    jwksUrl: string;
    caFile?: string;
    clockSkewSeconds: number;
  };
  /** Keys of the persisted MSAL token cache, raw `keyId:base64` list (first = current). */
  tokenCache: { keys?: string };
  /** Bot Framework channel auth. `appId` unset means the anonymous sandbox bot (loopback only, never production). */
  bot: {
    appId?: string;
    password?: string;
    type: Env['BOT_TYPE'];
    tenantId?: string;
    openIdMetadataUrl: string;
    tokenIssuer: string;
    /** Teams app (manifest) id for deep links to the tabs. */
    teamsAppId?: string;
  };
  sandbox: {
    enabled: boolean;
    host: 'localhost' | '127.0.0.1' | '::1';
    port: number;
    seed: number;
    contactsPerUser: number;
  };
}

/** Thrown when settings are missing or invalid; its message names every offending setting. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Tandem cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `env/.env.<name>` then `env/.env.<name>.user`; the later file wins. Missing files are skipped. */
export function readEnvFiles(root: string, name: string): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const file of [`.env.${name}`, `.env.${name}.user`]) {
    const p = path.join(root, 'env', file);
    if (existsSync(p)) Object.assign(merged, parseEnv(readFileSync(p, 'utf8')));
  }
  return merged;
}

/**
 * Validates an environment into a {@link Config}. Pure: give it the variables to use.
 * Empty strings count as unset (Toolkit env files leave keys blank).
 */
export function parseConfig(vars: Record<string, string | undefined>): Config {
  const cleaned: Record<string, string> = Object.fromEntries(
    Object.entries(vars).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
  // Teams Toolkit convention: secrets live in env/.env.*.user as SECRET_<NAME>.
  for (const [name, def] of Object.entries(settings)) {
    const secretValue = cleaned[`SECRET_${name}`];
    if ('secret' in def.doc && def.doc.secret && cleaned[name] === undefined && secretValue !== undefined) {
      cleaned[name] = secretValue;
    }
  }
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = result.data;
  const isProduction = env.NODE_ENV === 'production';
  const problems: string[] = [];
  if (isProduction) {
    for (const [name, def] of Object.entries(settings) as [SettingName, (typeof settings)[SettingName]][]) {
      if ('requiredInProduction' in def.doc && def.doc.requiredInProduction && env[name] === undefined) {
        problems.push(`${name} is required in production: ${def.doc.description}`);
      }
    }
    if (!env.AUTH_JWKS_URL.startsWith('https://'))
      problems.push('AUTH_JWKS_URL must use https in production');
  }
  if (env.AUTH_APP_ID_URI && env.AUTH_CLIENT_ID && !env.AUTH_APP_ID_URI.endsWith(`/${env.AUTH_CLIENT_ID}`)) {
    problems.push('AUTH_APP_ID_URI must end with /<AUTH_CLIENT_ID>');
  }
  const authorityIsLocal = /^https:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(
    env.AUTH_AUTHORITY_HOST.replace(/\/+$/, ''),
  );
  const sandboxEnabled =
    env.SANDBOX === 'on' || (env.SANDBOX === 'auto' && env.NODE_ENV === 'development' && authorityIsLocal);
  if (isProduction && env.SANDBOX === 'on') problems.push('SANDBOX=on is not allowed in production');
  problems.push(...botProblems(env, isProduction));
  if (problems.length) throw new ConfigError(problems);

  return {
    mode: env.NODE_ENV,
    isProduction,
    http: {
      host: env.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1'),
      port: env.PORT,
      bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    },
    onboarding: { invitationTtlDays: env.INVITATION_TTL_DAYS },
    log: { level: env.LOG_LEVEL },
    sync: {
      backstopSeconds: env.SYNC_BACKSTOP_SECONDS,
      scanSeconds: env.SYNC_SCAN_SECONDS,
      upkeepSeconds: env.SYNC_UPKEEP_SECONDS,
      pageSize: env.SYNC_PAGE_SIZE,
      graphRequestsPer10Minutes: env.SYNC_GRAPH_REQUESTS_PER_10_MINUTES,
      leaseSeconds: env.SYNC_LEASE_SECONDS,
      workers: env.SYNC_WORKERS,
      massDelete: { min: env.SYNC_MASS_DELETE_MIN, percent: env.SYNC_MASS_DELETE_PERCENT },
    },
    database: { url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX, dataDir: env.DATA_DIR },
    auth: {
      clientId: env.AUTH_CLIENT_ID,
      appIdUri: env.AUTH_APP_ID_URI,
      clientSecret: env.AUTH_CLIENT_SECRET,
      authorityHost: env.AUTH_AUTHORITY_HOST.replace(/\/+$/, ''),
      v1IssuerHost: env.AUTH_V1_ISSUER_HOST.replace(/\/+$/, ''),
      jwksUrl: env.AUTH_JWKS_URL,
      caFile: env.AUTH_CA_FILE,
      clockSkewSeconds: env.AUTH_CLOCK_SKEW_SECONDS,
    },
    tokenCache: { keys: env.TOKEN_CACHE_KEYS },
    bot: {
      appId: env.BOT_ID,
      password: env.BOT_PASSWORD,
      type: env.BOT_TYPE,
      tenantId: env.BOT_TENANT_ID,
      openIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
      tokenIssuer: env.BOT_TOKEN_ISSUER.replace(/\/+$/, ''),
      teamsAppId: env.TEAMS_APP_ID ?? env.BOT_ID ?? env.AUTH_CLIENT_ID,
    },
    sandbox: {
      enabled: sandboxEnabled,
      host: env.SANDBOX_HOST,
      port: env.SANDBOX_PORT,
      seed: env.SANDBOX_SEED,
      contactsPerUser: env.SANDBOX_CONTACTS_PER_USER,
    },
  };
}

/** Bot auth rules: anonymous only on loopback outside production; credentials complete when an id is set. */
function botProblems(env: Env, isProduction: boolean): string[] {
  const problems: string[] = [];
  const host = env.HOST ?? '127.0.0.1';
  if (!isProduction && !env.BOT_ID && !['127.0.0.1', 'localhost', '::1'].includes(host)) {
    problems.push('BOT_ID is required unless Tandem listens on loopback (anonymous bot mode is local only)');
  }
  if (isProduction && !env.BOT_OPENID_METADATA_URL.startsWith('https://')) {
    problems.push('BOT_OPENID_METADATA_URL must use https in production');
  }
  if (isProduction && env.BOT_ID && env.BOT_TYPE !== 'UserAssignedMSI' && !env.BOT_PASSWORD) {
    problems.push('BOT_PASSWORD is required in production (SECRET_BOT_PASSWORD)');
  }
  if (env.BOT_ID && env.BOT_TYPE !== 'MultiTenant' && !env.BOT_TENANT_ID) {
    problems.push(`BOT_TENANT_ID is required with BOT_ID for BOT_TYPE=${env.BOT_TYPE}`);
  }
  return problems;
}

/**
 * The process's configuration: `process.env` over the env files of `TANDEM_ENV`
 * (default `local` outside production). The only reader of `process.env`.
 */
export function loadConfig(root = process.cwd()): Config {
  const processEnv = process.env;
  const isProduction = processEnv.NODE_ENV === 'production';
  const envName = processEnv.TANDEM_ENV || (isProduction ? undefined : 'local');
  const fromFiles = envName ? readEnvFiles(root, envName) : {};
  return parseConfig({ ...fromFiles, ...processEnv });
}

/** For entry points: the configuration, or one clear message naming every bad setting and exit 78 (EX_CONFIG). */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
}
