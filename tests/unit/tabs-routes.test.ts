import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { tabsRouter } from '../../src/app/tabs.routes.js';
import { parseConfig } from '../../src/config/load-config.js';

const CLIENT_ID = '11111111-2222-4333-8444-555555555555';

async function serve(env: Record<string, string>, dist: string) {
  const app = express();
  app.use(helmet());
  app.use(tabsRouter(parseConfig({ NODE_ENV: 'test', ...env }), { dist }));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('Tabs static routes (/tabs)', () => {
  let dist: string;
  before(() => {
    dist = mkdtempSync(path.join(tmpdir(), 'tandem-tabs-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Tandem</title>');
    writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'export {};');
  });

  it('serves one HTML entry for every tab page, frameable by Teams only, scripts from self', async () => {
    const s = await serve({ AUTH_CLIENT_ID: CLIENT_ID }, dist);
    try {
      for (const page of ['sync', 'team', 'join', 'import', 'auth-end', 'consent', 'consent-end']) {
        const res = await fetch(`${s.url}/tabs/${page}`);
        assert.equal(res.status, 200, page);
        assert.match(res.headers.get('content-type') ?? '', /text\/html/);
        assert.equal(res.headers.get('x-frame-options'), null);
        const csp = res.headers.get('content-security-policy') ?? '';
        assert.match(csp, /frame-ancestors 'self' https:\/\/teams\.microsoft\.com /);
        assert.match(csp, /script-src 'self';/);
        assert.doesNotMatch(csp, /frame-ancestors[^;]*\*(?!\.)/, 'no wildcard host');
      }
      // The consent window must keep window.opener (Teams' notifySuccess); the tabs keep helmet's COOP.
      for (const page of ['consent', 'consent-end']) {
        const res = await fetch(`${s.url}/tabs/${page}`);
        assert.equal(res.headers.get('cross-origin-opener-policy'), 'unsafe-none', page);
      }
      assert.equal(
        (await fetch(`${s.url}/tabs/sync`)).headers.get('cross-origin-opener-policy'),
        'same-origin',
      );
      const asset = await fetch(`${s.url}/tabs/assets/index-abc.js`);
      assert.equal(asset.status, 200);
      assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
      assert.equal((await fetch(`${s.url}/tabs/elsewhere`)).status, 404);
    } finally {
      await s.close();
    }
  });

  it('config.json gives the SPA sign-in settings, and no secret', async () => {
    const s = await serve(
      {
        AUTH_CLIENT_ID: CLIENT_ID,
        AUTH_APP_ID_URI: `api://tandem.example/${CLIENT_ID}`,
        AUTH_AUTHORITY_HOST: 'https://localhost:3979',
      },
      dist,
    );
    try {
      const res = await fetch(`${s.url}/tabs/config.json`);
      assert.deepEqual(await res.json(), {
        clientId: CLIENT_ID,
        authority: 'https://localhost:3979/organizations',
        scope: `api://tandem.example/${CLIENT_ID}/access_as_user`,
        redirectPath: '/tabs/auth-end',
      });
    } finally {
      await s.close();
    }
  });

  it('answers 503 problems when sign-in is not configured or the tabs are not built', async () => {
    const s = await serve({}, path.join(dist, 'missing'));
    try {
      const config = await fetch(`${s.url}/tabs/config.json`);
      assert.equal(config.status, 503);
      assert.equal(((await config.json()) as { code: string }).code, 'sign_in_not_configured');
      const page = await fetch(`${s.url}/tabs/sync`);
      assert.equal(page.status, 503);
      assert.equal(((await page.json()) as { code: string }).code, 'tabs_not_built');
    } finally {
      await s.close();
    }
  });
});
