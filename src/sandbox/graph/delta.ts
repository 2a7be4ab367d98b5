import type { Item } from '../store/model.js';
import { graphErrors } from './graph-error.js';
import type { GraphContext } from './graph-route.js';
import { linkTo, present } from './odata.js';

/** What a `$skiptoken`/`$deltatoken` carries (opaque to clients, as Graph's are). */
interface DeltaState {
  /** The collection scope the token belongs to (e.g. a contact folder id). */
  scope: string;
  epoch: string;
  /** Changes after this sequence belong to the round… */
  from: number;
  /** …up to this one (the store's sequence when the round began). */
  to: number;
  /** Paging inside the round: the last sequence already served. */
  after: number;
  initial: boolean;
  select?: string[];
  /** `$expand` of the first call, for collections whose delta expands navigations (To Do tasks). */
  expand?: string;
  size: number;
}

const encode = (s: DeltaState) => Buffer.from(JSON.stringify(s)).toString('base64url');

function decode(token: string, scope: string, epoch: string): DeltaState {
  let state: DeltaState;
  try {
    state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
  } catch {
    throw graphErrors.badRequest('The delta token is malformed.', 'BadRequest');
  }
  if (typeof state !== 'object' || state === null || state.scope !== scope) {
    throw graphErrors.badRequest('The delta token does not belong to this collection.', 'BadRequest');
  }
  if (state.epoch !== epoch) throw graphErrors.syncStateNotFound();
  return state;
}

/**
 * One page of a delta round over `items` (every item of the scope, tombstones included). A round
 * covers the changes with a sequence in (from, to]; pages advance by sequence, so an item changed
 * while a client pages moves to the next round instead of being skipped. The first round returns
 * live items only; later rounds return tombstones as `@removed`. Query options are given on the
 * first call only and carried in the tokens.
 */
export function deltaPage(
  ctx: GraphContext,
  scope: string,
  items: Item[],
  options: {
    etag: boolean;
    defaultSize?: number;
    /** The navigations `$expand` asks for, added to each live item (none: `$expand` is ignored). */
    expand?: (item: Item, expand: string) => Record<string, unknown>;
  },
): Record<string, unknown> {
  const epoch = ctx.store.state.epoch;
  const { skiptoken, deltatoken } = ctx.query;
  let state: DeltaState;
  if (skiptoken) state = decode(skiptoken, scope, epoch);
  else if (deltatoken) {
    const previous = decode(deltatoken, scope, epoch);
    state = { ...previous, from: previous.to, to: ctx.store.state.seq, after: previous.to, initial: false };
  } else {
    const size = Math.min(ctx.prefer.maxPageSize ?? options.defaultSize ?? 10, 1000);
    const to = ctx.store.state.seq;
    const expand = options.expand ? ctx.query.expand : undefined;
    state = { scope, epoch, from: 0, to, after: 0, initial: true, select: ctx.query.select, expand, size };
  }
  const due = items
    .filter((i) => i._seq > state.after && i._seq <= state.to && !(state.initial && i._deleted))
    .sort((a, b) => a._seq - b._seq);
  const page = due.slice(0, state.size);
  const value = page.map((i) =>
    i._deleted
      ? { id: i.id, '@removed': { reason: 'deleted' } }
      : {
          ...present(i, { select: state.select, etag: options.etag }),
          ...(state.expand && options.expand ? options.expand(i, state.expand) : {}),
        },
  );
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#Collection(delta)`,
    value,
  };
  if (due.length > page.length) {
    body['@odata.nextLink'] = linkTo(ctx, {
      $skiptoken: encode({ ...state, after: page[page.length - 1]!._seq }),
    });
  } else {
    body['@odata.deltaLink'] = linkTo(ctx, { $deltatoken: encode({ ...state, after: state.to }) });
  }
  return body;
}
