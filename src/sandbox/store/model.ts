/**
 * The sandbox's state: plain JSON, so it can be persisted to the data directory and survive a
 * restart of `npm start` (a mailbox that vanished on restart would look like mass deletions).
 * Items are Graph resources as Graph returns them, plus bookkeeping fields prefixed with `_`
 * that responses never include.
 */
export interface SandboxState {
  version: 2;
  /** Changes on reset: delta tokens of an earlier epoch answer 410 SyncStateNotFound. */
  epoch: string;
  /** Global, monotonic change sequence (delta rounds are cut by it). */
  seq: number;
  tenants: Record<string, TenantState>;
  /** Mail sent through Graph (`sendMail`), newest last, for the `/_sandbox/mail` tool; a reset clears it. */
  mailLog?: SentMail[];
  /** Teams apps published to the sandbox's app catalog (one catalog for every tenant), by teamsApp id. */
  teamsCatalog?: Record<string, TeamsCatalogApp>;
}

/** A mail as sent through Graph: what the `/_sandbox/mail` tool shows for each recipient. */
export interface SentMail {
  id: string;
  internetMessageId: string;
  tenantId: string;
  senderUserId: string;
  from: { name: string; address: string };
  to: { name?: string; address: string }[];
  cc: { name?: string; address: string }[];
  bcc: { name?: string; address: string }[];
  replyTo: { name?: string; address: string }[];
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  attachments: { name: string; contentType?: string }[];
  sentDateTime: string;
}

/** A Teams app in the sandbox's app catalog (`PUT /_sandbox/teams/catalog/{teamsAppId}`). */
export interface TeamsCatalogApp {
  /** The catalog id (`teamsApp@odata.bind` …/appCatalogs/teamsApps/{id}). */
  id: string;
  /** The manifest id. */
  externalId: string | null;
  displayName: string;
  version: string;
  distributionMethod: 'store' | 'organization' | 'sideloaded';
  /** The app registration whose tokens may use the `…Self…` permissions for this app. */
  azureADAppId: string | null;
  /** The bot's app id: the other member of the 1:1 chat. */
  botId: string;
  shortDescription: string | null;
}

export interface TenantState {
  id: string;
  displayName: string;
  domain: string;
  users: Record<string, DirectoryUser>;
  mailboxes: Record<string, Mailbox>;
  /** Delegated scopes and application roles consented per client id in this tenant. */
  consents: Record<string, { delegated: string[]; application: string[] }>;
}

export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string | null;
  preferredLanguage: string | null;
  accountEnabled: boolean;
  isAdministrator: boolean;
}

/** A Graph item with the sandbox's bookkeeping. */
export type Item = Record<string, unknown> & {
  id: string;
  /** Sequence of the last change (create, update, delete). */
  _seq: number;
  /** Set when deleted: the item is a tombstone kept for delta. */
  _deleted?: boolean;
  /** Containing folder, calendar or list. */
  _parent?: string;
};

export type CollectionName =
  | 'contactFolders'
  | 'contacts'
  | 'calendars'
  | 'events'
  | 'todoLists'
  | 'todoTasks'
  | 'categories'
  | 'messages'
  | 'installedApps';

export type Mailbox = Record<CollectionName, Record<string, Item>> & {
  /** Whose mailbox this is. */
  owner: { tenantId: string; userId: string };
  /** Well-known folder ids: the default contacts folder, calendar, To Do list, inbox, Sent Items. */
  wellKnown: { contacts: string; calendar: string; tasks: string; inbox: string; sentItems: string };
};

/** An app registration known to the sandbox's authority. */
export interface AppRegistration {
  clientId: string;
  displayName: string;
  /** Secrets are never defaulted in code: generated on first start and kept in the data directory. */
  secrets: string[];
  /** Redirect URIs allowed for the authorization-code flow. */
  redirectUris: string[];
  /** Scope exposed by the app (`api://…/access_as_user`). */
  identifierUris: string[];
  /** Public client (SPA / tab sign-in outside Teams): PKCE without secret. */
  isPublicClient?: boolean;
}

/** A change to a mailbox item, as the store reports it to listeners (change notifications). */
export interface ItemChange {
  tenantId: string;
  userId: string;
  collection: CollectionName;
  id: string;
  /** Containing folder, calendar or list. */
  parent?: string;
  changeType: 'created' | 'updated' | 'deleted';
  seq: number;
}
