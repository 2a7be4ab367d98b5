import assert from 'node:assert/strict';
import type { Client } from '@microsoft/microsoft-graph-client';
import { PageIterator } from '@microsoft/microsoft-graph-client';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';
import { graphCaller } from '../../support/graph-call.js';

const TANDEM_ID = 'String {8e9c4a7e-3c1b-4d2a-9f5e-2b7d6c1a0e33} Name TandemRecordId';

describe('Sandbox: Graph contacts and contact folders', () => {
  let sbx: TestSandbox;
  let graph: Client;
  let token: string;
  let upn: string;

  const call = graphCaller(
    () => sbx.url,
    () => token,
  );

  before(async () => {
    sbx = await startTestSandbox();
    upn = sbx.tenants[0]!.users[2]!.userPrincipalName;
    token = await sbx.token(upn, 'graph');
    graph = sbx.graph(token);
  });
  after(() => sbx.stop());

  it('lists the seeded contacts with paging through absolute https nextLinks (PageIterator)', async () => {
    const first = await call('GET', '/me/contacts?$top=7&$select=displayName,emailAddresses');
    assert.equal(first.status, 200);
    assert.equal(first.body.value.length, 7);
    assert.match(first.body['@odata.nextLink'], new RegExp(`^${sbx.url}/v1\\.0/`));
    for (const c of first.body.value)
      assert.deepEqual(Object.keys(c).sort(), ['@odata.etag', 'displayName', 'emailAddresses', 'id']);
    const names: string[] = [];
    await new PageIterator(graph, first.body, (c: any) => {
      names.push(c.displayName);
      return true;
    }).iterate();
    assert.equal(names.length, 25);
  });

  it('creates the Tandem folder once (409 ErrorFolderExists on a duplicate name) and CRUDs contacts in it', async () => {
    const folder = await call('POST', '/me/contactFolders', { displayName: 'Tandem Contacts' });
    assert.equal(folder.status, 201);
    const dup = await call('POST', '/me/contactFolders', { displayName: 'tandem contacts' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'ErrorFolderExists');
    const found = await call('GET', `/me/contactFolders?$filter=displayName eq 'Tandem Contacts'`);
    assert.deepEqual(
      found.body.value.map((f: any) => f.id),
      [folder.body.id],
    );

    const created = await call('POST', `/me/contactFolders/${folder.body.id}/contacts`, {
      givenName: 'Grace',
      surname: 'Hopper',
      emailAddresses: [{ address: 'grace@navy.example', name: 'Grace Hopper' }],
      companyName: 'US Navy',
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.displayName, 'Grace Hopper', 'Outlook fills displayName');
    assert.equal(created.body.parentFolderId, folder.body.id);
    assert.equal(created.body['@odata.etag'], `W/"${created.body.changeKey}"`);

    const updated = await call(
      'PATCH',
      `/me/contacts/${created.body.id}`,
      { jobTitle: 'Rear Admiral' },
      { 'if-match': created.body['@odata.etag'] },
    );
    assert.equal(updated.status, 200);
    assert.notEqual(updated.body.changeKey, created.body.changeKey);
    const stale = await call(
      'PATCH',
      `/me/contacts/${created.body.id}`,
      { jobTitle: 'Commodore' },
      { 'if-match': created.body['@odata.etag'] },
    );
    assert.equal(stale.status, 412);
    assert.equal(stale.body.error.code, 'ErrorIrresolvableConflict');
    assert.equal((await call('GET', `/me/contacts/${created.body.id}`)).body.jobTitle, 'Rear Admiral');

    const del = await call('DELETE', `/me/contactFolders/${folder.body.id}/contacts/${created.body.id}`);
    assert.equal(del.status, 204);
    const gone = await call('GET', `/me/contacts/${created.body.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'ErrorItemNotFound');
  });

  it('stamps, expands and finds items by a single-value extended property', async () => {
    const { body: folder } = await call('POST', '/me/contactFolders', { displayName: `Props ${Date.now()}` });
    const { body: c } = await call('POST', `/me/contactFolders/${folder.id}/contacts`, {
      surname: 'Tagged',
      singleValueExtendedProperties: [{ id: TANDEM_ID, value: 'crm-42' }],
    });
    assert.equal(c.singleValueExtendedProperties, undefined, 'not returned unless expanded');
    const expanded = await call(
      'GET',
      `/me/contacts/${c.id}?$expand=singleValueExtendedProperties($filter=id eq '${TANDEM_ID}')`,
    );
    assert.deepEqual(expanded.body.singleValueExtendedProperties, [{ id: TANDEM_ID, value: 'crm-42' }]);
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${TANDEM_ID}' and ep/value eq 'crm-42')`;
    const hits = await call(
      'GET',
      `/me/contactFolders/${folder.id}/contacts?$filter=${encodeURIComponent(filter)}`,
    );
    assert.deepEqual(
      hits.body.value.map((x: any) => x.id),
      [c.id],
    );
    const misses = await call(
      'GET',
      `/me/contactFolders/${folder.id}/contacts?$filter=${encodeURIComponent(filter.replace('crm-42', 'crm-43'))}`,
    );
    assert.equal(misses.body.value.length, 0);
  });

  it('delta: rounds with paging, @removed tombstones, $select carried in the tokens, 410 once tokens are evicted', async () => {
    const { body: folder } = await call('POST', '/me/contactFolders', { displayName: `Delta ${Date.now()}` });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (
          await call('POST', `/me/contactFolders/${folder.id}/contacts`, {
            surname: `Person ${i}`,
            jobTitle: 'x',
          })
        ).body.id,
      );
    }
    const delta = `/me/contactFolders/${folder.id}/contacts/microsoft.graph.delta()?$select=surname`;
    let page = await call('GET', delta, undefined, { prefer: 'odata.maxpagesize=2' });
    const seen: any[] = [...page.body.value];
    while (page.body['@odata.nextLink']) {
      assert.equal(page.body.value.length, 2);
      page = await call('GET', page.body['@odata.nextLink'].replace(`${sbx.url}/v1.0`, ''));
      seen.push(...page.body.value);
    }
    assert.deepEqual(seen.map((c) => c.id).sort(), [...ids].sort());
    assert.ok(
      seen.every((c) => c.jobTitle === undefined && typeof c.surname === 'string'),
      '$select is kept',
    );
    const deltaLink: string = page.body['@odata.deltaLink'];
    assert.match(deltaLink, /\$deltatoken=/);

    const quiet = await call('GET', deltaLink.replace(`${sbx.url}/v1.0`, ''));
    assert.deepEqual(quiet.body.value, []);
    await call('PATCH', `/me/contacts/${ids[0]}`, { surname: 'Renamed' });
    await call('DELETE', `/me/contacts/${ids[1]}`);
    const changes = await call('GET', quiet.body['@odata.deltaLink'].replace(`${sbx.url}/v1.0`, ''));
    const byId = new Map(changes.body.value.map((c: any) => [c.id, c]));
    assert.equal((byId.get(ids[0]) as any).surname, 'Renamed');
    assert.deepEqual(byId.get(ids[1]), { id: ids[1], '@removed': { reason: 'deleted' } });
    assert.equal(changes.body.value.length, 2);

    // The official client follows the same links.
    const viaSdk = await graph.api(changes.body['@odata.deltaLink']).get();
    assert.deepEqual(viaSdk.value, []);

    const expire = await fetch(`${sbx.url}/_sandbox/delta/expire`, { method: 'POST' });
    assert.equal(expire.status, 200);
    const expired = await call('GET', changes.body['@odata.deltaLink'].replace(`${sbx.url}/v1.0`, ''));
    assert.equal(expired.status, 410);
    assert.equal(expired.body.error.code, 'SyncStateNotFound');
    const restart = await call('GET', `/me/contactFolders/${folder.id}/contacts/delta`);
    assert.equal(restart.body.value.length, 4, 'a full resync returns what exists now');
  });

  it("refuses unknown properties, malformed bodies and another user's mailbox", async () => {
    const unknown = await call('POST', '/me/contacts', { surname: 'X', favouriteColour: 'red' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'RequestBodyRead');
    const mistyped = await call('POST', '/me/contacts', { surname: 'X', emailAddresses: 'x@example.com' });
    assert.equal(mistyped.status, 400);
    const other = sbx.tenants[0]!.users.find((u) => u.userPrincipalName !== upn)!;
    const denied = await call('GET', `/users/${other.id}/contacts`);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'ErrorAccessDenied');
    const noToken = await fetch(`${sbx.url}/v1.0/me/contacts`);
    assert.equal(noToken.status, 401);
    assert.equal(((await noToken.json()) as any).error.code, 'InvalidAuthenticationToken');
  });

  it('app-only tokens reach /users/{id} mailboxes but not /me', async () => {
    const tenant = sbx.tenants[0]!;
    const result = await sbx
      .msal(tenant.id)
      .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    const appToken = result!.accessToken;
    const me = await call('GET', '/me/contacts', undefined, {}, appToken);
    assert.equal(me.status, 400);
    const theirs = await call(
      'GET',
      `/users/${tenant.users[3]!.userPrincipalName}/contacts?$top=3`,
      undefined,
      {},
      appToken,
    );
    assert.equal(theirs.status, 200);
    assert.equal(theirs.body.value.length, 3);
    const foreign = sbx.tenants[1]!.users[0]!.id;
    const cross = await call('GET', `/users/${foreign}/contacts`, undefined, {}, appToken);
    assert.equal(cross.status, 404, "another tenant's users do not exist here");
  });

  it('searches the directory the way Graph requires (ConsistencyLevel: eventual)', async () => {
    const search = `/users?$search="displayName:${encodeURIComponent(sbx.tenants[0]!.users[4]!.userPrincipalName.slice(0, 3))}"&$count=true&$select=id,displayName,userPrincipalName`;
    const refused = await call('GET', search);
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /ConsistencyLevel: eventual/);
    const found = await call('GET', search, undefined, { consistencylevel: 'eventual' });
    assert.equal(found.status, 200);
    assert.ok(found.body.value.length >= 1);
    assert.equal(found.body['@odata.count'], found.body.value.length);
    const me = await call('GET', '/me');
    assert.equal(me.body.userPrincipalName, upn);
  });
});
