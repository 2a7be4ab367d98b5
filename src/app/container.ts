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
import { ModuleSettingsRepository } from '../sync/module-settings.repo.js';
import { ModuleSettingsService } from '../sync/module-settings.service.js';
import { syncRoutes } from '../sync/sync.routes.js';
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
  extras: { extraCaPem?: string } = {},
) {
  const members = new MemberRepository();
  const tenancy = new TenancyService(db, new OrganisationRepository(), members);
  const records = new RecordService(
    db,
    new RecordRepository(),
    new FieldHistoryRepository(),
    members,
    CRM_DEFINITIONS,
  );
  const moduleSettings = new ModuleSettingsService(db, new ModuleSettingsRepository());
  const extraCaPem =
    extras.extraCaPem ?? (config.auth.caFile ? readFileSync(config.auth.caFile, 'utf8') : undefined);
  const jwks = new JwksStore(config.auth.jwksUrl, { ca: extraCaPem });
  /** The one Graph token broker of the process (undefined without Graph credentials). */
  const tokenBroker = createTokenBroker(config, db, logger, extraCaPem);
  const authenticator = new Authenticator(new EntraTokenValidator(config.auth, jwks), tenancy);
  const apiRoutes = [
    ...meRoutes(),
    ...syncRoutes(moduleSettings),
    ...CRM_DEFINITIONS.flatMap((def) => recordRoutes(def, records)),
  ];
  const bot = buildBot({ config, logger, db, tenancy, moduleSettings });
  const serverDeps: ServerDeps = {
    config,
    logger,
    db,
    readiness,
    authenticate: (req: Request) => authenticator.authenticate(req),
    apiRoutes,
    openapi: buildOpenApi(apiRoutes, { version: VERSION }),
    botMessages: bot.handleMessages,
  };
  return { tenancy, records, moduleSettings, jwks, bot, tokenBroker, serverDeps };
}

export type Container = ReturnType<typeof buildContainer>;
