import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { OUTLOOK_CLIENT_ID } from '../../../src/sandbox/tools/tools.routes.js';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';
import { graphCaller } from '../../support/graph-call.js';
import { GraphConformance } from '../../support/graph-conformance.js';

type User = TestSandbox['tenants'][number]['users'][number];

describe('Sandbox: Graph teamwork/installedApps (install the bot for a user)', () => {
  let sbx: TestSandbox;
  let bob: User;
  let alice: User;
  let appToken: string;
  const tandemApp = randomUUID();
  const otherApp = randomUUID();
  const manifestId = randomUUID();
  const conformance = GraphConformance.load();

  const graphCall = graphCaller(
    () => sbx.url,
    () => '',
  );
  const call = (method: string, path: string, as: string, body?: unknown) =>
    graphCall(method, path, body, {}, as);

  const bind = (id: string) => ({
    'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${id}`,
  });

  async function publish(id: string, body: object) {
    return fetch(`${sbx.url}/_sandbox/teams/catalog/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async function installationsTool() {
    const res = await fetch(`${sbx.url}/_sandbox/teams/installations?teamsAppId=${tandemApp}`);
    return ((await res.json()) as { installations: any[] }).installations;
  }

  before(async () => {
    sbx = await startTestSandbox({ contactsPerUser: 0, eventsPerUser: 0, tasksPerUser: 0 });
    [alice, bob] = [sbx.tenants[0]!.users[1]!, sbx.tenants[0]!.users[2]!];
    const result = await sbx
      .msal(sbx.tenants[0]!.id)
      .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    appToken = result!.accessToken;
    const created = await publish(tandemApp, { displayName: 'Tandem', externalId: manifestId });
    assert.equal(created.status, 201);
    assert.equal((await publish(tandemApp, { displayName: 'Tandem', externalId: manifestId })).status, 200);
    assert.equal(
      (await publish(otherApp, { displayName: 'Other', azureADAppId: OUTLOOK_CLIENT_ID })).status,
      201,
    );
    assert.equal((await publish('not-a-guid', { displayName: 'Bad' })).status, 400);
  });
  after(() => sbx.stop());

  it('installs the app for a user (201, no body), 409 on a repeat; lists, expands and filters it', async () => {
    const path = `/users/${bob.id}/teamwork/installedApps`;
    const none = await call('GET', `${path}?$filter=teamsApp/id eq '${tandemApp}'`, appToken);
    assert.deepEqual(none.body.value, [], 'an empty array when not installed');
    const installed = await call('POST', path, appToken, bind(tandemApp));
    assert.equal(installed.status, 201);
    assert.equal(installed.body, undefined);
    const again = await call('POST', path, appToken, bind(tandemApp));
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'Conflict');

    const listed = await call(
      'GET',
      `${path}?$expand=teamsApp,teamsAppDefinition&$filter=teamsApp/id eq '${tandemApp}'`,
      appToken,
    );
    assert.equal(listed.body.value.length, 1);
    const [installation] = listed.body.value;
    assert.equal(installation.teamsApp.id, tandemApp);
    assert.equal(installation.teamsApp.externalId, manifestId);
    assert.equal(installation.teamsAppDefinition.teamsAppId, tandemApp);
    assert.notEqual(installation.id, tandemApp, 'an installation id is not the app id');
    const byManifest = await call(
      'GET',
      `${path}?$expand=teamsAppDefinition&$filter=teamsAppDefinition/teamsAppId eq '${tandemApp}'`,
      appToken,
    );
    assert.deepEqual(
      byManifest.body.value.map((i: any) => i.id),
      [installation.id],
    );
    const plain = await call('GET', `${path}/${installation.id}`, appToken);
    assert.deepEqual(Object.keys(plain.body).sort(), ['@odata.context', 'id']);

    const mine = await sbx
      .graph(await sbx.token(bob.userPrincipalName, 'graph'))
      .api('/me/teamwork/installedApps')
      .expand('teamsApp')
      .get();
    conformance.assertResponse({
      method: 'GET',
      url: `${sbx.url}/v1.0/me/teamwork/installedApps`,
      status: 200,
      body: mine,
    });
    assert.deepEqual(
      mine.value.map((i: any) => i.teamsApp.displayName),
      ['Tandem'],
    );
  });

  it("gets the user's 1:1 chat with the bot (deterministic id), as the installations tool reports it", async () => {
    const path = `/users/${bob.id}/teamwork/installedApps`;
    const [installation] = (await call('GET', `${path}?$filter=teamsApp/id eq '${tandemApp}'`, appToken)).body
      .value;
    const chat = await call('GET', `${path}/${installation.id}/chat`, appToken);
    assert.equal(chat.status, 200);
    assert.match(chat.body.id, /^19:[0-9a-f-]+_[0-9a-f-]+@unq\.gbl\.spaces$/);
    assert.ok(
      chat.body.id.includes(bob.id) && chat.body.id.includes(tandemApp),
      'between the user and the bot',
    );
    assert.equal(chat.body.chatType, 'oneOnOne');
    assert.equal(chat.body.tenantId, sbx.tenants[0]!.id);
    assert.equal((await call('GET', `${path}/${installation.id}/chat`, appToken)).body.id, chat.body.id);
    const [record] = (await installationsTool()).filter((i) => i.userId === bob.id);
    assert.equal(record.chatId, chat.body.id);
    assert.equal(record.installationId, installation.id);
    assert.equal(record.userPrincipalName, bob.userPrincipalName);
  });

  it('uninstalls (204), after which the installation is gone and can be installed again', async () => {
    const path = `/users/${bob.id}/teamwork/installedApps`;
    const [installation] = (await call('GET', `${path}?$filter=teamsApp/id eq '${tandemApp}'`, appToken)).body
      .value;
    assert.equal((await call('DELETE', `${path}/${installation.id}`, appToken)).status, 204);
    const gone = await call('GET', `${path}/${installation.id}`, appToken);
    assert.equal(gone.status, 404);
    assert.equal((await call('GET', `${path}/${installation.id}/chat`, appToken)).status, 404);
    assert.equal((await installationsTool()).filter((i) => i.userId === bob.id).length, 0);
    assert.equal((await call('POST', path, appToken, bind(tandemApp))).status, 201);
  });

  it('answers 404 for an app that is not in the catalog, 400 without the binding; installs nothing', async () => {
    const path = `/users/${alice.id}/teamwork/installedApps`;
    const unknown = await call('POST', path, appToken, bind(randomUUID()));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'NotFound');
    const unbound = await call('POST', path, appToken, { teamsApp: tandemApp });
    assert.equal(unbound.status, 400);
    assert.deepEqual((await call('GET', path, appToken)).body.value, []);
  });

  it("refuses another user's apps to a delegated token; …Self… permissions cover the caller's own app only", async () => {
    const bobs = await sbx.token(bob.userPrincipalName, 'graph');
    const others = await call('GET', `/users/${alice.id}/teamwork/installedApps`, bobs);
    assert.equal(others.status, 403);
    const self = await sbx.token(alice.userPrincipalName, 'graph', [
      'TeamsAppInstallation.ReadWriteSelfForUser',
    ]);
    const foreign = await call('POST', '/me/teamwork/installedApps', self, bind(tandemApp));
    assert.equal(foreign.status, 403);
    assert.equal((await call('POST', '/me/teamwork/installedApps', self, bind(otherApp))).status, 201);
    assert.equal(
      (await call('POST', `/users/${alice.id}/teamwork/installedApps`, appToken, bind(tandemApp))).status,
      201,
    );
    const seen = await call('GET', '/me/teamwork/installedApps?$expand=teamsApp', self);
    assert.deepEqual(
      seen.body.value.map((i: any) => i.teamsApp.id),
      [otherApp],
      'the other app is invisible',
    );
    const readOnly = await sbx.token(alice.userPrincipalName, 'graph', ['TeamsAppInstallation.ReadForUser']);
    assert.equal((await call('GET', '/me/teamwork/installedApps', readOnly)).body.value.length, 2);
    assert.equal((await call('POST', '/me/teamwork/installedApps', readOnly, bind(tandemApp))).status, 403);
  });
});
