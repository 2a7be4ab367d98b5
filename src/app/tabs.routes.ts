import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request, type Response } from 'express';
import type { Config } from '../config/load-config.js';
import { sendProblem } from '../platform/http/error.middleware.js';

/** Where Vite writes the tabs (vite.config.ts): `<repo>/dist/web`, from src/app or dist/app alike. */
export const TABS_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Personal tab pages; the manifest points contentUrl at `https://${TAB_DOMAIN}/tabs/<name>`. */
export const TAB_PAGES = ['sync', 'team', 'join', 'import'] as const;

/** Sign-in and consent steps, served by the same app: `consent` leaves for the authority with
 * `prompt=consent`, `consent-end` reports back to Teams (or returns to the tab outside Teams). */
export const AUTH_PAGES = ['auth-end', 'consent', 'consent-end'] as const;

/** The invitation's accept page (`/tabs/accept#token=…`, the link in invitation mails): not a manifest tab. */
export const ONBOARDING_PAGES = ['accept'] as const;

/** Hosts that may frame the tabs: Teams (web, desktop), Outlook and the Microsoft 365 app. */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
];

/** What the browser needs for sign-in outside Teams (authorization code + PKCE, public client). */
export interface TabsConfig {
  clientId: string;
  authority: string;
  scope: string;
  redirectPath: string;
}

export function tabsConfig(config: Config): TabsConfig | undefined {
  const { clientId, appIdUri, authorityHost } = config.auth;
  if (!clientId) return undefined;
  return {
    clientId,
    authority: `${authorityHost}/organizations`,
    scope: `${appIdUri ?? `api://${clientId}`}/access_as_user`,
    redirectPath: '/tabs/auth-end',
  };
}

/**
 * Serves the built tabs under /tabs/…: one HTML entry for every page, hashed assets, and
 * `config.json`. Framing is allowed for the Microsoft 365 hosts only; scripts come from this origin.
 */
export function tabsRouter(config: Config, options: { dist?: string } = {}): Router {
  const dist = options.dist ?? TABS_DIST;
  const router = Router();
  const settings = tabsConfig(config);
  const authorityOrigin = new URL(config.auth.authorityHost).origin;
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) inserts its rules at runtime.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // The token endpoint (PKCE redemption) and teams-js's list of valid host domains.
    `connect-src 'self' ${authorityOrigin} https://res.cdn.office.net`,
    `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

  router.use('/tabs', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.removeHeader('X-Frame-Options');
    next();
  });

  // Teams opens the consent window with window.open and notifySuccess answers through
  // window.opener: COOP same-origin (helmet's default) would cut that link.
  router.use(['/tabs/consent', '/tabs/consent-end'], (_req, res, next) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
    next();
  });

  router.get('/tabs/config.json', (req, res) => {
    if (!settings) {
      return sendProblem(
        res,
        req,
        503,
        'sign_in_not_configured',
        'Sign-in is not configured (AUTH_CLIENT_ID).',
      );
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(settings);
  });

  router.use(
    '/tabs/assets',
    express.static(path.join(dist, 'assets'), {
      index: false,
      immutable: true,
      maxAge: '365d',
      fallthrough: true,
    }),
  );

  let html: string | undefined;
  const page = (req: Request, res: Response) => {
    const file = path.join(dist, 'index.html');
    if (!html && existsSync(file)) html = readFileSync(file, 'utf8');
    if (!html) {
      return sendProblem(res, req, 503, 'tabs_not_built', 'The tabs are not built yet (npm run build:web).');
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(html);
  };
  router.get(
    [
      '/tabs',
      '/tabs/',
      ...AUTH_PAGES.map((p) => `/tabs/${p}`),
      ...TAB_PAGES.map((p) => `/tabs/${p}`),
      ...ONBOARDING_PAGES.map((p) => `/tabs/${p}`),
    ],
    page,
  );
  return router;
}
