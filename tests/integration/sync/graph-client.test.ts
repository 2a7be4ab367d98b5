import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { GraphClient } from '../../../src/sync/graph/graph-client.js';
import { GraphCallError, type GraphAuth, type GraphPage } from '../../../src/sync/graph/graph-port.js';
import { SandboxedTandem, type SandboxUser } from '../../support/sandboxed-app.js';
import { TEST_CLIENT_ID } from '../../support/test-identity.js';

/** The Graph client against a real sandbox over HTTPS, with Tandem's own token broker (app-only). */
describe('Graph client: calls, pages, batches against the sandbox', () => {
  let sbx: SandboxedTandem;
  let olivia: SandboxUser;
  let app: GraphAuth;
  let folderPath: string;

  const client = (options: Partial<ConstructorParameters<typeof GraphClient>[0]> = {}) =>
    new GraphClient({
      tokens: sbx.app.tandem.container.tokenBroker!,
      baseUrl: `${sbx.sandbox.url}/v1.0`,
      logger: createLogger({ level: 'silent' }),
      ca: sbx.sandbox.sandbox.caPem,
      ...options,
    });
  const contact = (n: number) => ({
    givenName: 'Paged',
    surname: `Contact ${String(n).padStart(2, '0')}`,
    emailAddresses: [{ address: `paged.${n}@graph-client.example` }],
  });
  const collect = async <T>(pages: AsyncIterable<GraphPage<T>>) => {
    const out: GraphPage<T>[] = [];
    for await (const page of pages) out.push(page);
    return out;
  };
  const rejectsWith = async (work: () => Promise<unknown>, code: string) => {
    const err = await work().then(
      () => assert.fail(`expected ${code}`),
      (e: unknown) => e,
    );
    assert.ok(err instanceof GraphCallError, `expected a GraphCallError, got ${String(err)}`);
    assert.equal(err.code, code);
    return err;
  };

  before(async () => {
    sbx = await SandboxedTandem.start();
    olivia = sbx.user('olivia');
    app = { kind: 'app', tenantId: sbx.tenant(0).id };
    const graph = client();
    const folder = await graph.call<{ id: string }>(app, olivia.id, {
      method: 'POST',
      url: `/users/${olivia.id}/contactFolders`,
      body: { displayName: `Graph client ${randomUUID().slice(0, 8)}` },
    });
    folderPath = `/users/${olivia.id}/contactFolders/${folder.body.id}`;
    const created = await graph.batch(
      app,
      olivia.id,
      Array.from({ length: 30 }, (_, i) => ({
        method: 'POST' as const,
        url: `${folderPath}/contacts`,
        body: contact(i),
      })),
    );
    assert.ok(created.every((r) => !(r instanceof GraphCallError) && r.status === 201));
  });
  after(() => sbx?.stop());

  it('is the container’s one Graph client, pointed at the sandbox, and reads a mailbox with an app-only token', async () => {
    const graph = sbx.app.tandem.container.graph;
    assert.ok(graph instanceof GraphClient);
    const res = await graph.call<{ value: { displayName: string }[] }>(app, olivia.id, {
      method: 'GET',
      url: `/users/${olivia.id}/contactFolders?$select=displayName`,
    });
    assert.equal(res.status, 200);
    assert.ok(res.body.value.some((f) => f.displayName.startsWith('Graph client ')));
  });

  it('answers a batch in request order (30 creates: two envelopes of ≤ 20), each item created once', async () => {
    const res = await client().call<{ value: { surname: string }[] }>(app, olivia.id, {
      method: 'GET',
      url: `${folderPath}/contacts?$select=surname&$top=100`,
    });
    const surnames = res.body.value.map((c) => c.surname).sort();
    assert.deepEqual(
      surnames,
      Array.from({ length: 30 }, (_, i) => `Contact ${String(i).padStart(2, '0')}`),
    );
    const graph = client();
    const read = await graph.batch(
      app,
      olivia.id,
      [29, 3, 17].map((n) => ({
        method: 'GET' as const,
        url: `${folderPath}/contacts?$filter=emailAddresses/any(a:a/address eq 'paged.${n}@graph-client.example')&$select=surname`,
      })),
    );
    assert.deepEqual(
      read.map((r) => (r instanceof GraphCallError ? r.code : (r.body as any).value[0].surname)),
      ['Contact 29', 'Contact 03', 'Contact 17'],
    );
    assert.equal(graph.metrics().requestsSent, 1);
    assert.equal(graph.metrics().batchItems, 3);
  });

  it('classifies a failed batch item on its own (404 NOT_FOUND) while the others succeed', async () => {
    const [missing, found] = await client().batch(app, olivia.id, [
      { method: 'GET', url: `${folderPath}/contacts/AAMkAGnotthere=` },
      { method: 'GET', url: `${folderPath}?$select=displayName` },
    ]);
    assert.ok(missing instanceof GraphCallError);
    assert.equal(missing.code, 'NOT_FOUND');
    assert.ok(found && !(found instanceof GraphCallError) && found.status === 200);
  });

  it('pages a delta round with the maximum page size: one page of 30 and a deltaLink', async () => {
    const pages = await collect(
      client().pages(app, olivia.id, `${folderPath}/contacts/delta?$select=surname`),
    );
    assert.equal(pages.length, 1);
    assert.equal(pages[0]!.items.length, 30);
    assert.match(pages[0]!.deltaLink ?? '', /\$deltatoken=/);
  });

  it('follows nextLinks page by page until the deltaLink, each item once', async () => {
    const pages = await collect(
      client({ maxPageSize: 7 }).pages<{ id: string }>(app, olivia.id, `${folderPath}/contacts/delta`),
    );
    assert.deepEqual(
      pages.map((p) => p.items.length),
      [7, 7, 7, 7, 2],
    );
    assert.ok(pages.slice(0, -1).every((p) => p.nextLink && !p.deltaLink));
    assert.ok(pages.at(-1)!.deltaLink && !pages.at(-1)!.nextLink);
    assert.equal(new Set(pages.flatMap((p) => p.items.map((i) => i.id))).size, 30);
  });

  it('reports CURSOR_EXPIRED for an evicted delta link, on the first page and in the middle of paging', async () => {
    const graph = client({ maxPageSize: 7 });
    const round = await collect(graph.pages(app, olivia.id, `${folderPath}/contacts/delta`));
    const deltaLink = round.at(-1)!.deltaLink!;
    await fetch(`${sbx.sandbox.url}/_sandbox/delta/expire`, { method: 'POST' });
    const first = await rejectsWith(() => collect(graph.pages(app, olivia.id, deltaLink)), 'CURSOR_EXPIRED');
    assert.equal(first.status, 410);
    assert.equal(first.graphCode, 'SyncStateNotFound');

    const seen: number[] = [];
    await rejectsWith(async () => {
      for await (const page of graph.pages(app, olivia.id, `${folderPath}/contacts/delta`)) {
        seen.push(page.items.length);
        if (seen.length === 2) await fetch(`${sbx.sandbox.url}/_sandbox/delta/expire`, { method: 'POST' });
      }
    }, 'CURSOR_EXPIRED');
    assert.deepEqual(seen, [7, 7]);
  });

  it('refuses to send a token to a link outside the Graph root', async () => {
    const err = await rejectsWith(
      () => collect(client().pages(app, olivia.id, 'https://evil.example/v1.0/users')),
      'BAD_REQUEST',
    );
    assert.equal(err.status, 0);
  });

  it('reports CONSENT_REQUIRED when Tandem is not provisioned in the tenant (no token, no Graph call)', async () => {
    const fabrikam = sbx.tenant(1);
    const tenant = sbx.sandbox.sandbox.store.tenant(fabrikam.id)!;
    const consent = tenant.consents[TEST_CLIENT_ID];
    delete tenant.consents[TEST_CLIENT_ID];
    try {
      const graph = client();
      await rejectsWith(
        () =>
          graph.call({ kind: 'app', tenantId: fabrikam.id }, fabrikam.users[0]!.id, {
            method: 'GET',
            url: `/users/${fabrikam.users[0]!.id}/contactFolders`,
          }),
        'CONSENT_REQUIRED',
      );
      assert.equal(graph.metrics().requestsSent, 0);
    } finally {
      if (consent) tenant.consents[TEST_CLIENT_ID] = consent;
    }
  });

  it('asks for a token again after Graph answers 401, once; a second 401 is UNAUTHORIZED', async () => {
    const broker = sbx.app.tandem.container.tokenBroker!;
    const asked: boolean[] = [];
    const tokens = (stale: number) => ({
      token: async (auth: GraphAuth, afterUnauthorized: boolean) => {
        asked.push(afterUnauthorized);
        return asked.length <= stale ? 'stale.token.value' : (await broker.forApp(auth.tenantId)).accessToken;
      },
    });
    const request = { method: 'GET' as const, url: `/users/${olivia.id}/contactFolders?$top=1` };
    const recovered = client({ tokens: tokens(1) });
    assert.equal((await recovered.call(app, olivia.id, request)).status, 200);
    assert.deepEqual(asked, [false, true]);
    assert.equal(recovered.metrics().requestsSent, 2);

    asked.length = 0;
    const refused = client({ tokens: tokens(2) });
    const err = await rejectsWith(() => refused.call(app, olivia.id, request), 'UNAUTHORIZED');
    assert.equal(err.status, 401);
    assert.deepEqual(asked, [false, true]);
  });

  it('maps Graph’s 404 and 409 answers to NOT_FOUND and CONFLICT, without retrying them', async () => {
    const graph = client();
    await rejectsWith(
      () => graph.call(app, olivia.id, { method: 'GET', url: `${folderPath}/contacts/AAMkAGnotthere=` }),
      'NOT_FOUND',
    );
    const name = `Twice ${randomUUID().slice(0, 8)}`;
    const create = () =>
      graph.call(app, olivia.id, {
        method: 'POST',
        url: `/users/${olivia.id}/contactFolders`,
        body: { displayName: name },
      });
    await create();
    const conflict = await rejectsWith(create, 'CONFLICT');
    assert.equal(conflict.graphCode, 'ErrorFolderExists');
    assert.equal(graph.metrics().retries, 0);
  });
});
