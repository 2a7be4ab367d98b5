import express, { Router, type Request, type Response } from 'express';
import type { SandboxStore } from '../store/sandbox-store.js';
import { AadstsError, aadsts, sendAadsts } from './aadsts.js';
import { renderSignInPage } from './sign-in.page.js';
import { parseScopes, type TokenGrants } from './token-grants.js';
import type { TokenIssuer } from './token-issuer.js';

const META_TENANTS = new Set(['common', 'organizations']);
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * The Entra authority, per tenant: OpenID metadata, signing keys, the token endpoint and the
 * sign-in page. msal-node talks to it unmodified with `knownAuthorities: ['localhost:<port>']`.
 */
export function authorityRouter(store: SandboxStore, issuer: TokenIssuer, grants: TokenGrants): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });

  /** A tenant path segment (GUID, domain, common/organizations) to a tenant id, or the meta name. */
  const tenantIdOf = (segment: string): string | undefined => {
    if (META_TENANTS.has(segment)) return segment;
    const direct = store.tenant(segment);
    if (direct) return direct.id;
    return Object.values(store.state.tenants).find((t) => t.domain === segment.toLowerCase())?.id;
  };

  const keys = (_req: Request, res: Response) => {
    res.json(issuer.jwks());
  };
  router.get('/:tenant/discovery/v2.0/keys', keys);
  router.get('/:tenant/discovery/keys', keys);

  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const tid = tenantIdOf(req.params.tenant);
    if (!tid) return sendAadsts(res, aadsts.unknownTenant(req.params.tenant));
    const base = `${issuer.baseUrl}/${req.params.tenant}`;
    res.json({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: META_TENANTS.has(tid) ? `${issuer.baseUrl}/{tenantid}/v2.0` : issuer.v2Issuer(tid),
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${issuer.baseUrl}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'oid',
      ],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  });

  router.post('/:tenant/oauth2/v2.0/token', form, async (req, res) => {
    // Entra answers single-page apps' code redemptions cross-origin; here, for loopback origins.
    const origin = req.headers.origin;
    if (origin && LOOPBACK_ORIGIN.test(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.vary('Origin');
    }
    try {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await token(req));
    } catch (err) {
      if (err instanceof AadstsError) return sendAadsts(res, err);
      throw err;
    }
  });

  async function token(req: Request) {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const basic = basicCredentials(req.headers.authorization);
    const app = grants.app(basic?.id ?? body.client_id);
    const secret = basic?.secret ?? body.client_secret;
    const tid = tenantIdOf(req.params.tenant as string);
    if (!tid || META_TENANTS.has(tid)) {
      if (body.grant_type !== 'authorization_code' && body.grant_type !== 'refresh_token') {
        throw aadsts.unknownTenant(String(req.params.tenant));
      }
    }
    switch (body.grant_type) {
      case 'client_credentials':
        grants.authenticate(app, secret, false);
        return grants.clientCredentials(grants.tenant(tid!), app, body.scope ?? '');
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
        grants.authenticate(app, secret, false);
        if (body.requested_token_use !== 'on_behalf_of' || !body.assertion) {
          throw aadsts.badGrant('requested_token_use must be on_behalf_of with an assertion.');
        }
        return grants.onBehalfOf(grants.tenant(tid!), app, body.assertion, body.scope ?? '');
      case 'authorization_code':
        grants.authenticate(app, secret, Boolean(body.code_verifier));
        return grants.redeemCode(
          realTenant(tid),
          app,
          body.code ?? '',
          body.redirect_uri ?? '',
          body.code_verifier,
        );
      case 'refresh_token':
        grants.authenticate(app, secret, true);
        return grants.redeemRefresh(realTenant(tid), app, body.refresh_token ?? '', body.scope);
      default:
        throw aadsts.unsupportedGrant(body.grant_type ?? '');
    }
  }

  /** Codes and refresh tokens remember their tenant; at a meta authority they redeem as issued. */
  const realTenant = (tid: string | undefined) => (tid && !META_TENANTS.has(tid) ? tid : undefined);

  router.get('/:tenant/oauth2/v2.0/authorize', (req, res) => {
    try {
      const params = authorizeParams(req.query as Record<string, string>);
      const app = grants.app(params.client_id);
      checkRedirect(app.redirectUris, params.redirect_uri, app.clientId);
      const tid = tenantIdOf(req.params.tenant);
      if (!tid) throw aadsts.unknownTenant(req.params.tenant);
      const tenants = META_TENANTS.has(tid) ? Object.values(store.state.tenants) : [grants.tenant(tid)];
      res
        .type('html')
        .send(renderSignInPage({ action: req.originalUrl.split('?')[0]!, params, tenants, app }));
    } catch (err) {
      if (err instanceof AadstsError) return sendAadsts(res, err);
      throw err;
    }
  });

  router.post('/:tenant/oauth2/v2.0/authorize', form, (req, res) => {
    try {
      const body = req.body as Record<string, string>;
      const params = authorizeParams(body);
      const app = grants.app(params.client_id);
      checkRedirect(app.redirectUris, params.redirect_uri, app.clientId);
      const found = store.findUserByUpn(body.login ?? '');
      const tid = tenantIdOf(req.params.tenant);
      if (!found || (tid && !META_TENANTS.has(tid) && found.tenant.id !== tid)) {
        throw aadsts.badGrant('Unknown user for this tenant.');
      }
      // Signing in on this page accepts the consent screen for the Graph permissions asked for.
      const asked = parseScopes(params.scope, app);
      if (asked.resource === 'graph' && !asked.scopes.includes('.default')) {
        store.grantConsent(found.tenant.id, app.clientId, asked.scopes);
      }
      const code = grants.issueCode({
        tenantId: found.tenant.id,
        userId: found.user.id,
        clientId: app.clientId,
        scopes: params.scope.split(' '),
        redirectUri: params.redirect_uri,
        codeChallenge: params.code_challenge,
        nonce: params.nonce,
      });
      const target = new URL(params.redirect_uri);
      target.searchParams.set('code', code);
      if (params.state) target.searchParams.set('state', params.state);
      target.searchParams.set(
        'client_info',
        Buffer.from(JSON.stringify({ uid: found.user.id, utid: found.tenant.id })).toString('base64url'),
      );
      res.redirect(302, target.toString());
    } catch (err) {
      if (err instanceof AadstsError) return sendAadsts(res, err);
      throw err;
    }
  });

  router.get('/:tenant/oauth2/v2.0/logout', (req, res) => {
    const target =
      typeof req.query.post_logout_redirect_uri === 'string' ? req.query.post_logout_redirect_uri : undefined;
    if (target && /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(target))
      return res.redirect(302, target);
    res.type('text').send('You have signed out of the Tandem sandbox.');
  });

  return router;
}

export interface AuthorizeParams {
  client_id: string;
  redirect_uri: string;
  response_type: string;
  scope: string;
  state?: string;
  nonce?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  login_hint?: string;
  prompt?: string;
}

function authorizeParams(q: Record<string, string | undefined>): AuthorizeParams {
  if (q.response_type !== 'code') throw aadsts.badGrant("response_type must be 'code'.");
  if (!q.client_id || !q.redirect_uri) throw aadsts.badGrant('client_id and redirect_uri are required.');
  if (q.code_challenge && q.code_challenge_method !== 'S256')
    throw aadsts.badGrant('code_challenge_method must be S256.');
  return {
    client_id: q.client_id,
    redirect_uri: q.redirect_uri,
    response_type: q.response_type,
    scope: q.scope ?? 'openid profile',
    state: q.state,
    nonce: q.nonce,
    code_challenge: q.code_challenge,
    code_challenge_method: q.code_challenge_method,
    login_hint: q.login_hint,
    prompt: q.prompt,
  };
}

/** Registered redirect URIs, plus any loopback http URI (as Entra allows for localhost on any port). */
function checkRedirect(registered: string[], uri: string, clientId: string): void {
  if (registered.includes(uri)) return;
  if (/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(uri)) return;
  throw aadsts.badRedirect(uri, clientId);
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic (.+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const [id, ...rest] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
  return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(rest.join(':')) };
}
