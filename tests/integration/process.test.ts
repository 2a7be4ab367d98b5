import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../src/config/load-config.js';
import { Database } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { TenancyService } from '../../src/tenancy/tenancy.service.js';
import { OrganisationRepository } from '../../src/tenancy/organisation.repo.js';
import { MemberRepository } from '../../src/tenancy/member.repo.js';
import { testContext } from '../support/context.js';
import { AUTHORITY_HOST, TEST_CLIENT_ID } from '../support/test-identity.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * Node itself with tsx as a loader, not the tsx CLI: the CLI relays a signal to its child and, when
 * the child does not acknowledge it within 30 ms (a loaded machine), kills it and exits 143.
 */
const NODE_TSX = [process.execPath, ['--import', 'tsx', 'src/index.ts']] as const;

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Runs `src/index.ts` as `npm start` does, with the given environment, until it listens. */
function startProcess(env: Record<string, string>): Promise<Started> {
  const child = spawn(NODE_TSX[0], [...NODE_TSX[1]], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += String(chunk);
      const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('The Tandem process', function () {
  this.timeout(90_000);
  let dataDir: string;

  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a contact created through the API across a graceful restart', async () => {
    const { identity, database } = await testContext();
    const env: Record<string, string> = {
      NODE_ENV: 'development',
      TANDEM_ENV: 'none',
      PORT: '0',
      DATA_DIR: dataDir,
      AUTH_CLIENT_ID: TEST_CLIENT_ID,
      AUTH_AUTHORITY_HOST: AUTHORITY_HOST,
      AUTH_JWKS_URL: identity.jwksUrl,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    };
    const tenantId = randomUUID();
    const oid = randomUUID();
    // Provision the organisation through the service, on the store the process will use.
    const logger = createLogger({ level: 'silent' });
    const store = database.url
      ? database.db
      : await Database.open({ dataDir: path.join(dataDir, 'pglite'), poolMax: 1, logger });
    if (!database.url) await store.migrate();
    await new TenancyService(
      store,
      new OrganisationRepository(),
      new MemberRepository(),
    ).provisionOrganisation({
      tenantId,
      name: 'Restart Ltd',
      admin: { objectId: oid, userPrincipalName: 'ada@restart.example', displayName: 'Ada' },
    });
    if (!database.url) await store.close();

    const running = await startProcess(env);
    const token = await identity.token({ tid: tenantId, oid });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const ready = await fetch(`${running.url}/readyz`);
    assert.equal(ready.status, 200);
    const created = await fetch(`${running.url}/api/v1/contacts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ firstName: 'Persistent', lastName: 'Contact' }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { id } = (await created.json()) as { id: string };

    running.child.kill('SIGTERM');
    assert.equal(await exitOf(running.child), 0, 'SIGTERM exits cleanly');
    assert.match(running.output(), /Tandem stopped/);

    const again = await startProcess(env);
    try {
      const read = await fetch(`${again.url}/api/v1/contacts/${id}`, { headers: auth });
      assert.equal(read.status, 200);
      assert.equal(((await read.json()) as { lastName: string }).lastName, 'Contact');
    } finally {
      again.child.kill('SIGTERM');
      await exitOf(again.child);
    }
  });

  it('refuses to start in production with one message naming every missing setting', async () => {
    const child = spawn(NODE_TSX[0], [...NODE_TSX[1]], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => (err += String(c)));
    const code = await exitOf(child);
    assert.equal(code, 78);
    assert.match(err, /DATABASE_URL is required in production/);
    assert.match(err, /AUTH_CLIENT_ID is required in production/);
    assert.equal(err.match(/Tandem cannot start/g)?.length, 1);
  });

  it('production accepts a complete configuration', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://tandem@db.example/tandem',
      AUTH_CLIENT_ID: TEST_CLIENT_ID,
      AUTH_CLIENT_SECRET: 'from-key-vault',
      TOKEN_CACHE_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      BOT_ID: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      BOT_TENANT_ID: '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8',
      SECRET_BOT_PASSWORD: 'from-key-vault',
    });
    assert.equal(config.http.host, '0.0.0.0');
    assert.equal(
      config.bot.openIdMetadataUrl,
      'https://login.botframework.com/v1/.well-known/openidconfiguration',
    );
    assert.equal(config.auth.jwksUrl, 'https://login.microsoftonline.com/common/discovery/v2.0/keys');
  });
});
