import type { GraphDispatcher } from '../graph/graph-dispatcher.js';
import { cancelledOf } from '../graph/events-series.js';
import type { GraphPrincipal } from '../graph/graph-auth.js';
import type { Item } from '../store/model.js';
import type { SandboxStore } from '../store/sandbox-store.js';

export const SEED_APP_ID = 'sandbox-seed';
const DAY = 86_400_000;

/**
 * Gives each mailbox's first recurring series an exception (one occurrence retitled and moved an hour
 * later) and a cancelled occurrence, made as a user would make them: through the Graph pipeline.
 * Idempotent: a series that already has exceptions or cancellations is left alone, so a mailbox
 * loaded from disk is not changed twice.
 */
export async function seedSeriesChanges(dispatcher: GraphDispatcher, store: SandboxStore): Promise<void> {
  for (const tenant of Object.values(store.state.tenants)) {
    const principal: GraphPrincipal = {
      kind: 'app',
      tenantId: tenant.id,
      appId: SEED_APP_ID,
      scopes: new Set(),
      roles: new Set(['calendars.readwrite']),
    };
    for (const [userId, mailbox] of Object.entries(tenant.mailboxes)) {
      const events = Object.values(mailbox.events).filter((e) => !e._deleted);
      const master = events.find((e) => e.type === 'seriesMaster');
      if (!master || events.some((e) => e.seriesMasterId === master.id) || cancelledOf(master).length)
        continue;
      await changeSeries(dispatcher, principal, userId, master);
    }
  }
}

async function changeSeries(
  dispatcher: GraphDispatcher,
  principal: GraphPrincipal,
  userId: string,
  master: Item,
) {
  const start = new Date(`${(master.start as { dateTime: string }).dateTime.slice(0, 19)}Z`).getTime() - DAY;
  const window = `startDateTime=${new Date(start).toISOString()}&endDateTime=${new Date(start + 120 * DAY).toISOString()}`;
  const base = `/users/${userId}/events`;
  const listed = await dispatcher.dispatch(
    { method: 'GET', url: `${base}/${master.id}/instances?${window}&$top=10`, headers: {} },
    principal,
  );
  const occurrences =
    (
      listed.body as {
        value?: {
          id: string;
          start: { dateTime: string; timeZone: string };
          end: { dateTime: string; timeZone: string };
        }[];
      }
    ).value ?? [];
  const [, moved, cancelled] = occurrences;
  if (moved) {
    const later = (t: { dateTime: string }) => ({
      dateTime: new Date(new Date(`${t.dateTime.slice(0, 19)}Z`).getTime() + 3_600_000)
        .toISOString()
        .slice(0, 19),
      timeZone: 'UTC',
    });
    await expectOk(
      dispatcher.dispatch(
        {
          method: 'PATCH',
          url: `${base}/${moved.id}`,
          headers: {},
          body: {
            subject: `${String(master.subject)} (moved)`,
            start: later(moved.start),
            end: later(moved.end),
          },
        },
        principal,
      ),
    );
  }
  if (cancelled)
    await expectOk(
      dispatcher.dispatch({ method: 'DELETE', url: `${base}/${cancelled.id}`, headers: {} }, principal),
    );
}

async function expectOk(pending: ReturnType<GraphDispatcher['dispatch']>): Promise<void> {
  const res = await pending;
  if (res.status >= 400)
    throw new Error(`seeding a series change failed: ${res.status} ${JSON.stringify(res.body)}`);
}
