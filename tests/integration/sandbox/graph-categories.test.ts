import assert from 'node:assert/strict';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';
import { graphCaller } from '../../support/graph-call.js';

describe('Sandbox: Outlook master categories', () => {
  let sbx: TestSandbox;
  let token: string;
  let upn: string;

  const graphCall = graphCaller(
    () => sbx.url,
    () => token,
  );
  const call = (method: string, path: string, body?: unknown, as?: string) =>
    graphCall(method, path, body, {}, as);
  const rename = (body: Record<string, unknown>) =>
    fetch(`${sbx.url}/_sandbox/outlook/rename-category`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const names = async () =>
    (await call('GET', '/me/outlook/masterCategories')).body.value.map((c: any) => c.displayName);

  before(async () => {
    sbx = await startTestSandbox();
    // The second Contoso user already has Tandem's categories in Outlook (seed).
    upn = sbx.tenants[0]!.users[1]!.userPrincipalName;
    token = await sbx.token(upn, 'graph');
  });
  after(() => sbx.stop());

  it('lists the seeded master categories', async () => {
    const list = await call('GET', '/me/outlook/masterCategories');
    assert.equal(list.status, 200);
    const person = list.body.value.find((c: any) => c.displayName === 'Tandem Person');
    assert.deepEqual(Object.keys(person).sort(), ['color', 'displayName', 'id']);
    assert.match(person.id, /^[0-9a-f-]{36}$/);
    assert.ok((await names()).includes('VIP'));
  });

  it('creates a category once: the name is required and unique (409), the color a preset or none', async () => {
    const created = await call('POST', '/me/outlook/masterCategories', {
      displayName: 'Tandem Lead',
      color: 'preset4',
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.color, 'preset4');
    const dup = await call('POST', '/me/outlook/masterCategories', {
      displayName: 'tandem lead',
      color: 'preset1',
    });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'nameAlreadyExists');
    assert.equal((await call('POST', '/me/outlook/masterCategories', { color: 'preset1' })).status, 400);
    const badColor = await call('POST', '/me/outlook/masterCategories', { displayName: 'Red', color: 'red' });
    assert.equal(badColor.status, 400);
    const noColor = await call('POST', '/me/outlook/masterCategories', { displayName: 'Plain' });
    assert.equal(noColor.body.color, 'none');
    const read = await call('GET', `/me/outlook/masterCategories/${created.body.id}`);
    assert.equal(read.body.displayName, 'Tandem Lead');
  });

  it('changes only the color by PATCH; a new displayName is refused', async () => {
    const { body: c } = await call('POST', '/me/outlook/masterCategories', {
      displayName: 'Tandem Past Customer',
      color: 'preset2',
    });
    const recolored = await call('PATCH', `/me/outlook/masterCategories/${c.id}`, { color: 'preset15' });
    assert.equal(recolored.status, 200);
    assert.equal(recolored.body.color, 'preset15');
    const same = await call('PATCH', `/me/outlook/masterCategories/${c.id}`, {
      displayName: c.displayName,
      color: 'preset16',
    });
    assert.equal(same.status, 200, 'sending the unchanged name back is fine');
    const renamed = await call('PATCH', `/me/outlook/masterCategories/${c.id}`, {
      displayName: 'Ex-customers',
    });
    assert.equal(renamed.status, 400);
    assert.equal(renamed.body.error.code, 'ErrorInvalidRequest');
    assert.equal((await call('GET', `/me/outlook/masterCategories/${c.id}`)).body.displayName, c.displayName);
  });

  it('a user can rename a category in Outlook (tool); Tandem then restores its name by creating it again', async () => {
    const person = (await call('GET', '/me/outlook/masterCategories')).body.value.find(
      (c: any) => c.displayName === 'Tandem Person',
    );
    const res = await rename({ userPrincipalName: upn, id: person.id, displayName: 'People' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { id: person.id, displayName: 'People', color: person.color });
    const after = await call('GET', `/me/outlook/masterCategories/${person.id}`);
    assert.equal(after.body.displayName, 'People');
    assert.ok(!(await names()).includes('Tandem Person'));
    const restored = await call('POST', '/me/outlook/masterCategories', {
      displayName: 'Tandem Person',
      color: person.color,
    });
    assert.equal(restored.status, 201);
    const taken = await rename({ userPrincipalName: upn, id: person.id, displayName: 'tandem person' });
    assert.equal(taken.status, 409);
    const unknown = await rename({
      userPrincipalName: 'nobody@nowhere.example',
      id: person.id,
      displayName: 'X',
    });
    assert.equal(unknown.status, 404);
  });

  it('deletes a category; items keep the name they carry', async () => {
    const { body: c } = await call('POST', '/me/outlook/masterCategories', {
      displayName: 'Short-lived',
      color: 'preset0',
    });
    assert.equal((await call('DELETE', `/me/outlook/masterCategories/${c.id}`)).status, 204);
    const gone = await call('GET', `/me/outlook/masterCategories/${c.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'ErrorItemNotFound');
  });

  it('needs MailboxSettings permissions and the own mailbox for delegated tokens', async () => {
    const tasksOnly = await sbx.token(upn, 'graph', ['Tasks.ReadWrite']);
    assert.equal((await call('GET', '/me/outlook/masterCategories', undefined, tasksOnly)).status, 403);
    const readOnly = await sbx.token(upn, 'graph', ['MailboxSettings.Read']);
    assert.equal((await call('GET', '/me/outlook/masterCategories', undefined, readOnly)).status, 200);
    const write = await call('POST', '/me/outlook/masterCategories', { displayName: 'Nope' }, readOnly);
    assert.equal(write.status, 403);
    const other = sbx.tenants[0]!.users[0]!;
    assert.equal((await call('GET', `/users/${other.id}/outlook/masterCategories`)).status, 403);
  });
});
