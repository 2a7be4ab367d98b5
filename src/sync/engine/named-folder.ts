import { GraphCallError } from '../graph/graph-port.js';
import type { MailboxContext, SyncResource } from './sync-resource.js';

/** Quotes a string for an OData `$filter` literal. */
export const odataQuote = (s: string) => s.replace(/'/g, "''");

/**
 * A resource's dedicated Outlook folder ("Tandem Contacts", the "Tandem" calendar) in the member's
 * mailbox, found by its name: an existing folder of that name is adopted, never duplicated; a create
 * that meets one (409 `ErrorFolderExists`, also after a lost response) adopts it too.
 */
export function namedFolder(spec: {
  /** The folder collection, e.g. `/users/{mailbox}/calendars`. */
  collection: (mailbox: string) => string;
  /** The folder's name property (`displayName` for contact folders, `name` for calendars). */
  nameProperty: 'displayName' | 'name';
  name: string;
}): Pick<SyncResource, 'findContainer' | 'ensureContainer' | 'deleteContainer'> {
  const { collection, nameProperty, name } = spec;
  const find = async (ctx: MailboxContext): Promise<string | null> => {
    const filter = encodeURIComponent(`${nameProperty} eq '${odataQuote(name)}'`);
    const res = await ctx.graph.call<{ value: { id: string }[] }>(ctx.auth, ctx.mailbox, {
      method: 'GET',
      url: `${collection(ctx.mailbox)}?$filter=${filter}&$select=id,${nameProperty}`,
      idempotent: true,
    });
    return res.body.value[0]?.id ?? null;
  };
  return {
    findContainer: find,
    async ensureContainer(ctx) {
      const existing = await find(ctx);
      if (existing) return existing;
      try {
        const res = await ctx.graph.call<{ id: string }>(ctx.auth, ctx.mailbox, {
          method: 'POST',
          url: collection(ctx.mailbox),
          body: { [nameProperty]: name },
          // A repeated create answers 409 ErrorFolderExists, which adopts the folder.
          idempotent: true,
        });
        return res.body.id;
      } catch (err) {
        if (!(err instanceof GraphCallError) || err.code !== 'CONFLICT') throw err;
        const adopted = await find(ctx);
        if (!adopted) throw err;
        return adopted;
      }
    },
    async deleteContainer(ctx, containerId) {
      await ctx.graph.call(ctx.auth, ctx.mailbox, {
        method: 'DELETE',
        url: `${collection(ctx.mailbox)}/${encodeURIComponent(containerId)}`,
        idempotent: true,
      });
    },
  };
}
