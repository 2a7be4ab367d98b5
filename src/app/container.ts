import { readFileSync } from 'node:fs';
import type { Request } from 'express';
import { Authenticator } from '../auth/authenticator.js';
import { JwksStore } from '../auth/jwks-store.js';
import { createTokenBroker } from '../auth/token-broker.factory.js';
import { EntraTokenValidator } from '../auth/token-validator.js';
import type { Config } from '../config/load-config.js';
import { CRM_DEFINITIONS } from '../crm/crm.definitions.js';
import { FieldHistoryRepository } from '../crm/shared/field-history.repo.js';
import { RecordRepository } from '../crm/shared/record.repo.js';
import { recordRoutes } from '../crm/shared/record.routes.js';
import { RecordService } from '../crm/shared/record.service.js';
import type { Database } from '../platform/db/database.js';
import type { Logger } from '../platform/logging/logger.js';
import { MemberRepository } from '../tenancy/member.repo.js';
import { meRoutes } from '../tenancy/me.routes.js';
import { OrganisationRepository } from '../tenancy/organisation.repo.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { buildOnboarding } from '../tenancy/onboarding/onboarding.module.js';
import { onboardingIdentityRoutes } from '../tenancy/onboarding.routes.js';
import { invitationRoutes } from '../tenancy/invitation.routes.js';
import { joinRequestRoutes } from '../tenancy/join-request.routes.js';
import { memberRoutes } from '../tenancy/member.routes.js';
import { OrganisationSettingsRepository } from '../tenancy/organisation-settings/organisation-settings.repo.js';
import { syncPolicyRoutes } from '../tenancy/organisation-settings/sync-policy.routes.js';
import { SyncPolicyService } from '../tenancy/organisation-settings/sync-policy.service.js';
import { ModuleSettingsRepository } from '../sync/module-settings.repo.js';
import { ModuleSettingsService } from '../sync/module-settings.service.js';
import { syncRoutes } from '../sync/sync.routes.js';
import { SettingsOnlySyncService } from '../sync/settings-only-sync.service.js';
import { GraphClient } from '../sync/graph/graph-client.js';
import { graphBaseUrl } from '../sync/graph/graph-endpoint.js';
import { contactsResource } from '../sync/contacts/contacts.resource.js';
import { meetingsResource } from '../sync/calendar/meetings.resource.js';
import { tasksResource } from '../sync/todo/tasks.resource.js';
import { SyncOutboxHook } from '../sync/engine/outbox-hook.js';
import { SyncEngine } from '../sync/engine/sync-engine.js';
import { SyncLinkRepository } from '../sync/engine/sync-link.repo.js';
import { buildWebhooks } from '../sync/webhooks/webhooks.module.js';
import type { SyncResource } from '../sync/engine/sync-resource.js';
import { buildBot } from '../bot/bot.module.js';
import { buildOpenApi } from './openapi.js';
import type { Readiness } from './health.routes.js';
import type { ServerDeps } from './server.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The composition root: every service built once, from config, around one database. */
export function buildContainer(
  config: Config,
  logger: Logger,
  db: Database,
  readiness: Readiness,
  extras: {
    extraCaPem?: string;
    /** Tandem's base URL as Graph reaches it, once known (defaults to `config.http.publicUrl`). */
    publicUrl?: () => string;
    /** The sync engine's clock (tests move it); the system's when absent. */
    now?: () => Date;
  } = {},
) {
  const members = new MemberRepository();
  const tenancy = new TenancyService(db, new OrganisationRepository(), members);
  /** The resources the sync engine knows: contacts, meetings and tasks. */
  const syncResources = new Map<string, SyncResource>([
    ['contacts', contactsResource],
    ['meetings', meetingsResource],
    ['tasks', tasksResource],
  ]);
  const syncLinks = new SyncLinkRepository();
  const organisationSettings = new OrganisationSettingsRepository();
  const recordRepo = new RecordRepository();
  const outboxHook = new SyncOutboxHook(syncLinks, syncResources);
  const records = new RecordService(
    db,
    recordRepo,
    new FieldHistoryRepository(),
    members,
    CRM_DEFINITIONS,
    outboxHook,
  );
  const moduleSettings = new ModuleSettingsService(db, new ModuleSettingsRepository());
  const extraCaPem =
    extras.extraCaPem ?? (config.auth.caFile ? readFileSync(config.auth.caFile, 'utf8') : undefined);
  const jwks = new JwksStore(config.auth.jwksUrl, { ca: extraCaPem });
  /** The one Graph token broker of the process (undefined without Graph credentials). */
  const tokenBroker = createTokenBroker(config, db, logger, extraCaPem);
  /** The one Graph client of the process (CONVENTIONS rule 10); undefined without a token broker. */
  const graph = tokenBroker
    ? new GraphClient({
        tokens: tokenBroker,
        baseUrl: graphBaseUrl(config),
        logger,
        ca: extraCaPem,
        maxPageSize: config.sync.pageSize,
        limits: { requestsPer10Minutes: config.sync.graphRequestsPer10Minutes },
      })
    : undefined;
  /** The sync engine (needs Graph); without it the switches alone are kept (runs refused). */
  const syncEngine = graph
    ? new SyncEngine({
        config,
        db,
        logger,
        graph,
        records,
        recordRepo,
        links: syncLinks,
        settings: new ModuleSettingsRepository(),
        resources: syncResources,
        now: extras.now,
      })
    : undefined;
  const syncService = syncEngine?.service ?? new SettingsOnlySyncService(moduleSettings);
  /** Graph change notifications: subscriptions kept for the engine, the receiver, renewals. */
  const webhooks =
    graph && syncEngine
      ? buildWebhooks({
          db,
          graph,
          trigger: syncEngine.trigger,
          ownWrites: syncEngine.ownWrites,
          publicUrl: extras.publicUrl ?? (() => config.http.publicUrl),
          logger,
        })
      : undefined;
  syncEngine?.setSubscriptions(webhooks?.subscriptions);
  outboxHook.listen(syncEngine?.outboxRuns);
  const authenticator = new Authenticator(new EntraTokenValidator(config.auth, jwks), tenancy);
  /** Onboarding (PRODUCT §2); the bot wires its Teams delivery with `onboarding.setNotifier`. */
  const onboarding = buildOnboarding({
    config,
    logger,
    db,
    tenancy,
    members,
    graph,
    identityOf: (token) => authenticator.identityOf(token),
  });
  const apiRoutes = [
    ...meRoutes(),
    ...syncRoutes(syncService),
    ...onboardingIdentityRoutes(onboarding),
    ...invitationRoutes(onboarding),
    ...joinRequestRoutes(onboarding),
    ...memberRoutes(onboarding),
    ...syncPolicyRoutes(new SyncPolicyService(db, organisationSettings, members, onboarding.parts.audit)),
    ...CRM_DEFINITIONS.flatMap((def) => recordRoutes(def, records)),
  ];
  const bot = buildBot({ config, logger, db, tenancy, sync: syncService, onboarding });
  onboarding.setNotifier(bot.onboardingNotifier);
  syncEngine?.setNotifier(bot.syncNotifier);
  const serverDeps: ServerDeps = {
    config,
    logger,
    db,
    readiness,
    authenticate: (req: Request) => authenticator.authenticate(req),
    identify: (req: Request) => authenticator.identify(req),
    apiRoutes,
    openapi: buildOpenApi(apiRoutes, { version: VERSION }),
    botMessages: bot.handleMessages,
    graphWebhooks: webhooks?.router,
  };
  return {
    tenancy,
    records,
    moduleSettings,
    syncService,
    syncEngine,
    /** Queues sync runs (webhooks, …); undefined without the engine. */
    syncTrigger: syncEngine?.trigger,
    /** Graph subscriptions and their receiver (started and stopped by `startTandem`). */
    webhooks,
    subscriptions: webhooks?.subscriptions,
    jwks,
    bot,
    tokenBroker,
    graph,
    onboarding,
    serverDeps,
  };
}

export type Container = ReturnType<typeof buildContainer>;
