import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-artifacts');

/** Headless Debian Chromium with a fresh profile (playwright's launch() uses a new temp user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface HarnessOptions {
  /** Tab path, e.g. /tabs/sync. */
  tab: string;
  /** SSO tokens handed out in order; the last one repeats. */
  tokens?: string[];
  theme?: 'default' | 'dark' | 'contrast';
  /** Never answer the tab (teams-js would wait forever). */
  silent?: boolean;
  tid?: string;
  oid?: string;
  upn?: string;
  /** How `authentication.authenticate` (the consent window) ends; `window.harness.authenticate` can change it. */
  authenticate?: 'success' | 'failure';
}

/**
 * A Teams host stand-in, served at `<origin>/__harness` by request interception (never a product
 * route), so the host and the tab share one origin as teams-js requires. It answers `initialize`,
 * `getContext`, `authentication.getAuthToken` and `authentication.authenticate` (recorded in
 * `harness.authenticateUrls`, answered as `harness.authenticate` says), and `window.sendTheme(name)`
 * sends `themeChange`.
 */
export function harnessHtml(options: HarnessOptions): string {
  const cfg = JSON.stringify({ theme: 'default', tokens: [], silent: false, ...options }).replace(
    /</g,
    '\\u003c',
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Teams host harness</title>
<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%;display:block}</style></head>
<body><iframe id="tab" title="Tandem" src="${options.tab}"></iframe><script>
const cfg = ${cfg};
window.harness = { tokenRequests: 0, funcs: [], messages: [], authenticateUrls: [], authenticate: cfg.authenticate || 'success' };
let next = 0;
window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || typeof m.func !== 'string' || typeof m.id !== 'number') return;
  window.harness.funcs.push(m.func);
  window.harness.messages.push({ func: m.func, args: m.args });
  if (cfg.silent) return;
  const reply = (args) => e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, e.origin);
  // The tab frame is a content page; any other window (an authentication popup) is one.
  const frameContext = e.source === document.getElementById('tab').contentWindow ? 'content' : 'authentication';
  if (m.func === 'initialize') reply([frameContext, 'web', JSON.stringify({ apiVersion: 4, supports: { authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teams: { fullTrust: {} }, teamsCore: {}, dialog: { url: {}, card: {}, update: {} } } }), '2.58.0']);
  else if (m.func === 'getContext') reply([{ locale: 'en-us', theme: cfg.theme, entityId: 'sync', frameContext: 'content', hostClientType: 'web', hostName: 'Teams', tid: cfg.tid, userObjectId: cfg.oid, userPrincipalName: cfg.upn, loginHint: cfg.upn, appSessionId: 's1' }]);
  else if (m.func === 'authentication.getAuthToken') {
    window.harness.tokenRequests++;
    const token = cfg.tokens[Math.min(next++, cfg.tokens.length - 1)];
    reply(token ? [true, token] : [false, 'no token']);
  } else if (m.func === 'authentication.authenticate') {
    window.harness.authenticateUrls.push({ url: m.args[0], width: m.args[1], height: m.args[2] });
    reply(window.harness.authenticate === 'success' ? [true, ''] : [false, 'CancelledByUser']);
  }
});
window.sendTheme = (name) => document.getElementById('tab').contentWindow.postMessage({ func: 'themeChange', args: [name] }, location.origin);
</script></body></html>`;
}

/** Opens the harness on the app's origin; returns the tab's frame once it is attached. */
export async function openInHarness(page: Page, appUrl: string, options: HarnessOptions): Promise<Frame> {
  await page.route(`${appUrl}/__harness`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: harnessHtml(options) }),
  );
  await page.goto(`${appUrl}/__harness`);
  const handle = await page.waitForSelector('#tab');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the tab frame did not attach');
  return frame;
}

/** An https origin that exists only in the browser (every request is fulfilled by interception). */
export const HTTPS_ORIGIN = 'https://tandem.test';

/**
 * Serves the app at {@link HTTPS_ORIGIN} in this browser context by proxying every request to the
 * http test server: teams-js only accepts https URLs (e.g. for `authentication.authenticate`).
 * Page routes (the harness, per-test fakes) take precedence; `route.fallback()` reaches this one.
 */
export async function proxyHttps(context: BrowserContext, appUrl: string): Promise<string> {
  await context.route(`${HTTPS_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${appUrl}${url.pathname}${url.search}`, maxRedirects: 0 });
    const headers = { ...response.headers() };
    if (headers.location?.startsWith(appUrl))
      headers.location = HTTPS_ORIGIN + headers.location.slice(appUrl.length);
    await route.fulfill({ response, headers });
  });
  return HTTPS_ORIGIN;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the frame (evaluated, so the tab's CSP stays on); serious and critical only. */
export async function seriousViolations(frame: Frame): Promise<AxeViolation[]> {
  await frame.evaluate(`${AXE_SOURCE}\n;0`);
  const violations = (await frame.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
