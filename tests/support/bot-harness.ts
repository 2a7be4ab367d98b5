import { randomUUID } from 'node:crypto';
import { TestAdapter, type Activity } from 'botbuilder';
import { ActivityDedupe } from '../../src/bot/activity-dedupe.js';
import { PostgresStorage } from '../../src/bot/bot-storage.js';
import { ConversationReferenceStore } from '../../src/bot/conversation-references.js';
import { MemberResolver } from '../../src/bot/member-resolver.js';
import { TandemBot } from '../../src/bot/tandem-bot.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { ModuleSettingsRepository } from '../../src/sync/module-settings.repo.js';
import { ModuleSettingsService } from '../../src/sync/module-settings.service.js';
import { SettingsOnlySyncService } from '../../src/sync/settings-only-sync.service.js';
import { MemberRepository } from '../../src/tenancy/member.repo.js';
import { OrganisationRepository } from '../../src/tenancy/organisation.repo.js';
import { TenancyService } from '../../src/tenancy/tenancy.service.js';
import type { Principal } from '../../src/tenancy/principal.js';
import { testContext } from './context.js';

export const TEST_TEAMS_APP_ID = '3f0c9a1e-2b7d-4e5f-8a6b-1c2d3e4f5a6b';

/** The bot over the run's real database, driven through botbuilder's TestAdapter. */
export async function botHarness() {
  const { database } = await testContext();
  const db = database.db;
  const tenancy = new TenancyService(db, new OrganisationRepository(), new MemberRepository());
  const moduleSettings = new ModuleSettingsService(db, new ModuleSettingsRepository());
  const references = new ConversationReferenceStore(db);
  const bot = new TandemBot({
    storage: new PostgresStorage(db),
    resolver: new MemberResolver(tenancy, TEST_TEAMS_APP_ID),
    sync: new SettingsOnlySyncService(moduleSettings),
    references,
    dedupe: new ActivityDedupe(db),
    logger: createLogger({ level: 'silent' }),
  });

  /** A Teams 1:1 chat of (tenant, object id) with the bot. */
  const chat = (tenantId: string, objectId: string) =>
    new TestAdapter((turn) => bot.run(turn), {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: `a:${randomUUID()}`, tenantId, conversationType: 'personal' } as any,
      from: { id: `29:${objectId}`, name: 'Teams user', aadObjectId: objectId } as any,
      recipient: { id: '28:bot', name: 'Tandem' },
      channelData: { tenant: { id: tenantId } },
    } as Partial<Activity>);

  /** A new organisation on a fresh tenant with its Administrator. */
  const provision = async () => {
    const tenantId = randomUUID();
    const objectId = randomUUID();
    const { organisation } = await tenancy.provisionOrganisation({
      tenantId,
      name: `Org ${tenantId.slice(0, 6)}`,
      admin: { objectId, userPrincipalName: `admin@${tenantId.slice(0, 8)}.example`, displayName: 'Ada' },
    });
    const principal: Principal = await tenancy.resolvePrincipal(tenantId, objectId);
    return { organisation, tenantId, objectId, principal };
  };
  return { db, tenancy, moduleSettings, references, bot, chat, provision };
}
