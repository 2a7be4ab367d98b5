import type { ItemTag } from '../engine/item-tag.js';

/** The `applicationName` of the linked resource Tandem adds to each task it syncs. */
export const TANDEM_APPLICATION = 'Tandem';

type LinkedResource = { applicationName?: string; externalId?: string };

/**
 * The CRM id of a To Do task travels in a linked resource's `externalId` ("ID of the object that is
 * associated with this task on the third-party/partner system", FACTS §4, §6): To Do tasks carry no
 * extended property in Tandem's design. Graph documents no `$filter` on linkedResources, so a task
 * is found by listing the list's tasks with their linked resources and matching here — one list,
 * small enough to page through (a lost create is rare).
 */
export const linkedResourceTag: ItemTag = {
  createBody: (crmId) => ({
    linkedResources: [
      { applicationName: TANDEM_APPLICATION, displayName: 'Tandem CRM task', externalId: crmId },
    ],
  }),
  expand: '$expand=linkedResources',
  read(item) {
    const linked = item.linkedResources as LinkedResource[] | undefined;
    const ours = linked?.find((l) => l.applicationName === TANDEM_APPLICATION && l.externalId);
    return ours?.externalId;
  },
  async find(ctx, itemsBase, crmId) {
    const url = `${itemsBase}?$select=id&$expand=linkedResources`;
    for await (const page of ctx.graph.pages(ctx.auth, ctx.mailbox, url))
      for (const item of page.items as Record<string, unknown>[])
        if (linkedResourceTag.read(item)?.toLowerCase() === crmId.toLowerCase()) return item;
    return undefined;
  },
};
