import assert from 'node:assert/strict';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';
import { GraphConformance } from '../../support/graph-conformance.js';

type User = TestSandbox['tenants'][number]['users'][number];

describe('Sandbox: Graph sendMail and messages', () => {
  let sbx: TestSandbox;
  let alice: User;
  let bob: User;
  let carol: User;
  const tokens: Record<string, string> = {};
  const conformance = GraphConformance.load();

  /**
   * Microsoft's OpenAPI subset holds `sendMail` and `microsoft.graph.message` but no `…/messages`
   * path (shared/graph/README.md), so a message is checked as the `Message` of a sendMail request,
   * and an error body against the error response of sendMail.
   */
  function assertConformant(method: string, path: string, status: number, body: any) {
    const documented = !/\/(messages|mailFolders)(\/|\?|$)/.test(path);
    if (documented || status >= 400) {
      const url = documented ? `${sbx.url}/v1.0${path}` : `${sbx.url}/v1.0/me/sendMail`;
      conformance.assertResponse({ method: documented ? method : 'POST', url, status, body });
      return;
    }
    const messages = body && Array.isArray(body.value) ? body.value : body ? [body] : [];
    for (const message of messages)
      conformance.assertRequest({ method: 'POST', url: `${sbx.url}/v1.0/me/sendMail`, body: { message } });
  }

  async function call(
    method: string,
    path: string,
    as: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${sbx.url}/v1.0${path}`, {
      method,
      headers: {
        authorization: `Bearer ${as}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    assertConformant(method, path, res.status, json);
    return { status: res.status, headers: res.headers, body: json };
  }

  async function mailTo(address: string) {
    const res = await fetch(`${sbx.url}/_sandbox/mail?address=${encodeURIComponent(address)}`);
    assert.equal(res.status, 200);
    return (await res.json()) as { mailbox: boolean; messages: any[] };
  }

  const to = (...addresses: string[]) => addresses.map((address) => ({ emailAddress: { address } }));

  before(async () => {
    sbx = await startTestSandbox({ contactsPerUser: 0, eventsPerUser: 0, tasksPerUser: 0 });
    [alice, bob] = [sbx.tenants[0]!.users[1]!, sbx.tenants[0]!.users[2]!];
    carol = sbx.tenants[1]!.users[1]!;
    for (const u of [alice, bob, carol]) tokens[u.id] = await sbx.token(u.userPrincipalName, 'graph');
  });
  after(() => sbx.stop());

  it('delivers an HTML mail to a colleague, another tenant and an external address; the colleague reads it (official client)', async () => {
    const link = 'https://tandem.example/invitations/accept?code=abc&lang=en';
    const sent = await call('POST', '/me/sendMail', tokens[alice.id]!, {
      message: {
        subject: 'Join Tandem',
        body: {
          contentType: 'HTML',
          content: `<p>Hello,</p><p><a href="${link.replace('&', '&amp;')}">Accept</a></p>`,
        },
        toRecipients: to(bob.userPrincipalName.toUpperCase(), 'guest@outside.example'),
        ccRecipients: to(carol.userPrincipalName),
      },
    });
    assert.equal(sent.status, 202);
    assert.equal(sent.body, undefined, '202 without a body');

    const page = await sbx.graph(tokens[bob.id]!).api('/me/messages').top(5).get();
    assertConformant('GET', '/me/messages', 200, page);
    const got = page.value[0];
    assert.equal(got.subject, 'Join Tandem');
    assert.equal(got.from.emailAddress.address, alice.userPrincipalName);
    assert.ok(got.from.emailAddress.name, 'the sender is named');
    assert.equal(got.isRead, false);
    assert.equal(got.hasAttachments, false);
    assert.equal(got.body.contentType, 'html');
    assert.ok(got.body.content.includes('invitations/accept'));
    assert.equal(got.bodyPreview, 'Hello, Accept', 'the text of the body');
    assert.equal(got['@odata.etag'], `W/"${got.changeKey}"`);
    assert.match(got.internetMessageId, /^<.+@.+>$/);
    assert.ok(got.conversationId && got.receivedDateTime && got.sentDateTime);

    const carolsInbox = await call('GET', '/me/mailFolders/inbox/messages', tokens[carol.id]!);
    assert.deepEqual(
      carolsInbox.body.value.map((m: any) => m.internetMessageId),
      [got.internetMessageId],
    );
    const sentItems = await call('GET', '/me/mailFolders/sentitems/messages', tokens[alice.id]!);
    assert.equal(sentItems.body.value[0].internetMessageId, got.internetMessageId);
    assert.equal(sentItems.body.value[0].isRead, true);

    const external = await mailTo('GUEST@outside.example');
    assert.equal(external.mailbox, false);
    assert.equal(external.messages.length, 1);
    assert.equal(external.messages[0].subject, 'Join Tandem');
    assert.equal(external.messages[0].from.address, alice.userPrincipalName);
    assert.deepEqual(external.messages[0].links, [link]);
    assert.equal((await mailTo(bob.userPrincipalName)).mailbox, true);
  });

  it('refuses what the service refuses, and then delivers nothing', async () => {
    const before = (await mailTo(bob.userPrincipalName)).messages.length;
    const cases: [unknown, number, string][] = [
      [{ message: { subject: 'No one' } }, 400, 'ErrorInvalidRecipients'],
      [{ message: { toRecipients: to('not-an-address') } }, 400, 'ErrorInvalidRecipients'],
      [{ message: { toRecipients: to(bob.userPrincipalName), colour: 'red' } }, 400, 'RequestBodyRead'],
      [
        { message: { toRecipients: to(bob.userPrincipalName), body: { contentType: 'rtf', content: 'x' } } },
        400,
        'RequestBodyRead',
      ],
      [{ message: { toRecipients: to(bob.userPrincipalName) }, urgent: true }, 400, 'RequestBodyRead'],
      [
        { message: { toRecipients: to(bob.userPrincipalName), from: to('ceo@contoso.example')[0] } },
        403,
        'ErrorSendAsDenied',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await call('POST', '/me/sendMail', tokens[alice.id]!, body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(res.body.error.code, code);
    }
    const noRecipients = await call('POST', '/me/sendMail', tokens[alice.id]!, { message: { subject: 'x' } });
    assert.match(noRecipients.body.error.message, /contains no recipients/);
    assert.equal((await mailTo(bob.userPrincipalName)).messages.length, before);
    const everything = (await (await fetch(`${sbx.url}/_sandbox/mail`)).json()) as { messages: unknown[] };
    assert.equal(everything.messages.length, 1, 'only the first test mail');
  });

  it('sends app-only for a user; saveToSentItems "false" keeps no copy; app roles without Mail.Read cannot read', async () => {
    const { accessToken } = (await sbx
      .msal(sbx.tenants[0]!.id)
      .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }))!;
    const send = (subject: string, extra: object = {}) =>
      call('POST', `/users/${alice.id}/sendMail`, accessToken, {
        message: { subject, toRecipients: to(bob.userPrincipalName) },
        ...extra,
      });
    assert.equal((await send('Kept')).status, 202);
    assert.equal((await send('Not kept', { saveToSentItems: 'false' })).status, 202);
    const sentItems = await call(
      'GET',
      '/me/mailFolders/sentitems/messages?$select=subject',
      tokens[alice.id]!,
    );
    const subjects = sentItems.body.value.map((m: any) => m.subject);
    assert.ok(subjects.includes('Kept') && !subjects.includes('Not kept'));
    const bobs = await call(
      'GET',
      "/me/messages?$filter=subject eq 'Not kept'&$select=subject",
      tokens[bob.id]!,
    );
    assert.equal(bobs.body.value.length, 1);
    const read = await call('GET', `/users/${alice.id}/messages`, accessToken);
    assert.equal(read.status, 403);
  });

  it('lists newest first with paging, $select and $filter; marks read; refuses draft-only changes; deletes', async () => {
    for (let n = 1; n <= 12; n++)
      await call('POST', '/me/sendMail', tokens[alice.id]!, {
        message: {
          subject: `Batch ${n}`,
          body: { contentType: 'text', content: `Line one\nline ${n}` },
          toRecipients: to(bob.userPrincipalName),
        },
        saveToSentItems: false,
      });
    const first = await call('GET', '/me/messages?$top=5&$select=subject,from', tokens[bob.id]!);
    assert.deepEqual(
      first.body.value.map((m: any) => m.subject),
      ['Batch 12', 'Batch 11', 'Batch 10', 'Batch 9', 'Batch 8'],
    );
    assert.deepEqual(Object.keys(first.body.value[0]).sort(), ['@odata.etag', 'from', 'id', 'subject']);
    assert.match(first.body['@odata.nextLink'], /\$skip=5/);
    const defaultPage = await call('GET', '/me/messages', tokens[bob.id]!);
    assert.equal(defaultPage.body.value.length, 10, 'Outlook pages by 10');

    const [target] = (await call('GET', "/me/messages?$filter=subject eq 'Batch 3'", tokens[bob.id]!)).body
      .value;
    assert.equal(target.body.contentType, 'html', 'HTML unless the client prefers text');
    const asText = await call('GET', `/me/messages/${target.id}`, tokens[bob.id]!, undefined, {
      prefer: 'outlook.body-content-type="text"',
    });
    assert.deepEqual(asText.body.body, { contentType: 'text', content: 'Line one\nline 3' });
    assert.equal(asText.headers.get('preference-applied'), 'outlook.body-content-type="text"');

    const read = await call(
      'PATCH',
      `/me/messages/${target.id}`,
      tokens[bob.id]!,
      { isRead: true },
      { 'if-match': target['@odata.etag'] },
    );
    assert.equal(read.status, 200);
    assert.equal(read.body.isRead, true);
    assert.notEqual(read.body.changeKey, target.changeKey);
    const stale = await call(
      'PATCH',
      `/me/messages/${target.id}`,
      tokens[bob.id]!,
      { isRead: false },
      { 'if-match': target['@odata.etag'] },
    );
    assert.equal(stale.status, 412);
    const draftOnly = await call('PATCH', `/me/messages/${target.id}`, tokens[bob.id]!, {
      subject: 'Edited',
    });
    assert.equal(draftOnly.body.error.code, 'ErrorInvalidPropertyUpdateSentMessage');
    const unread = await call('GET', '/me/messages?$filter=isRead eq false&$top=100', tokens[bob.id]!);
    assert.ok(!unread.body.value.some((m: any) => m.id === target.id));

    assert.equal((await call('DELETE', `/me/messages/${target.id}`, tokens[bob.id]!)).status, 204);
    const gone = await call('GET', `/me/messages/${target.id}`, tokens[bob.id]!);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'ErrorItemNotFound');
  });

  it("refuses another user's mailbox and tokens without the mail permissions", async () => {
    const others = await call('GET', `/users/${alice.id}/messages`, tokens[bob.id]!);
    assert.equal(others.status, 403);
    assert.equal(others.body.error.code, 'ErrorAccessDenied');
    const sendOnly = await sbx.token(bob.userPrincipalName, 'graph', ['Mail.Send']);
    assert.equal((await call('GET', '/me/messages', sendOnly)).status, 403);
    const readOnly = await sbx.token(bob.userPrincipalName, 'graph', ['Mail.Read']);
    const send = await call('POST', '/me/sendMail', readOnly, {
      message: { toRecipients: to(alice.userPrincipalName) },
    });
    assert.equal(send.status, 403);
    const basic = await sbx.token(bob.userPrincipalName, 'graph', ['Mail.ReadBasic']);
    const [m] = (await call('GET', '/me/messages?$top=1', basic)).body.value;
    assert.ok(
      m.subject && m.body === undefined && m.bodyPreview === undefined,
      'Mail.ReadBasic reads no body',
    );
  });

  it('forgets the recorded mail on DELETE /_sandbox/mail', async () => {
    assert.ok((await mailTo(bob.userPrincipalName)).messages.length > 0);
    assert.equal((await fetch(`${sbx.url}/_sandbox/mail`, { method: 'DELETE' })).status, 204);
    assert.equal((await mailTo(bob.userPrincipalName)).messages.length, 0);
    const inbox = await call('GET', '/me/messages?$top=1', tokens[bob.id]!);
    assert.equal(inbox.body.value.length, 1, 'the mailbox keeps its messages');
  });
});
