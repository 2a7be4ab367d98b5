import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Database } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logging/logger.js';

/**
 * The database of this test run: embedded PGlite in memory by default; with DATABASE_URL, a fresh
 * PostgreSQL database created for the run (so runs never see each other's rows) and dropped after.
 */
export interface TestDatabase {
  db: Database;
  /** Connection string of the run's own database (PostgreSQL only). */
  url?: string;
  dispose(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const logger = createLogger({ level: 'silent' });
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const db = await Database.open({ dataDir: 'memory', poolMax: 1, logger });
    await db.migrate();
    return { db, dispose: () => db.close() };
  }
  const name = `tandem_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await Database.open({ url: url.toString(), dataDir: 'memory', poolMax: 10, logger });
  await db.migrate();
  return {
    db,
    url: url.toString(),
    dispose: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
