import { contactDefinition } from '../../crm/contacts/contact.definition.js';
import { namedFolder, odataQuote } from '../engine/named-folder.js';
import type { MailboxContext, ResourceSettings, SyncResource, SyncValues } from '../engine/sync-resource.js';
import { readCrmFields, crmPatch, type CrmContactRecord } from './contact-crm-fields.js';
import { buildContactDryRun, CONTACTS_CONTAINER_NAME } from './contact-dry-run.js';
import {
  contactFieldCatalog,
  DEFAULT_CONTACT_MAPPING,
  GRAPH_CONTACT_FIELDS,
  validateMapping,
  type ContactMapping,
} from './contact-mapping.js';
import { ContactMatcher } from './contact-matcher.js';
import type { MatchableContact } from './contact-match-keys.js';
import { ensureMasterCategories, type KnownCategory } from './contact-master-categories.js';
import { parseContactOptions } from './contact-options.js';
import { contactCategories } from './contact-owned-categories.js';
import { contactLabel, toCrmFields, toGraphContact } from './contact.mapper.js';

/**
 * Tandem's own namespace for the extended property carrying the CRM id on each Outlook contact
 * (FACTS §2: single-value extended property, `String {GUID} Name …`).
 */
export const TANDEM_PROPERTY_SET = '8e9c4a7e-3c1b-4d2a-9f5e-2b7d6c1a0e33';
export const CONTACT_TAG_PROPERTY = `String {${TANDEM_PROPERTY_SET}} Name TandemRecordId`;

/** Read-only properties the engine needs besides the mapped ones (echo detection, merge clock). */
const SYSTEM_SELECT = ['id', 'changeKey', 'lastModifiedDateTime', 'displayName', 'categories'];

const mappingOf = (settings: ResourceSettings) => settings.mapping as ContactMapping;
const folders = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}/contactFolders`;

/** The CRM fields the duplicate rules read: those of a {@link MatchableContact}. */
const MATCH_FIELDS = [
  'firstName',
  'lastName',
  'companyName',
  'emails',
] as const satisfies readonly (keyof MatchableContact)[];

/** Every mappable property: a delta link keeps its `$select`, so a mapping change needs no new round. */
const SELECT = [...SYSTEM_SELECT, ...Object.keys(GRAPH_CONTACT_FIELDS)].join(',');

/**
 * Contacts plugged into the sync engine: the "Tandem Contacts" folder of the member's mailbox, the
 * contacts domain's mapper, matcher, categories and dry run. Every live contact the member syncs
 * (own, or all for a record scope of `all`) goes to the folder.
 */
export const contactsResource: SyncResource = {
  module: 'contacts',
  definition: contactDefinition,
  containerName: CONTACTS_CONTAINER_NAME,
  tagPropertyId: CONTACT_TAG_PROPERTY,
  owned: contactCategories,

  settings(update, current) {
    const options = parseContactOptions(update.options ?? {}, current.options ?? {});
    const stored =
      current.mapping && Object.keys(current.mapping).length ? current.mapping : DEFAULT_CONTACT_MAPPING;
    const mapping = update.mapping ? validateMapping(update.mapping) : (stored as ContactMapping);
    return { options, mapping: mapping as Record<string, string> };
  },
  catalog: () => contactFieldCatalog(),
  fields: (settings) => Object.keys(settings.mapping),

  ...namedFolder({ collection: folders, nameProperty: 'displayName', name: CONTACTS_CONTAINER_NAME }),
  deltaUrl: (mailbox, containerId) =>
    `${folders(mailbox)}/${encodeURIComponent(containerId)}/contacts/delta?$select=${SELECT}`,
  itemsUrl: (mailbox, containerId) =>
    `${folders(mailbox)}/${encodeURIComponent(containerId)}/contacts?$select=${SELECT}` +
    `&$expand=singleValueExtendedProperties($filter=id eq '${CONTACT_TAG_PROPERTY}')`,
  itemUrl: (mailbox, containerId, remoteId) =>
    `${folders(mailbox)}/${encodeURIComponent(containerId)}/contacts/${encodeURIComponent(remoteId)}`,
  subscriptionResource: (mailbox, containerId) => `/users/${mailbox}/contactFolders/${containerId}/contacts`,

  remoteValues(item, settings) {
    const mapping = mappingOf(settings);
    return { ...readCrmFields({}, mapping), ...toCrmFields(item, mapping) };
  },
  crmValues: (record, settings) => readCrmFields(record as CrmContactRecord, mappingOf(settings)),
  crmFields: (values, record, settings) =>
    crmPatch((record ?? {}) as CrmContactRecord, pickMapped(values, mappingOf(settings))),
  remoteBody(values, settings, only) {
    const mapping = mappingOf(settings);
    const body = toGraphContact(pickMapped(values, mapping), mapping) as Record<string, unknown>;
    if (!only) return body;
    const keep = new Set([...only.map((f) => mapping[f as keyof ContactMapping]), 'displayName']);
    return Object.fromEntries(Object.entries(body).filter(([k]) => keep.has(k)));
  },
  label: (values) => contactLabel(values),

  /**
   * Contacts of the member's default Contacts folder carrying a category chosen to import: one
   * `$filter=categories/any(…)` listing per category (Graph filters Outlook items on categories),
   * so only the selected contacts are read. The member's own mailbox only: never a delegate's or a
   * shared folder, and never "Tandem Contacts" (a folder of its own).
   */
  async importable(ctx, settings) {
    const { importCategories } = parseContactOptions({}, settings.options);
    const found = new Map<string, Record<string, unknown>>();
    for (const category of importCategories) {
      const filter = encodeURIComponent(`categories/any(c:c eq '${odataQuote(category)}')`);
      const url = `/users/${encodeURIComponent(ctx.mailbox)}/contacts?$filter=${filter}&$select=${SELECT}`;
      for await (const page of ctx.graph.pages(ctx.auth, ctx.mailbox, url))
        for (const item of page.items as Record<string, unknown>[]) found.set(String(item.id), item);
    }
    return [...found.values()];
  },

  matchFields: MATCH_FIELDS,
  duplicates() {
    const matcher = new ContactMatcher();
    return {
      add: (id, values) => matcher.add(id, values),
      match(values) {
        const result = matcher.match(values);
        return result.kind === 'match' ? { crmId: result.id, matchedBy: result.matchedBy } : undefined;
      },
    };
  },

  async prepare(ctx: MailboxContext, state, { due }) {
    const known = (state.categories as KnownCategory[] | undefined) ?? [];
    if (!due && known.length) return state;
    const result = await ensureMasterCategories(ctx.graph, ctx.auth, ctx.mailbox, known);
    return { ...state, categories: result.categories };
  },

  dryRun: ({ records, items, settings, containerExists }) =>
    buildContactDryRun({
      records: records as never,
      items,
      mapping: mappingOf(settings),
      containerExists,
      tagOf: (item) =>
        (item.singleValueExtendedProperties as { id: string; value: string }[] | undefined)?.find(
          (p) => p.id.toLowerCase() === CONTACT_TAG_PROPERTY.toLowerCase(),
        )?.value,
    }),
};

function pickMapped(values: SyncValues, mapping: ContactMapping): SyncValues {
  return Object.fromEntries(
    Object.keys(mapping)
      .filter((f) => Object.hasOwn(values, f))
      .map((f) => [f, values[f]]),
  );
}
