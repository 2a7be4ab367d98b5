import type { Item, TeamsCatalogApp } from '../store/model.js';
import type { SandboxStore } from '../store/sandbox-store.js';

/** Teams' ids: an installation is `base64(userId##teamsAppId)`, a definition `base64(teamsAppId##version)`. */
const pair = (a: string, b: string) => Buffer.from(`${a}##${b}`).toString('base64');

export function installationId(userId: string, teamsAppId: string): string {
  return pair(userId, teamsAppId);
}

/** A published app of the sandbox's catalog (one catalog for every tenant). */
export function catalogApp(store: SandboxStore, teamsAppId: string): TeamsCatalogApp | undefined {
  return store.state.teamsCatalog?.[teamsAppId.toLowerCase()];
}

export function publishApp(store: SandboxStore, app: TeamsCatalogApp): void {
  (store.state.teamsCatalog ??= {})[app.id.toLowerCase()] = app;
}

/** `teamsApp` as Graph returns it (`$expand=teamsApp`). */
export function teamsAppResource(app: TeamsCatalogApp): Record<string, unknown> {
  return {
    id: app.id,
    externalId: app.externalId,
    displayName: app.displayName,
    distributionMethod: app.distributionMethod,
  };
}

/** `teamsAppDefinition` as Graph returns it (`$expand=teamsAppDefinition`). */
export function teamsAppDefinitionResource(app: TeamsCatalogApp): Record<string, unknown> {
  return {
    id: pair(app.id, app.version),
    teamsAppId: app.id,
    displayName: app.displayName,
    version: app.version,
    publishingState: 'published',
    shortDescription: app.shortDescription,
    description: app.shortDescription,
    lastModifiedDateTime: null,
    createdBy: null,
  };
}

/**
 * The 1:1 chat of a user with an app's bot: `19:{id}_{id}@unq.gbl.spaces`, the two ids (the bot's
 * and the user's) in sorted order, so the id is the same for every installation of that pair.
 */
export function chatId(userId: string, botId: string): string {
  const [a, b] = [userId.toLowerCase(), botId.toLowerCase()].sort();
  return `19:${a}_${b}@unq.gbl.spaces`;
}

export function chatResource(tenantId: string, userId: string, installation: Item): Record<string, unknown> {
  const id = chatId(userId, String(installation._botId));
  const created = String(installation._installedDateTime);
  return {
    id,
    topic: null,
    createdDateTime: created,
    lastUpdatedDateTime: created,
    chatType: 'oneOnOne',
    webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(id)}/0?tenantId=${tenantId}`,
    tenantId,
    onlineMeetingInfo: null,
    viewpoint: { isHidden: false, lastMessageReadDateTime: created },
  };
}

/** What `GET /_sandbox/teams/installations` lists: every app installation of every sandbox user. */
export interface InstallationRecord {
  tenantId: string;
  userId: string;
  userPrincipalName: string;
  installationId: string;
  teamsAppId: string;
  externalId: string | null;
  botId: string;
  chatId: string;
  installedDateTime: string;
}

export function installations(store: SandboxStore): InstallationRecord[] {
  const out: InstallationRecord[] = [];
  for (const tenant of Object.values(store.state.tenants)) {
    for (const [userId, mailbox] of Object.entries(tenant.mailboxes)) {
      const user = tenant.users[userId];
      for (const i of store.live(mailbox, 'installedApps')) {
        out.push({
          tenantId: tenant.id,
          userId,
          userPrincipalName: user?.userPrincipalName ?? '',
          installationId: i.id,
          teamsAppId: String(i._teamsAppId),
          externalId: (i.teamsApp as { externalId?: string | null } | undefined)?.externalId ?? null,
          botId: String(i._botId),
          chatId: chatId(userId, String(i._botId)),
          installedDateTime: String(i._installedDateTime),
        });
      }
    }
  }
  return out.sort((a, b) => a.installedDateTime.localeCompare(b.installedDateTime));
}
