import assert from 'node:assert/strict';
import type { GraphAuth, GraphPort, GraphRequest } from '../../../src/sync/graph/graph-port.js';
import { TANDEM_CATEGORIES } from '../../../src/sync/contacts/contact-categories.js';
import {
  ensureMasterCategories,
  type KnownCategory,
} from '../../../src/sync/contacts/contact-master-categories.js';
import { SandboxedTandem, type SandboxUser } from '../../support/sandboxed-app.js';

/** The real Graph client, with every request it is asked for written down (method and url). */
function recorded(graph: GraphPort): { port: GraphPort; sent: string[] } {
  const sent: string[] = [];
  const note = (r: GraphRequest) => sent.push(`${r.method} ${r.url}`);
  const port: GraphPort = {
    call: (auth, mailbox, request) => (note(request), graph.call(auth, mailbox, request)),
    batch: (auth, mailbox, requests) => (requests.forEach(note), graph.batch(auth, mailbox, requests)),
    pages: (auth, mailbox, url, headers) => (
      note({ method: 'GET', url }),
      graph.pages(auth, mailbox, url, headers)
    ),
  };
  return { port, sent };
}

describe('Contacts: Tandem master categories in Outlook (sandbox, Graph client)', () => {
  let sbx: SandboxedTandem;
  let auth: GraphAuth;
  let graph: ReturnType<typeof recorded>;
  let olivia: SandboxUser;
  let userToken: string;

  const userCall = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sbx.sandbox.url}/v1.0${path}`, {
      method,
      headers: { authorization: `Bearer ${userToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as any) };
  };
  const masterList = async () =>
    (await userCall('GET', '/me/outlook/masterCategories')).body.value as {
      id: string;
      displayName: string;
      color: string;
    }[];
  const ensure = (user: SandboxUser, known: KnownCategory[]) => {
    graph.sent.length = 0;
    return ensureMasterCategories(graph.port, auth, user.id, known);
  };

  before(async () => {
    sbx = await SandboxedTandem.start();
    auth = { kind: 'app', tenantId: sbx.tenant(0).id };
    graph = recorded(sbx.app.tandem.container.graph!);
    olivia = sbx.user('olivia');
    userToken = await sbx.sandbox.token(olivia.userPrincipalName, 'graph');
  });
  after(async () => {
    await sbx.app.stop();
    await sbx.sandbox.stop();
  });

  let known: KnownCategory[] = [];

  it('creates the seven categories once, with their colours, next to the user’s own', async () => {
    const before = await masterList();
    const result = await ensure(olivia, []);
    const tandemBefore = before.filter((c) => c.displayName.startsWith('Tandem ')).map((c) => c.displayName);
    assert.deepEqual(
      result.created.sort(),
      TANDEM_CATEGORIES.map((c) => c.name)
        .filter((n) => !tandemBefore.includes(n))
        .sort(),
    );
    assert.deepEqual(result.restored, []);
    const after = await masterList();
    for (const c of TANDEM_CATEGORIES) {
      const found = after.find((m) => m.displayName === c.name);
      assert.ok(found, c.name);
      if (result.created.includes(c.name)) assert.equal(found.color, c.color);
      assert.equal(result.categories.find((k) => k.name === c.name)?.id, found.id);
    }
    for (const own of before)
      assert.ok(after.some((m) => m.id === own.id && m.displayName === own.displayName));
    known = result.categories;
  });

  it('a second run reads the list and writes nothing', async () => {
    const before = await masterList();
    const result = await ensure(olivia, known);
    assert.deepEqual([result.created, result.restored], [[], []]);
    assert.deepEqual(result.categories, known);
    assert.deepEqual(graph.sent, [`GET /users/${olivia.id}/outlook/masterCategories`]);
    assert.deepEqual(await masterList(), before);
  });

  it('a category the user renamed in Outlook is restored once; the renamed one stays theirs', async () => {
    const lead = known.find((k) => k.name === 'Tandem Lead')!;
    const contact = await userCall('POST', '/me/contacts', {
      givenName: 'Lena',
      surname: 'Lead',
      categories: ['Tandem Lead'],
    });
    assert.equal(contact.status, 201);
    const renamed = await fetch(`${sbx.sandbox.url}/_sandbox/outlook/rename-category`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userPrincipalName: olivia.userPrincipalName,
        id: lead.id,
        displayName: 'My leads',
      }),
    });
    assert.equal(renamed.status, 200);

    const result = await ensure(olivia, known);
    assert.deepEqual(result.restored, [{ name: 'Tandem Lead', renamedTo: 'My leads' }]);
    assert.deepEqual(result.created, []);
    assert.equal(graph.sent.filter((s) => s.startsWith('POST')).length, 1);
    const list = await masterList();
    const restored = list.find((c) => c.displayName === 'Tandem Lead')!;
    assert.notEqual(restored.id, lead.id);
    assert.equal(restored.color, 'preset1');
    assert.ok(list.some((c) => c.id === lead.id && c.displayName === 'My leads'));
    // Items hold categories by name: the contact shows under the restored category again.
    const read = await userCall('GET', `/me/contacts/${contact.body.id}`);
    assert.deepEqual(read.body.categories, ['Tandem Lead']);

    known = result.categories;
    const again = await ensure(olivia, known);
    assert.deepEqual([again.created, again.restored], [[], []]);
    assert.equal(graph.sent.filter((s) => s.startsWith('POST')).length, 0);
  });

  it('a category the user deleted is created again (not counted as a restore)', async () => {
    const lost = known.find((k) => k.name === 'Tandem Lost Prospect')!;
    assert.equal((await userCall('DELETE', `/me/outlook/masterCategories/${lost.id}`)).status, 204);
    const result = await ensure(olivia, known);
    assert.deepEqual([result.created, result.restored], [['Tandem Lost Prospect'], []]);
  });

  it('adopts the Tandem categories a mailbox already has, keeping the user’s colours', async () => {
    // Daniel's mailbox is seeded with three Tandem categories (colours other than Tandem's presets).
    const daniel = sbx.user('daniel');
    const danielToken = await sbx.sandbox.token(daniel.userPrincipalName, 'graph');
    const list = async () =>
      (
        (await (
          await fetch(`${sbx.sandbox.url}/v1.0/me/outlook/masterCategories`, {
            headers: { authorization: `Bearer ${danielToken}` },
          })
        ).json()) as { value: { id: string; displayName: string; color: string }[] }
      ).value;
    const seeded = (await list()).filter((c) => c.displayName.startsWith('Tandem '));
    assert.deepEqual(seeded.map((c) => c.displayName).sort(), [
      'Tandem Company',
      'Tandem Current Customer',
      'Tandem Person',
    ]);

    const result = await ensure(daniel, []);
    assert.deepEqual(result.created.sort(), [
      'Tandem Current Prospect',
      'Tandem Lead',
      'Tandem Lost Prospect',
      'Tandem Past Customer',
    ]);
    for (const c of seeded) {
      assert.equal(result.categories.find((k) => k.name === c.displayName)?.id, c.id);
      assert.equal((await list()).find((m) => m.id === c.id)?.color, c.color);
    }
    const again = await ensure(daniel, result.categories);
    assert.deepEqual([again.created, again.restored], [[], []]);
  });

  it('two runs racing on one mailbox end with one set of categories (a 409 adopts the winner’s)', async () => {
    const fresh = sbx.tenant(0).users.find((u) => !/^(olivia|daniel)/i.test(u.userPrincipalName))!;
    const [a, b] = await Promise.all([
      ensureMasterCategories(graph.port, auth, fresh.id, []),
      ensureMasterCategories(graph.port, auth, fresh.id, []),
    ]);
    assert.deepEqual(a.categories, b.categories);
    assert.equal(a.created.length + b.created.length, 7);
    const token = await sbx.sandbox.token(fresh.userPrincipalName, 'graph');
    const listed = (await (
      await fetch(`${sbx.sandbox.url}/v1.0/me/outlook/masterCategories`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { value: { displayName: string }[] };
    assert.equal(listed.value.filter((c) => c.displayName.startsWith('Tandem ')).length, 7);
  });
});
