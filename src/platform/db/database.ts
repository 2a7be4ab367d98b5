import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Logger } from '../logging/logger.js';

/** A drizzle handle inside a transaction. Repositories take one; they never open their own. */
export type Tx = PgDatabase<PgQueryResultHKT>;

export const MIGRATIONS_FOLDER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../drizzle',
);
/** The role every organisation-scoped transaction runs as; row-level security applies to it. */
export const APP_ROLE = 'tandem_app';

/**
 * How the job queue (pg-boss) reaches this database: the same connection string, or, on embedded
 * PGlite, an executor over the one client (PGlite has a single session: a second connection would
 * wait for every open transaction).
 */
export type JobsConnection =
  | { connectionString: string; max?: number }
  | { db: { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } };

/** Work to do once a transaction has committed (see {@link Database.afterCommit}). */
type AfterCommit = () => Promise<void>;

export interface DatabaseOptions {
  /** node-postgres connection string; without it, embedded PGlite. */
  url?: string;
  /** PGlite data directory; `memory` keeps everything in memory (tests). */
  dataDir: string | 'memory';
  poolMax: number;
  logger: Logger;
}

/**
 * Tandem's database. The same drizzle code and migrations run on PostgreSQL (node-postgres) and on
 * embedded PGlite. Work happens in transactions:
 * - {@link scoped}: as the `tandem_app` role with `app.org_id` set, so row-level security confines
 *   every statement to one organisation even if a WHERE clause is forgotten;
 * - {@link system}: as the owner, for the few cross-organisation steps (finding the organisation
 *   of a tenant, provisioning one).
 */
export class Database {
  /** The after-commit work of the transaction running in this async context. */
  private readonly afterCommits = new AsyncLocalStorage<AfterCommit[]>();

  private constructor(
    readonly driver: 'postgres' | 'pglite',
    private readonly orm: Tx,
    private readonly closeClient: () => Promise<void>,
    /** See {@link JobsConnection}. */
    readonly jobs: JobsConnection,
    private readonly logger: Logger,
  ) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    if (options.url) {
      const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax });
      pool.on('error', (err) => options.logger.error({ err }, 'idle database connection failed'));
      return new Database(
        'postgres',
        drizzleNodePg(pool) as unknown as Tx,
        () => pool.end(),
        { connectionString: options.url, max: Math.max(2, Math.min(4, options.poolMax)) },
        options.logger,
      );
    }
    if (options.dataDir !== 'memory') mkdirSync(options.dataDir, { recursive: true });
    const client = options.dataDir === 'memory' ? new PGlite() : new PGlite(options.dataDir);
    await client.waitReady;
    return new Database(
      'pglite',
      drizzlePglite(client) as unknown as Tx,
      () => client.close(),
      { db: { executeSql: (text, values) => pgliteExecute(client, text, values) } },
      options.logger,
    );
  }

  /** Applies the committed SQL migrations in `drizzle/` (idempotent). */
  async migrate(): Promise<void> {
    const config = { migrationsFolder: MIGRATIONS_FOLDER };
    if (this.driver === 'postgres') await migrateNodePg(this.orm as never, config);
    else await migratePglite(this.orm as never, config);
  }

  /** Runs `fn` in a transaction confined to one organisation by row-level security. */
  scoped<T>(orgId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.committing(() =>
      this.orm.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('app.org_id', ${orgId}, true), set_config('role', ${APP_ROLE}, true)`,
        );
        return fn(tx as unknown as Tx);
      }),
    );
  }

  /** Runs `fn` in a transaction as the schema owner: only for cross-organisation steps. */
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.committing(() => this.orm.transaction(async (tx) => fn(tx as unknown as Tx)));
  }

  /**
   * Runs `work` once the transaction of the current {@link scoped} or {@link system} call has
   * committed (savepoints and writes in a caller's transaction included), before that call resolves;
   * never if it rolls back. A failure of `work` is logged, never thrown: the transaction is done.
   * Inside a transaction only; work registered in a savepoint that rolls back still runs.
   */
  afterCommit(work: AfterCommit): void {
    const pending = this.afterCommits.getStore();
    if (!pending) throw new Error('afterCommit outside a transaction');
    pending.push(work);
  }

  /**
   * A transaction with its after-commit work. Nested in another (a second transaction opened
   * inside one), the work waits for the outer one: on PGlite nothing else runs while it is open.
   */
  private async committing<T>(transaction: () => Promise<T>): Promise<T> {
    const pending: AfterCommit[] = [];
    const result = await this.afterCommits.run(pending, transaction);
    const outer = this.afterCommits.getStore();
    if (outer) outer.push(...pending);
    else
      for (const work of pending)
        await work().catch((err: unknown) => this.logger.error({ err }, 'after-commit work failed'));
    return result;
  }

  async ping(): Promise<void> {
    await this.orm.execute(sql`select 1`);
  }

  /** True when every migration in `drizzle/meta/_journal.json` is recorded as applied. */
  async migrationsApplied(): Promise<boolean> {
    const expected = committedMigrations();
    const exists = await this.rows<{ t: string | null }>(
      sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`,
    );
    if (!exists[0]?.t) return false;
    const applied = await this.rows<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    return (applied[0]?.n ?? 0) >= expected;
  }

  private async rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    return rowsOf<T>(await this.orm.execute(query));
  }

  async close(): Promise<void> {
    await this.closeClient();
  }
}

let migrationCount: number | undefined;
/** How many migrations are committed in `drizzle/` (read once). */
function committedMigrations(): number {
  migrationCount ??= (
    JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
      entries: unknown[];
    }
  ).entries.length;
  return migrationCount;
}

/** One pg-boss statement on PGlite: parameterised as one query, or a multi-statement script (its migrations). */
async function pgliteExecute(client: PGlite, text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
  if (values?.length) return client.query(text, values);
  const results = await client.exec(text);
  return results[results.length - 1] ?? { rows: [] };
}

/** Rows of a raw `execute` result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
