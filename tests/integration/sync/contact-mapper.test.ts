import assert from 'node:assert/strict';
import { rngFor } from '../../../src/sandbox/seed/prng.js';
import { DEFAULT_CONTACT_MAPPING, type ContactMapping } from '../../../src/sync/contacts/contact-mapping.js';
import { toCrmFields, toGraphContact } from '../../../src/sync/contacts/contact.mapper.js';
import type { GraphAuth, GraphPort } from '../../../src/sync/graph/graph-port.js';
import { generated } from '../../fixtures/graph/contacts/generated-contacts.js';
import { GraphConformance } from '../../support/graph-conformance.js';
import { SandboxedTandem } from '../../support/sandboxed-app.js';

/**
 * The mapper over real HTTP: its bodies are valid Graph contact requests (Microsoft's OpenAPI), the
 * sandbox accepts them, and what Graph answers maps back to the same CRM values.
 */
describe('Contacts: mapper round trip through Graph (sandbox, Graph client)', () => {
  let sbx: SandboxedTandem;
  let graph: GraphPort;
  let auth: GraphAuth;
  let mailbox: string;
  let folder: string;
  const conformance = GraphConformance.load();
  const mapping: ContactMapping = { ...DEFAULT_CONTACT_MAPPING, department: 'officeLocation' };
  const select = Object.values(mapping).join(',');

  const send = async (method: 'POST' | 'PATCH' | 'GET', url: string, body?: unknown) => {
    if (body !== undefined) conformance.assertRequest({ method, url, body });
    const res = await graph.call<Record<string, unknown>>(auth, mailbox, {
      method,
      url,
      body,
      idempotent: true,
    });
    conformance.assertResponse({ method, url, status: res.status, body: res.body });
    return res.body;
  };

  before(async () => {
    sbx = await SandboxedTandem.start();
    graph = sbx.app.tandem.container.graph!;
    auth = { kind: 'app', tenantId: sbx.tenant(0).id };
    mailbox = sbx.user('olivia').id;
    folder = String(
      (await send('POST', `/users/${mailbox}/contactFolders`, { displayName: 'Mapper round trip' })).id,
    );
  });
  after(async () => {
    await sbx.app.stop();
    await sbx.sandbox.stop();
  });

  it('creates 25 generated contacts and reads back exactly the values sent', async () => {
    const rng = rngFor(61, 'contact-mapper-http');
    for (let i = 0; i < 25; i++) {
      const values = generated(rng, i);
      const created = await send(
        'POST',
        `/users/${mailbox}/contactFolders/${folder}/contacts`,
        toGraphContact(values, mapping),
      );
      const read = await send(
        'GET',
        `/users/${mailbox}/contactFolders/${folder}/contacts/${String(created.id)}?$select=${select}`,
      );
      assert.deepEqual(toCrmFields(read, mapping), values, `contact ${i}`);
    }
  });

  it('an update that clears fields reads back cleared', async () => {
    const values = generated(rngFor(62, 'contact-mapper-http'), 1);
    const created = await send(
      'POST',
      `/users/${mailbox}/contactFolders/${folder}/contacts`,
      toGraphContact(values, mapping),
    );
    const url = `/users/${mailbox}/contactFolders/${folder}/contacts/${String(created.id)}`;
    const cleared = {
      ...values,
      firstName: 'Only',
      lastName: 'Name',
      jobTitle: null,
      department: null,
      birthday: null,
      emails: [],
      businessPhones: [],
      mobilePhone: null,
      businessAddress: null,
    };
    const updated = await send('PATCH', url, toGraphContact(cleared, mapping));
    assert.equal(
      updated.displayName,
      [cleared.firstName, values.middleName, cleared.lastName].filter(Boolean).join(' '),
    );
    assert.deepEqual(toCrmFields(await send('GET', `${url}?$select=${select}`), mapping), cleared);
  });
});
