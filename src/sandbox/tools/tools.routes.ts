import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { SeedOptions } from '../seed/seed-data.js';
import type { TokenGrants } from '../entra/token-grants.js';
import type { TokenIssuer } from '../entra/token-issuer.js';
import { TANDEM_DELEGATED_SCOPES } from '../store/build-state.js';
import type { TenantState } from '../store/model.js';
import type { SandboxStore } from '../store/sandbox-store.js';
import type { MailboxMetrics } from '../graph/mailbox-metrics.js';

/** Microsoft Outlook's client id: Graph tokens from the token tool act "as the user in Outlook". */
export const OUTLOOK_CLIENT_ID = '5d661950-3475-41cd-a2c3-d671a3162bc1';
/** What Graph tokens from the token tool grant by default: Tandem's scopes, and reading mail as Outlook does. */
const OUTLOOK_SCOPES = [...TANDEM_DELEGATED_SCOPES.filter((s) => s !== 'offline_access'), 'Mail.ReadWrite'];

export interface ToolsDeps {
  store: SandboxStore;
  issuer: TokenIssuer;
  grants: TokenGrants;
  metrics: MailboxMetrics;
  tandemClientId: string;
  reset: (options: SeedOptions) => Promise<void>;
  info: () => Record<string, unknown>;
}

const tokenRequest = z.strictObject({
  userPrincipalName: z.string().min(3),
  audience: z.enum(['graph', 'tandem']),
  scopes: z.array(z.string()).optional(),
});

const resetRequest = z.strictObject({
  seed: z.number().int().optional(),
  contactsPerUser: z.number().int().min(0).max(50_000).optional(),
  eventsPerUser: z.number().int().min(0).max(10_000).optional(),
  tasksPerUser: z.number().int().min(0).max(10_000).optional(),
  anchorDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

const consentRequest = z.strictObject({
  tenantId: z.string().min(1),
  /** Tandem's client id when absent. */
  clientId: z.string().min(1).optional(),
});

/** Tool routes answer loopback callers only (defence in depth: the sandbox listens on loopback). */
export const loopbackOnly: RequestHandler = (req, res, next) => {
  const ip = req.socket.remoteAddress ?? '';
  if (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.')) return next();
  res.status(403).json({ error: 'forbidden', message: 'The sandbox tools answer on loopback only.' });
};

/**
 * `/_sandbox/…`: the tool entry points (a contract: extend, don't rename). Tokens for any seeded
 * user, seeding and reset, metrics per mailbox, and what the sandbox is.
 */
export function toolsRouter(deps: ToolsDeps): Router {
  const router = Router();
  router.use(loopbackOnly, express.json({ limit: '64kb' }));

  router.get('/', (_req, res) => {
    res.json(deps.info());
  });

  router.get('/users', (_req, res) => {
    res.json({
      tenants: Object.values(deps.store.state.tenants).map((t) => ({
        id: t.id,
        displayName: t.displayName,
        domain: t.domain,
        users: Object.values(t.users).map(
          ({ id, userPrincipalName, displayName, preferredLanguage, isAdministrator }) => ({
            id,
            userPrincipalName,
            displayName,
            preferredLanguage,
            isAdministrator,
          }),
        ),
      })),
    });
  });

  router.post('/tokens', async (req, res) => {
    const parsed = tokenRequest.safeParse(req.body);
    if (!parsed.success)
      return res.status(400).json({ error: 'invalid_request', issues: parsed.error.issues });
    const found = deps.store.findUserByUpn(parsed.data.userPrincipalName);
    if (!found)
      return res
        .status(404)
        .json({ error: 'unknown_user', message: `No seeded user ${parsed.data.userPrincipalName}.` });
    const { tenant, user } = found;
    const issued =
      parsed.data.audience === 'tandem'
        ? await deps.issuer.apiToken(
            tenant,
            user,
            deps.tandemClientId,
            deps.tandemClientId,
            parsed.data.scopes ?? ['access_as_user'],
          )
        : await deps.issuer.graphDelegated(
            tenant,
            user,
            OUTLOOK_CLIENT_ID,
            parsed.data.scopes ?? OUTLOOK_SCOPES,
          );
    res.json({
      access_token: issued.token,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      tenantId: tenant.id,
      userId: user.id,
    });
  });

  router.post('/reset', async (req, res) => {
    const parsed = resetRequest.safeParse(req.body ?? {});
    if (!parsed.success)
      return res.status(400).json({ error: 'invalid_request', issues: parsed.error.issues });
    await deps.reset(parsed.data);
    deps.metrics.reset();
    res.json({ status: 'reset', epoch: deps.store.state.epoch });
  });

  router.post('/delta/expire', (_req, res) => {
    deps.store.expireDeltaTokens();
    res.json({ status: 'expired', epoch: deps.store.state.epoch });
  });

  // Consent revoked by an admin (the app's service principal removed from the tenant): the token
  // endpoint answers AADSTS700016 `unauthorized_client` and Graph refuses tokens issued before
  // (401). `restore` puts back what `revoke` removed.
  const revoked = new Map<string, TenantState['consents'][string]>();
  const consentTarget = (req: express.Request, res: express.Response) => {
    const parsed = consentRequest.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid_request', issues: parsed.error.issues });
      return undefined;
    }
    const tenant = deps.store.tenant(parsed.data.tenantId);
    if (!tenant) {
      res.status(404).json({ error: 'unknown_tenant', message: `No tenant ${parsed.data.tenantId}.` });
      return undefined;
    }
    const clientId = parsed.data.clientId ?? deps.tandemClientId;
    return { tenant, clientId, key: `${tenant.id}/${clientId}`.toLowerCase() };
  };
  router.post('/consent/revoke', (req, res) => {
    const t = consentTarget(req, res);
    if (!t) return;
    const consent = t.tenant.consents[t.clientId];
    if (consent) revoked.set(t.key, consent);
    delete t.tenant.consents[t.clientId];
    res.json({ status: 'revoked', tenantId: t.tenant.id, clientId: t.clientId });
  });
  router.post('/consent/restore', (req, res) => {
    const t = consentTarget(req, res);
    if (!t) return;
    const consent = revoked.get(t.key);
    if (!consent)
      return res.status(404).json({ error: 'not_revoked', message: 'Nothing was revoked for this client.' });
    t.tenant.consents[t.clientId] = consent;
    revoked.delete(t.key);
    res.json({ status: 'restored', tenantId: t.tenant.id, clientId: t.clientId });
  });

  router.get('/metrics', (_req, res) => {
    res.json({ mailboxes: deps.metrics.snapshot() });
  });
  router.delete('/metrics', (_req, res) => {
    deps.metrics.reset();
    res.status(204).end();
  });

  return router;
}
