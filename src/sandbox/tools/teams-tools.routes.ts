import express, { Router } from 'express';
import { z } from 'zod';
import { catalogApp, installations, publishApp } from '../graph/teams-catalog.js';
import type { TeamsCatalogApp } from '../store/model.js';
import type { SandboxStore } from '../store/sandbox-store.js';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a GUID');

const publishRequest = z.strictObject({
  displayName: z.string().min(1).max(256),
  /** The manifest id. */
  externalId: guid.optional(),
  version: z.string().min(1).max(64).optional(),
  distributionMethod: z.enum(['store', 'organization', 'sideloaded']).optional(),
  /** The app registration (`webApplicationInfo.id`) whose tokens may use the `…Self…` permissions. */
  azureADAppId: guid.optional(),
  /** The bot's app id, the other member of the 1:1 chat; defaults to azureADAppId, then to the catalog id. */
  botId: guid.optional(),
  shortDescription: z.string().max(1000).optional(),
});

/**
 * `/_sandbox/teams`: the Teams side Graph needs. `PUT /catalog/{teamsAppId}` publishes (or
 * replaces) an app in the sandbox's app catalog — one catalog shared by every sandbox tenant, as
 * for an app from the Teams store, so the same id installs everywhere — `GET /catalog` lists it,
 * `GET /installations[?teamsAppId=]` lists the apps installed for users (through Graph) with the
 * 1:1 chat id, which is what a bot would learn from its `conversationUpdate`. A reset clears both.
 */
export function teamsToolsRouter(store: SandboxStore): Router {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.put('/catalog/:teamsAppId', (req, res) => {
    const id = guid.safeParse(req.params.teamsAppId);
    const parsed = publishRequest.safeParse(req.body ?? {});
    if (!id.success || !parsed.success)
      return res.status(400).json({
        error: 'invalid_request',
        issues: [...(id.error?.issues ?? []), ...(parsed.error?.issues ?? [])],
      });
    const existed = !!catalogApp(store, id.data);
    const body = parsed.data;
    const app: TeamsCatalogApp = {
      id: id.data.toLowerCase(),
      externalId: body.externalId ?? null,
      displayName: body.displayName,
      version: body.version ?? '1.0.0',
      distributionMethod: body.distributionMethod ?? 'organization',
      azureADAppId: body.azureADAppId ?? null,
      botId: body.botId ?? body.azureADAppId ?? id.data.toLowerCase(),
      shortDescription: body.shortDescription ?? null,
    };
    publishApp(store, app);
    store.flush();
    res.status(existed ? 200 : 201).json(app);
  });

  router.get('/catalog', (_req, res) => {
    res.json({ apps: Object.values(store.state.teamsCatalog ?? {}) });
  });

  router.get('/installations', (req, res) => {
    const appId = typeof req.query.teamsAppId === 'string' ? req.query.teamsAppId.toLowerCase() : undefined;
    res.json({
      installations: installations(store).filter((i) => !appId || i.teamsAppId.toLowerCase() === appId),
    });
  });

  return router;
}
