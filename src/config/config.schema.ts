import { z } from 'zod';

/**
 * Every setting Tandem reads, in one schema. `src/config/` is the only code that reads
 * `process.env`; everything else receives a validated {@link Config}.
 *
 * Each entry carries its documentation (the README's configuration table is generated from it)
 * and whether production requires it. No secret has a default.
 */
export interface SettingDoc {
  description: string;
  /** Must be set when NODE_ENV=production. */
  requiredInProduction?: boolean;
  /** A secret: never logged, never defaulted; set it in env/.env.*.user as SECRET_… or in Key Vault. */
  secret?: boolean;
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID')
  .transform((s) => s.toLowerCase());
const httpUrl = z.url({ protocol: /^https?$/ });

/** `keyId:base64` entries, each key exactly 32 bytes, ids unique. */
function isTokenCacheKeyList(raw: string): boolean {
  const entries = raw.split(',').map((e) => e.trim().split(':'));
  const ids = entries.map(([id]) => id);
  return (
    new Set(ids).size === ids.length &&
    entries.every(
      ([id, key, ...rest]) =>
        rest.length === 0 &&
        /^[A-Za-z0-9._-]{1,64}$/.test(id ?? '') &&
        /^[A-Za-z0-9+/]+={0,2}$/.test(key ?? '') &&
        Buffer.from(key ?? '', 'base64').length === 32,
    )
  );
}

export const settings = {
  NODE_ENV: {
    schema: z.enum(['development', 'test', 'production']).default('development'),
    doc: {
      description: 'Run mode. `production` enforces the production checks (required settings, HTTPS JWKS).',
    },
  },
  TANDEM_ENV: {
    schema: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    doc: {
      description:
        'Which `env/.env.<name>` file (and its `.user` companion) to load; defaults to `local` outside production, none in production.',
    },
  },
  HOST: {
    schema: z.string().min(1).optional(),
    doc: { description: 'Interface to listen on. Default `127.0.0.1`, or `0.0.0.0` in production.' },
  },
  PORT: { schema: port.default(3978), doc: { description: 'HTTP port of the web server.' } },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: { description: 'pino log level.' },
  },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    doc: {
      description:
        'PostgreSQL connection string. Unset: embedded PGlite with its files under `DATA_DIR` (in memory for tests).',
      requiredInProduction: true,
      secret: true,
    },
  },
  DATABASE_POOL_MAX: {
    schema: positiveInt.max(100).default(10),
    doc: { description: 'Connections in the node-postgres pool.' },
  },
  DATA_DIR: {
    schema: z.string().min(1).default('.data'),
    doc: { description: 'Folder for local state (PGlite files, sandbox certificates).' },
  },
  AUTH_CLIENT_ID: {
    schema: guid.optional(),
    doc: {
      description: "Tandem's Entra app registration (client) id: the audience of tab and API tokens.",
      requiredInProduction: true,
    },
  },
  AUTH_APP_ID_URI: {
    schema: z
      .string()
      .regex(/^api:\/\/.+/, 'must start with api://')
      .optional(),
    doc: {
      description:
        'App ID URI (`api://<domain>/<client id>`), also accepted as audience (v1 tokens). Must end with the client id.',
    },
  },
  AUTH_CLIENT_SECRET: {
    schema: z.string().min(1).optional(),
    doc: {
      description:
        'Client secret of the app registration, for on-behalf-of and app-only Graph tokens. The sandbox supplies its own.',
      requiredInProduction: true,
      secret: true,
    },
  },
  TOKEN_CACHE_KEYS: {
    schema: z
      .string()
      .refine(isTokenCacheKeyList, 'must be keyId:base64(32 bytes)[,keyId:base64(32 bytes)…]')
      .optional(),
    doc: {
      description:
        'AES-256-GCM keys of the persisted token cache, `keyId:base64(32 bytes)` comma-separated: the first encrypts, the others still decrypt (rotation). The sandbox generates one per process when unset.',
      requiredInProduction: true,
      secret: true,
    },
  },
  AUTH_AUTHORITY_HOST: {
    schema: httpUrl.default('https://login.microsoftonline.com'),
    doc: { description: 'Entra authority host; v2 issuers are `<host>/<tid>/v2.0`.' },
  },
  AUTH_V1_ISSUER_HOST: {
    schema: httpUrl.default('https://sts.windows.net'),
    doc: { description: 'Host of v1 token issuers (`<host>/<tid>/`).' },
  },
  AUTH_JWKS_URL: {
    schema: httpUrl.default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
    doc: { description: 'Where token signing keys are published. Must be HTTPS in production.' },
  },
  AUTH_CA_FILE: {
    schema: z.string().min(1).optional(),
    doc: {
      description:
        'Extra CA certificate (PEM) trusted by Tandem’s own HTTP clients, e.g. the sandbox’s local CA.',
    },
  },
  AUTH_CLOCK_SKEW_SECONDS: {
    schema: z.coerce.number().int().min(0).max(600).default(300),
    doc: { description: 'Tolerance on token exp/nbf.' },
  },
  SANDBOX: {
    schema: z.enum(['auto', 'on', 'off']).default('auto'),
    doc: {
      description:
        'Run the local Microsoft 365 sandbox in-process. `auto`: on in development when AUTH_AUTHORITY_HOST is on localhost.',
    },
  },
  SANDBOX_HOST: {
    schema: z.enum(['localhost', '127.0.0.1', '::1']).default('localhost'),
    doc: { description: 'Loopback address of the sandbox (it refuses any other).' },
  },
  SANDBOX_PORT: { schema: port.default(3979), doc: { description: 'HTTPS port of the sandbox.' } },
  SANDBOX_SEED: {
    schema: z.coerce.number().int().default(42),
    doc: { description: 'Seed of the sandbox tenants (same seed, same users, contacts, events and tasks).' },
  },
  SANDBOX_CONTACTS_PER_USER: {
    schema: z.coerce.number().int().min(0).max(50_000).default(25),
    doc: { description: 'Seeded contacts per mailbox (benchmarks raise it).' },
  },
  BOT_ID: {
    schema: guid.optional(),
    doc: {
      description:
        'Azure Bot (Microsoft App) id: the audience of Bot Framework tokens. Unset: anonymous bot, allowed only on loopback outside production (Agents Playground).',
      requiredInProduction: true,
    },
  },
  BOT_PASSWORD: {
    schema: z.string().min(1).optional(),
    doc: {
      description: 'Client secret of the bot app registration (not needed with `BOT_TYPE=UserAssignedMSI`).',
      secret: true,
    },
  },
  BOT_TYPE: {
    schema: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
    doc: { description: 'Azure Bot app type (new registrations are SingleTenant or UserAssignedMSI).' },
  },
  BOT_TENANT_ID: {
    schema: guid.optional(),
    doc: { description: 'Home tenant of the bot app registration (SingleTenant and UserAssignedMSI).' },
  },
  BOT_OPENID_METADATA_URL: {
    schema: httpUrl.default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
    doc: {
      description:
        'OpenID metadata of the Bot Connector (its JWKS signs inbound activities). Must be HTTPS in production; tests point it at a local key server.',
    },
  },
  BOT_TOKEN_ISSUER: {
    schema: httpUrl.default('https://api.botframework.com'),
    doc: { description: 'The only accepted issuer of inbound Bot Framework tokens (channel path).' },
  },
  TEAMS_APP_ID: {
    schema: guid.optional(),
    doc: {
      description:
        'Teams app (manifest) id, used in deep links to the tabs; defaults to BOT_ID, then AUTH_CLIENT_ID.',
    },
  },
  PUBLIC_URL: {
    schema: httpUrl.optional(),
    doc: {
      description:
        'Public base URL of Tandem (links in mails, Graph notification URLs); set it in every deployment. Default `http://localhost:<PORT>`.',
    },
  },
  INVITATION_TTL_DAYS: {
    schema: positiveInt.max(90).default(14),
    doc: { description: 'Days an invitation to join an organisation stays valid.' },
  },
  SYNC_BACKSTOP_SECONDS: {
    schema: positiveInt.min(60).max(86_400).default(900),
    doc: {
      description:
        'Periodic delta run of every enabled sync module, whatever the change notifications said (the backstop).',
    },
  },
  SYNC_GRAPH_REQUESTS_PER_10_MINUTES: {
    schema: positiveInt.min(100).max(10_000_000).default(9000),
    doc: {
      description:
        "Tandem's own request budget per mailbox per 10 minutes (plus a burst of 500), kept under Graph's Outlook limit of 10,000 per app and mailbox. Benchmarks raise it with the sandbox's time scale.",
    },
  },
  SYNC_PAGE_SIZE: {
    schema: positiveInt.min(10).max(1000).default(1000),
    doc: {
      description:
        'Items per page asked of Graph for delta rounds and lists (`Prefer: odata.maxpagesize`; Graph may answer smaller pages). Smaller pages: more requests, less memory per page.',
    },
  },
  SYNC_UPKEEP_SECONDS: {
    schema: positiveInt.max(86_400).default(3600),
    doc: {
      description:
        'How often a sync run also checks the module\'s fixed set-up in Office 365 (contacts: Tandem\'s seven master categories, a renamed one restored). The first run and "sync now" always check; other runs in between send only their delta.',
    },
  },
  SYNC_SCAN_SECONDS: {
    schema: positiveInt.max(300).default(2),
    doc: {
      description:
        'How often the sync looks for due work: CRM changes waiting in the outbox, retries after backoff, expired leases.',
    },
  },
  SYNC_LEASE_SECONDS: {
    schema: positiveInt.min(30).max(3_600).default(300),
    doc: {
      description:
        'Lease of a running sync (renewed while it runs); an expired lease is freed by the reaper.',
    },
  },
  SYNC_WORKERS: {
    schema: positiveInt.max(32).default(4),
    doc: { description: 'Sync runs processed at once by this process.' },
  },
  SYNC_MASS_DELETE_MIN: {
    schema: positiveInt.default(10),
    doc: {
      description:
        'Mass-deletion breaker: a run pauses and asks the user before deleting more than max(this, SYNC_MASS_DELETE_PERCENT of the linked items).',
    },
  },
  SYNC_MASS_DELETE_PERCENT: {
    schema: positiveInt.max(100).default(20),
    doc: { description: 'Mass-deletion breaker: share of the linked items (see SYNC_MASS_DELETE_MIN).' },
  },
  HTTP_BODY_LIMIT_BYTES: {
    schema: positiveInt.max(10 * 1024 * 1024).default(256 * 1024),
    doc: { description: 'Largest accepted request body; larger gets 413.' },
  },
  SHUTDOWN_TIMEOUT_MS: {
    schema: positiveInt.default(10_000),
    doc: { description: 'How long SIGTERM waits for in-flight requests before closing connections.' },
  },
} satisfies Record<string, { schema: z.ZodType; doc: SettingDoc }>;

export type SettingName = keyof typeof settings;

type Shape = { [K in SettingName]: (typeof settings)[K]['schema'] };
const shape = Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v.schema])) as Shape;

/** The raw environment schema. Unknown variables (Teams Toolkit writes many) are ignored. */
export const envSchema = z.object(shape);
export type Env = z.infer<typeof envSchema>;
