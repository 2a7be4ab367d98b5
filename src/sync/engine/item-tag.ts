import type { MailboxContext, SyncResource } from './sync-resource.js';

/**
 * How an Office 365 item carries the id of its CRM record (FACTS §6): the tag survives reinstalls
 * and resolves a create whose response was lost. Contacts use a single-value extended property
 * (filterable); To Do tasks a linked resource's `externalId`.
 */
export interface ItemTag {
  /** The part of a create body that tags the new item with `crmId`. */
  createBody(crmId: string): Record<string, unknown>;
  /** The query option (`$expand=…`) that makes a GET or a listing return each item's tag. */
  readonly expand: string;
  /** The CRM id an item (read with {@link expand}) carries, if any. */
  read(item: Record<string, unknown>): string | undefined;
  /**
   * The item of the container (its listing URL `itemsBase`, no query) carrying `crmId`, with its
   * `id` and version, if any.
   */
  find(ctx: MailboxContext, itemsBase: string, crmId: string): Promise<Record<string, unknown> | undefined>;
}

type ExtendedProperties = { id?: string; value?: string }[] | undefined;

/** The tag as a single-value extended property `propertyId` (the default: contacts, events). */
export function extendedPropertyTag(propertyId: string): ItemTag {
  return {
    createBody: (crmId) => ({ singleValueExtendedProperties: [{ id: propertyId, value: crmId }] }),
    expand: `$expand=singleValueExtendedProperties($filter=id eq '${propertyId}')`,
    read: (item) => (item.singleValueExtendedProperties as ExtendedProperties)?.[0]?.value || undefined,
    async find(ctx, itemsBase, crmId) {
      const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${propertyId}' and ep/value eq '${crmId}')`;
      const res = await ctx.graph.call<{ value: Record<string, unknown>[] }>(ctx.auth, ctx.mailbox, {
        method: 'GET',
        url: `${itemsBase}?$filter=${encodeURIComponent(filter)}&$select=id,changeKey`,
        idempotent: true,
      });
      return res.body.value[0];
    },
  };
}

const defaults = new WeakMap<SyncResource, ItemTag>();

/** The resource's tag: its own strategy, else the extended property {@link SyncResource.tagPropertyId}. */
export function tagOf(resource: SyncResource): ItemTag {
  if (resource.tag) return resource.tag;
  let tag = defaults.get(resource);
  if (!tag) {
    if (!resource.tagPropertyId) throw new Error(`sync resource ${resource.module} describes no tag`);
    tag = extendedPropertyTag(resource.tagPropertyId);
    defaults.set(resource, tag);
  }
  return tag;
}

/**
 * The item's version as `If-Match` takes it inside `W/"…"`: Outlook's `changeKey`, else the
 * `@odata.etag` (To Do items have no `changeKey`; their etag changes on every write).
 */
export function versionOf(item: Record<string, unknown>): string | null {
  if (typeof item.changeKey === 'string') return item.changeKey;
  const etag = item['@odata.etag'];
  if (typeof etag !== 'string') return null;
  return /^W\/"(.*)"$/.exec(etag)?.[1] ?? etag;
}
