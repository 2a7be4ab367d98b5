import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BUILT_IN_PROFILES } from '../../src/tenancy/permissions.js';
import { profiles } from '../../src/tenancy/tenancy.table.js';
import { SandboxedTandem, type SandboxedMember } from '../support/sandboxed-app.js';

/**
 * The sync REST API as the Sync tab uses it, against the engine and the Microsoft 365 sandbox:
 * shapes, validation, permissions, and that every answer is the caller's own.
 */
describe('Sync REST API (/api/v1/sync)', function () {
  this.timeout(60_000);
  let t: SandboxedTandem;
  let admin: SandboxedMember;
  let member: SandboxedMember;
  let fabrikam: SandboxedMember;

  const api = (who: { token: string }, method: string, path: string, body?: unknown) =>
    t.app.request(method, `/api/v1${path}`, { token: who.token, body });

  before(async () => {
    t = await SandboxedTandem.start({ ownDatabase: true });
    admin = await t.provision(t.tenant(0).users.find((u) => u.isAdministrator)!);
    member = await t.addMember(admin.orgId, t.user('samuel'), 'standard');
    fabrikam = await t.provision(
      t.tenant(1).users.find((u) => u.isAdministrator)!,
      1,
    );
  });
  after(() => t?.stop());

  it('GET /sync lists every module with its switch, state, counts, pending, errors and settings', async () => {
    const res = await api(member, 'GET', '/sync');
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.modules.map((m: any) => [m.module, m.enabled, m.state]),
      [
        ['contacts', false, 'disabled'],
        ['meetings', false, 'disabled'],
        ['tasks', false, 'disabled'],
      ],
    );
    const contacts = res.body.modules[0];
    assert.equal(contacts.container.name, 'Tandem Contacts');
    assert.deepEqual(contacts.counts.toCrm, { created: 0, updated: 0, deleted: 0 });
    assert.equal(contacts.pending, 0);
    assert.deepEqual(contacts.errors, []);
    assert.equal(contacts.updatedAt, null);
    const one = await api(member, 'GET', '/sync/contacts');
    assert.deepEqual(one.body, contacts);
  });

  it('GET /sync/contacts/catalog offers CRM fields, the Graph fields they may map to, the default mapping and options', async () => {
    const res = await api(member, 'GET', '/sync/contacts/catalog');
    assert.equal(res.status, 200);
    const crm = res.body.crmFields.map((f: any) => f.name);
    const graph = res.body.graphFields.map((f: any) => f.name);
    for (const f of ['firstName', 'lastName', 'emails', 'companyName']) assert.ok(crm.includes(f), f);
    for (const f of ['givenName', 'surname', 'emailAddresses', 'companyName'])
      assert.ok(graph.includes(f), f);
    assert.equal(res.body.defaultMapping.firstName, 'givenName');
    const option = res.body.options.find((o: any) => o.name === 'deleteCrmOnRemoteDelete');
    assert.equal(option.default, false, 'deletions are not propagated by default');
  });

  it('PUT refuses unknown fields, a bad mapping and bad options with a field error each, and changes nothing', async () => {
    const before = (await api(member, 'GET', '/sync/contacts')).body;
    const refusals: [unknown, string, string][] = [
      [{ enabled: false, userId: admin.userId }, '/userId', 'unknown_field'],
      [{ enabled: false, state: 'idle' }, '/state', 'unknown_field'],
      [{ enabled: 'yes' }, '/enabled', 'invalid_type'],
      [{ options: {} }, '/enabled', 'invalid_type'],
      [{ enabled: false, mapping: { firstName: 'shoeSize' } }, '/mapping/firstName', 'unknown_graph_field'],
      [{ enabled: false, mapping: { shoeSize: 'givenName' } }, '/mapping/shoeSize', 'unknown_crm_field'],
      [{ enabled: false, mapping: { birthday: 'givenName' } }, '/mapping/birthday', 'incompatible_types'],
      [
        { enabled: false, options: { deleteEverything: true } },
        '/options/deleteEverything',
        'unknown_option',
      ],
      [
        { enabled: false, options: { deleteCrmOnRemoteDelete: 'yes' } },
        '/options/deleteCrmOnRemoteDelete',
        '',
      ],
    ];
    for (const [body, pointer, code] of refusals) {
      const res = await api(member, 'PUT', '/sync/contacts', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.headers.get('content-type')!, /application\/problem\+json/);
      const issue = res.body.errors.find((e: any) => e.pointer === pointer);
      assert.ok(issue, `${JSON.stringify(body)} → ${JSON.stringify(res.body.errors)}`);
      if (code) assert.equal(issue.code, code, JSON.stringify(body));
    }
    assert.deepEqual((await api(member, 'GET', '/sync/contacts')).body, before);
  });

  it('PUT saves the mapping and options of the caller only', async () => {
    const { defaultMapping } = (await api(member, 'GET', '/sync/contacts/catalog')).body;
    const { jobTitle: _dropped, ...mapping } = defaultMapping;
    const res = await api(member, 'PUT', '/sync/contacts', {
      enabled: false,
      mapping,
      options: { deleteCrmOnRemoteDelete: true },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.options.deleteCrmOnRemoteDelete, true);
    assert.equal(res.body.mapping.jobTitle, undefined);
    assert.equal(res.body.mapping.firstName, 'givenName');
    const again = (await api(member, 'GET', '/sync/contacts')).body;
    assert.deepEqual([again.options, again.mapping], [res.body.options, res.body.mapping]);
    const theirs = (await api(admin, 'GET', '/sync/contacts')).body;
    assert.equal(theirs.options.deleteCrmOnRemoteDelete, false, "a colleague's settings are untouched");
    assert.equal(theirs.mapping.jobTitle, 'jobTitle');
  });

  it('enabling without the create permission on contacts is refused, naming it; nothing runs', async () => {
    const perms = structuredClone(BUILT_IN_PROFILES.standard.permissions);
    perms.modules.contacts = { ...perms.modules.contacts, create: false };
    await t.app.tandem.db.system((tx) =>
      tx.insert(profiles).values({
        id: randomUUID(),
        orgId: admin.orgId,
        key: 'no-contact-create',
        name: 'No contact create',
        permissions: perms,
      }),
    );
    const user = t.user('daniel');
    await t.app.tandem.container.tenancy.addMember(admin.orgId, {
      objectId: user.id,
      userPrincipalName: user.userPrincipalName,
      displayName: 'Daniel',
      profileKey: 'no-contact-create',
    });
    const limited = { token: await t.apiToken(user.userPrincipalName) };
    for (const [method, body] of [
      ['PUT', { enabled: true }],
      ['PATCH', { enabled: true }],
    ] as const) {
      const res = await api(limited, method, '/sync/contacts', body);
      assert.equal(res.status, 403, method);
      assert.equal(res.body.code, 'module_permission_missing');
      assert.deepEqual(res.body.missing, ['create']);
      assert.match(res.body.detail, /create permission on contacts/);
    }
    assert.equal((await api(limited, 'GET', '/sync/contacts')).body.enabled, false);
    const run = await api(limited, 'POST', '/sync/contacts/run');
    assert.equal(run.status, 409);
    assert.equal(run.body.code, 'module_disabled');
  });

  it('a run, a pause answer or a journal query that cannot apply is a clear error, never a 500', async () => {
    assert.equal(
      (await api(member, 'POST', '/sync/contacts/resolve-pause', { applyDeletions: 'yes' })).status,
      400,
    );
    assert.equal((await api(member, 'POST', '/sync/contacts/resolve-pause', {})).status, 400);
    const unpaused = await api(member, 'POST', '/sync/contacts/resolve-pause', { applyDeletions: true });
    assert.ok([409, 400].includes(unpaused.status), unpaused.text);
    assert.equal((await api(member, 'GET', '/sync/contacts/journal?cursor=not-a-cursor')).status, 400);
    assert.equal((await api(member, 'GET', '/sync/contacts/journal?limit=0')).status, 400);
    assert.equal((await api(member, 'GET', '/sync/contacts/journal?action=explode')).status, 400);
    assert.equal((await api(member, 'GET', '/sync/contacts/journal?userId=x')).status, 400);
    assert.equal((await api(member, 'GET', '/sync/emails')).status, 400);
    assert.equal((await t.app.request('GET', '/api/v1/sync/contacts/journal')).status, 401);
  });

  it('dry run shows what the first sync would create, link and merge on each side, and changes nothing', async () => {
    const crm = await api(admin, 'POST', '/contacts', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      emails: [{ address: 'ada@engines.example', type: 'work' }],
    });
    assert.equal(crm.status, 201);
    const first = await api(admin, 'POST', '/sync/contacts/dry-run');
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.body.container, { name: 'Tandem Contacts', exists: false });
    assert.ok(
      first.body.toOffice.create.some((i: any) => i.crmId === crm.body.id && i.label.includes('Ada')),
    );

    const graph = t.sandbox.graph(await t.sandbox.token(admin.userPrincipalName, 'graph'));
    const folder = await graph.api('/me/contactFolders').post({ displayName: 'Tandem Contacts' });
    await graph.api(`/me/contactFolders/${folder.id}/contacts`).post({
      givenName: 'Ada',
      surname: 'Lovelace',
      emailAddresses: [{ address: 'ADA@engines.example', name: 'Ada Lovelace' }],
    });
    await graph
      .api(`/me/contactFolders/${folder.id}/contacts`)
      .post({ givenName: 'Grace', surname: 'Hopper' });

    const second = await api(admin, 'POST', '/sync/contacts/dry-run');
    assert.equal(second.status, 200, second.text);
    assert.equal(second.body.container.exists, true);
    const matched = [...second.body.toCrm.link, ...second.body.toCrm.merge, ...second.body.toOffice.link];
    assert.ok(
      matched.some((i: any) => /Ada/.test(i.label) && i.matchedBy === 'email'),
      JSON.stringify(second.body),
    );
    assert.ok(second.body.toCrm.create.some((i: any) => /Grace/.test(i.label)));
    assert.equal(
      (await api(admin, 'GET', '/sync/contacts')).body.enabled,
      false,
      'a dry run enables nothing',
    );
    const contacts = await api(admin, 'GET', '/contacts?limit=100');
    assert.equal(contacts.body.items.length, 1, 'a dry run creates nothing in the CRM');
  });

  it('enable adopts the folder, the first run fills the journal, pages and filters; other tenants see none of it', async () => {
    const on = await api(admin, 'PUT', '/sync/contacts', { enabled: true });
    assert.equal(on.status, 200, on.text);
    assert.equal(on.body.enabled, true);
    assert.ok(on.body.container.id, 'the existing "Tandem Contacts" folder is adopted');
    // Tandem's own write-backs (the CRM id tag, categories) may start a follow-up run: wait until it rests.
    const synced = await waitFor(async () => {
      const view = (await api(admin, 'GET', '/sync/contacts')).body;
      return view.lastSuccessAt && view.state === 'idle' ? view : undefined;
    });
    assert.equal(synced.pending, 0);
    assert.ok(synced.counts.toCrm.created >= 1, JSON.stringify(synced.counts));

    const journal = await api(admin, 'GET', '/sync/contacts/journal?limit=200');
    assert.equal(journal.status, 200);
    assert.ok(journal.body.entries.some((e: any) => e.action === 'create' && e.direction === 'to_crm'));
    const first = await api(admin, 'GET', '/sync/contacts/journal?limit=1');
    assert.equal(first.body.entries.length, 1);
    assert.ok(first.body.nextCursor);
    const next = await api(admin, 'GET', `/sync/contacts/journal?limit=1&cursor=${first.body.nextCursor}`);
    assert.notEqual(next.body.entries[0].id, first.body.entries[0].id);
    const creates = await api(admin, 'GET', '/sync/contacts/journal?action=create');
    assert.ok(creates.body.entries.length >= 1);
    assert.ok(creates.body.entries.every((e: any) => e.action === 'create'));

    const run = await api(admin, 'POST', '/sync/contacts/run');
    assert.equal(run.status, 202);
    assert.deepEqual(run.body, { queued: true });

    const theirs = await api(fabrikam, 'GET', '/sync/contacts/journal');
    assert.deepEqual(theirs.body.entries, [], 'another tenant sees only its own journal');
    assert.equal((await api(fabrikam, 'GET', '/sync/contacts')).body.enabled, false);
    const colleague = await api(member, 'GET', '/sync/contacts/journal');
    assert.deepEqual(colleague.body.entries, [], "a colleague's journal is theirs alone");
    const planted = await api(fabrikam, 'GET', `/sync/contacts/journal?cursor=${first.body.nextCursor}`);
    assert.deepEqual(planted.body.entries, [], "A's cursor shows B nothing of A");
  });

  it('disable removes the folder from Office 365 and keeps the CRM contacts', async () => {
    const before = (await api(admin, 'GET', '/contacts?limit=100')).body.items.length;
    const off = await api(admin, 'PUT', '/sync/contacts', { enabled: false });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.body.enabled, false);
    const graph = t.sandbox.graph(await t.sandbox.token(admin.userPrincipalName, 'graph'));
    const folders = await graph.api('/me/contactFolders').get();
    assert.ok(!folders.value.some((f: any) => f.displayName === 'Tandem Contacts'));
    assert.equal((await api(admin, 'GET', '/contacts?limit=100')).body.items.length, before);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting for the sync');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
