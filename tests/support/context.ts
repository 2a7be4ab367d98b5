import { openTestDatabase, type TestDatabase } from './test-database.js';
import { TestIdentity } from './test-identity.js';

let database: TestDatabase | undefined;
let identity: TestIdentity | undefined;

/** The run's shared database and identity (started lazily, disposed by the root hook). */
export async function testContext(): Promise<{ database: TestDatabase; identity: TestIdentity }> {
  database ??= await openTestDatabase();
  identity ??= await TestIdentity.start();
  return { database, identity };
}

export async function disposeTestContext(): Promise<void> {
  await identity?.close();
  await database?.dispose();
  identity = undefined;
  database = undefined;
}
