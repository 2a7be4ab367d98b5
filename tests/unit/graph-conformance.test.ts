import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { GraphConformance } from '../support/graph-conformance.js';

const ORIGIN = 'https://localhost:3979/v1.0';
const USER_ID = '0b1c7c5e-5d7a-4a4c-9f0e-3c2b1a0d9e8f';
const FOLDER_ID = 'AAMkADk0ZTBhAAEOAAA=';

/** A contact as GET /me/contacts/{id} returns it (FACTS §2 property list; Outlook nulls for unset strings). */
function contact(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@odata.context': `${ORIGIN}/$metadata#users('${USER_ID}')/contacts/$entity`,
    '@odata.etag': 'W/"EQAAABYAAAAhu1lCxSpZSKydEDPH6vJYAAAXtvZu"',
    id: 'AAMkADk0ZTBhAAAbdL1JAAA=',
    createdDateTime: '2024-05-02T09:14:11Z',
    lastModifiedDateTime: '2024-05-02T09:14:12.0431113Z',
    changeKey: 'EQAAABYAAAAhu1lCxSpZSKydEDPH6vJYAAAXtvZu',
    categories: ['Tandem Lead'],
    parentFolderId: FOLDER_ID,
    birthday: null,
    fileAs: '',
    displayName: 'Pavel Bansky',
    givenName: 'Pavel',
    initials: null,
    middleName: null,
    nickName: null,
    surname: 'Bansky',
    title: null,
    yomiGivenName: null,
    yomiSurname: null,
    yomiCompanyName: null,
    generation: null,
    imAddresses: [],
    jobTitle: 'Buyer',
    companyName: 'Contoso',
    department: null,
    officeLocation: null,
    profession: null,
    businessHomePage: null,
    assistantName: null,
    manager: null,
    homePhones: [],
    mobilePhone: null,
    businessPhones: ['+1 732 555 0102'],
    spouseName: null,
    personalNotes: '',
    children: [],
    emailAddresses: [{ name: 'Pavel Bansky', address: 'pavelb@contoso.onmicrosoft.com' }],
    homeAddress: {},
    businessAddress: {
      street: '123 Main St',
      city: 'Redmond',
      state: 'WA',
      countryOrRegion: 'United States',
      postalCode: '98052',
    },
    otherAddress: {},
    'singleValueExtendedProperties@odata.context': `${ORIGIN}/$metadata#users('${USER_ID}')/contacts('AAMkADk0ZTBhAAAbdL1JAAA%3D')/singleValueExtendedProperties`,
    singleValueExtendedProperties: [
      { id: 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name TandemRecordId', value: 'crm:123' },
    ],
    ...overrides,
  };
}

/** An event as GET /me/events/{id} returns it (Microsoft's event examples: unset complex properties are null). */
function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@odata.context': `${ORIGIN}/$metadata#users('${USER_ID}')/events/$entity`,
    '@odata.etag': 'W/"EZ9r3czxY0m2jz8c45czkwAAFXcvIQ=="',
    id: 'AAMkAGI2TG93AAA=',
    createdDateTime: '2025-03-10T08:00:00.1234567Z',
    lastModifiedDateTime: '2025-03-10T08:05:00Z',
    changeKey: 'EZ9r3czxY0m2jz8c45czkwAAFXcvIQ==',
    categories: [],
    transactionId: null,
    originalStartTimeZone: 'W. Europe Standard Time',
    originalEndTimeZone: 'W. Europe Standard Time',
    iCalUId: '040000008200E00074C5B7101A82E00800000000',
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: 'Quarterly review with Contoso',
    bodyPreview: 'Agenda attached.',
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    isCancelled: false,
    isOrganizer: true,
    responseRequested: true,
    seriesMasterId: null,
    showAs: 'busy',
    type: 'singleInstance',
    webLink: 'https://outlook.office365.com/owa/?itemid=AAMkAGI2TG93AAA%3D&exvsurl=1&path=/calendar/item',
    onlineMeetingUrl: null,
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    recurrence: null,
    onlineMeeting: null,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body: { contentType: 'html', content: '<html><body>Agenda attached.</body></html>' },
    start: { dateTime: '2025-03-12T09:00:00.0000000', timeZone: 'UTC' },
    end: { dateTime: '2025-03-12T10:00:00.0000000', timeZone: 'UTC' },
    location: {
      displayName: 'Room 1',
      locationType: 'default',
      uniqueId: 'Room 1',
      uniqueIdType: 'private',
    },
    locations: [
      { displayName: 'Room 1', locationType: 'default', uniqueId: 'Room 1', uniqueIdType: 'private' },
    ],
    attendees: [
      {
        type: 'required',
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
        emailAddress: { name: 'Adele Vance', address: 'adelev@contoso.onmicrosoft.com' },
      },
    ],
    organizer: { emailAddress: { name: 'Megan Bowen', address: 'meganb@contoso.onmicrosoft.com' } },
    ...overrides,
  };
}

/** A task as POST /me/todo/lists/{id}/tasks returns it (FACTS §4 create example). */
function todoTask(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@odata.context': `${ORIGIN}/$metadata#users('${USER_ID}')/todo/lists('AAMkADIyAAA%3D')/tasks/$entity`,
    '@odata.etag': 'W/"xzyPKP0BiUGgld+lMKXwbQAAgdhkVw=="',
    importance: 'low',
    isReminderOn: false,
    status: 'notStarted',
    title: 'Call Pavel about the renewal',
    createdDateTime: '2025-03-10T08:00:00.8437431Z',
    lastModifiedDateTime: '2025-03-10T08:00:01.2351953Z',
    hasAttachments: false,
    categories: ['Tandem Lead'],
    id: 'AlMKXwbQAAAJws6wcAAAA=',
    body: { content: '', contentType: 'text' },
    dueDateTime: { dateTime: '2025-03-14T00:00:00.0000000', timeZone: 'UTC' },
    linkedResources: [
      {
        id: 'f9cddce2-dce2-f9cd-e2dc-cdf9e2dccdf9',
        webUrl: 'https://tandem.example/records/123',
        applicationName: 'Tandem',
        displayName: 'Contoso renewal',
        externalId: 'crm:123',
      },
    ],
    ...overrides,
  };
}

const notFound = {
  error: {
    code: 'ErrorItemNotFound',
    message: 'The specified object was not found in the store.',
    innerError: {
      date: '2025-02-13T10:17:05',
      'request-id': '4a4b7c1e-0f7a-4d8b-9f3b-2b1a9c8d7e6f',
      'client-request-id': '5b5c8d2f-1a8b-4e9c-8a4c-3c2b0d9e8f70',
    },
  },
};

describe('GraphConformance (Microsoft Graph v1.0 OpenAPI subset)', () => {
  const graph = GraphConformance.load();

  it('loads once and reuses the instance', () => {
    assert.equal(GraphConformance.load(), graph);
    assert.ok(graph.loadMs > 0 && graph.loadMs < 10_000, `load took ${graph.loadMs} ms`);
  });

  describe('responses', () => {
    it('a realistic contact passes for GET /me/contacts/{id}', () => {
      const input = { method: 'GET', url: `${ORIGIN}/me/contacts/AAMkADk0ZTBhAAAbdL1JAAA%3D`, status: 200 };
      assert.deepEqual(graph.checkResponse({ ...input, body: contact() }), []);
      assert.doesNotThrow(() => graph.assertResponse({ ...input, body: contact() }));
    });

    it('a contact with emailAddresses as a string fails, naming the property', () => {
      const errors = graph.checkResponse({
        method: 'GET',
        url: '/v1.0/me/contacts/AAMkADk0ZTBhAAAbdL1JAAA=',
        status: 200,
        body: contact({ emailAddresses: 'pavelb@contoso.onmicrosoft.com' }),
      });
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0]!, /^\/emailAddresses must be array/);
    });

    it('a nested wrong type is reported at its path', () => {
      const errors = graph.checkResponse({
        method: 'GET',
        url: '/v1.0/me/contacts/x',
        status: 200,
        body: contact({ emailAddresses: [{ name: 'Pavel', address: 42 }] }),
      });
      assert.deepEqual(errors, ['/emailAddresses/0/address must be string or null (got 42)']);
    });

    it('a collection page with value + @odata.nextLink passes for the list, and deltaLink is refused there', () => {
      const url = `${ORIGIN}/me/contactFolders/${encodeURIComponent(FOLDER_ID)}/contacts?$top=2`;
      const page = {
        '@odata.context': `${ORIGIN}/$metadata#users('${USER_ID}')/contactFolders('${FOLDER_ID}')/contacts`,
        value: [contact({ '@odata.context': undefined }), contact({ id: 'AAMkADk0ZTBhAAAbdL1KAAA=' })],
        '@odata.nextLink': `${url}&$skip=2`,
      };
      assert.deepEqual(
        graph.checkResponse({ method: 'GET', url, status: 200, body: JSON.parse(JSON.stringify(page)) }),
        [],
      );
      const withDeltaLink = { ...page, '@odata.deltaLink': `${url}&$deltatoken=x` };
      const errors = graph.checkResponse({ method: 'GET', url, status: 200, body: withDeltaLink });
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0]!, /^\/@odata\.deltaLink: not a declared property/);
    });

    it('a delta page with an @removed item passes for contacts delta; a bad reason fails', () => {
      const url = `${ORIGIN}/me/contactFolders/${FOLDER_ID}/contacts/delta?$deltatoken=abc`;
      const page = (reason: string) => ({
        '@odata.context': `${ORIGIN}/$metadata#Collection(contact)`,
        '@odata.deltaLink': `${ORIGIN}/me/contactFolders/${FOLDER_ID}/contacts/delta?$deltatoken=def`,
        value: [
          contact({ '@odata.context': undefined, 'singleValueExtendedProperties@odata.context': undefined }),
          {
            '@odata.type': '#microsoft.graph.contact',
            id: 'AAMkADk0ZTBhAAAbdL1LAAA=',
            '@removed': { reason },
          },
        ],
      });
      const clean = (b: unknown) => JSON.parse(JSON.stringify(b)) as unknown;
      assert.deepEqual(
        graph.checkResponse({ method: 'GET', url, status: 200, body: clean(page('deleted')) }),
        [],
      );
      const errors = graph.checkResponse({ method: 'GET', url, status: 200, body: clean(page('gone')) });
      assert.deepEqual(errors, ['/value/1/@removed/reason must be one of "changed", "deleted" (got "gone")']);
    });

    it('@removed outside a delta response is reported', () => {
      const errors = graph.checkResponse({
        method: 'GET',
        url: '/v1.0/me/contacts',
        status: 200,
        body: { value: [{ id: 'x', '@removed': { reason: 'deleted' } }] },
      });
      assert.deepEqual(errors, ['/value/0/@removed: only delta responses carry @removed']);
    });

    it('a todoTask passes for To Do; an unknown status fails', () => {
      const url = `${ORIGIN}/me/todo/lists/AAMkADIyAAA%3D/tasks`;
      assert.deepEqual(graph.checkResponse({ method: 'POST', url, status: 201, body: todoTask() }), []);
      const get = `${ORIGIN}/users/${USER_ID}/todo/lists/AAMkADIyAAA%3D/tasks/AlMKXwbQAAAJws6wcAAAA%3D`;
      assert.deepEqual(graph.checkResponse({ method: 'GET', url: get, status: 200, body: todoTask() }), []);
      const errors = graph.checkResponse({
        method: 'GET',
        url: get,
        status: 200,
        body: todoTask({ status: 'done' }),
      });
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0]!, /^\/status must be one of "notStarted", "inProgress", "completed"/);
    });

    it('an event passes; an event with start as a plain string fails', () => {
      const url = `${ORIGIN}/me/events/AAMkAGI2TG93AAA%3D`;
      assert.deepEqual(graph.checkResponse({ method: 'GET', url, status: 200, body: event() }), []);
      const errors = graph.checkResponse({
        method: 'GET',
        url,
        status: 200,
        body: event({ start: '2025-03-12T09:00:00' }),
      });
      assert.deepEqual(errors, ['/start must be object (got "2025-03-12T09:00:00")']);
    });

    it('an ODataError body passes for a 404; a malformed one fails', () => {
      const url = `${ORIGIN}/me/contacts/AAMkADk0ZTBhAAAbdL1JAAA%3D`;
      assert.deepEqual(graph.checkResponse({ method: 'GET', url, status: 404, body: notFound }), []);
      assert.deepEqual(graph.checkResponse({ method: 'DELETE', url, status: 412, body: notFound }), []);
      const noMessage = { error: { code: 'ErrorItemNotFound' } };
      assert.deepEqual(graph.checkResponse({ method: 'GET', url, status: 404, body: noMessage }), [
        '/error is missing required property "message"',
      ]);
      const flat = { code: 'ErrorItemNotFound', message: 'x' };
      const errors = graph.checkResponse({ method: 'GET', url, status: 404, body: flat });
      assert.ok(errors.includes('(body) is missing required property "error"'), errors.join('\n'));
    });

    it('null: accepted where the document says nullable and for references; refused elsewhere', () => {
      const url = '/v1.0/me/events/x';
      assert.deepEqual(
        graph.checkResponse({ method: 'GET', url, status: 200, body: event({ subject: null }) }),
        [],
      );
      assert.deepEqual(graph.checkResponse({ method: 'GET', url, status: 200, body: event({ id: null }) }), [
        '/id must be string (got null)',
      ]);
      const strict = GraphConformance.create({ nullableReferences: false });
      assert.deepEqual(strict.checkResponse({ method: 'GET', url, status: 200, body: event() }), [
        '/onlineMeeting must be object (got null)',
        '/recurrence must be object (got null)',
      ]);
    });

    it('undeclared properties: only object values pass (the document sets additionalProperties {type: object})', () => {
      const url = '/v1.0/me/contacts/x';
      const errors = graph.checkResponse({
        method: 'GET',
        url,
        status: 200,
        body: contact({ crmId: '123' }),
      });
      assert.deepEqual(errors, [
        '/crmId: not a declared property; the schema admits undeclared properties only with an object value (must be object)',
      ]);
      // 2026 CSDL addition (csdl-drift.json): an object, so the literal 2023 schema lets it through.
      const drift = { primaryEmailAddress: { address: 'pavelb@contoso.onmicrosoft.com' } };
      assert.deepEqual(graph.checkResponse({ method: 'GET', url, status: 200, body: contact(drift) }), []);
    });

    it('@odata.type must name the declared type or a derived one, and selects the derived schema', () => {
      const url = '/v1.0/me/contacts/x';
      const asEvent = contact({ '@odata.type': '#microsoft.graph.event' });
      assert.deepEqual(graph.checkResponse({ method: 'GET', url, status: 200, body: asEvent }), [
        "/@odata.type '#microsoft.graph.event' is not microsoft.graph.contact or a type derived from it",
      ]);
      const extensions = `${ORIGIN}/me/contacts/x/extensions`;
      const ext = (extensionName: unknown) => ({
        value: [
          {
            '@odata.type': '#microsoft.graph.openTypeExtension',
            id: 'Microsoft.OutlookServices.OpenTypeExtension.com.tandem.crm',
            extensionName,
            recordId: '123',
          },
        ],
      });
      assert.deepEqual(
        graph.checkResponse({ method: 'GET', url: extensions, status: 200, body: ext('com.tandem.crm') }),
        [],
      );
      assert.deepEqual(graph.checkResponse({ method: 'GET', url: extensions, status: 200, body: ext(7) }), [
        '/value/0/extensionName must be string (got 7)',
      ]);
    });

    it('statuses: 204 must be empty; PATCH 200 and action 202 follow the service; undeclared 2xx is reported', () => {
      const url = `${ORIGIN}/me/contacts/x`;
      assert.deepEqual(graph.checkResponse({ method: 'DELETE', url, status: 204, body: undefined }), []);
      assert.deepEqual(graph.checkResponse({ method: 'DELETE', url, status: 204, body: '' }), []);
      assert.deepEqual(graph.checkResponse({ method: 'DELETE', url, status: 204, body: { id: 'x' } }), [
        'status 204 (204) has no content, but a body was given',
      ]);
      // README §5: PATCH → 200 with the entity although the document declares 204.
      assert.deepEqual(graph.checkResponse({ method: 'PATCH', url, status: 200, body: contact() }), []);
      assert.deepEqual(
        graph.checkResponse({ method: 'PATCH', url, status: 200, body: contact({ emailAddresses: 'x' }) }),
        ['/emailAddresses must be array (got "x")'],
      );
      const strict = GraphConformance.create({ serviceDeviations: false });
      assert.match(
        strict.checkResponse({ method: 'PATCH', url, status: 200, body: contact() })[0]!,
        /not declared/,
      );
      // sendMail → 202, no body.
      assert.deepEqual(
        graph.checkResponse({ method: 'POST', url: '/v1.0/me/sendMail', status: 202, body: '' }),
        [],
      );
      assert.deepEqual(
        graph.checkResponse({ method: 'POST', url: '/v1.0/me/sendMail', status: 202, body: { ok: 1 } }),
        ['status 202 (202 (action-returns-202)) has no content, but a body was given'],
      );
      // An undeclared success code is not checked against the error schema.
      assert.deepEqual(graph.checkResponse({ method: 'GET', url, status: 201, body: contact() }), [
        `status 201 is not declared for GET /me/contacts/{contact-id} (me.users_GetContacts); declared: 200, default (default = the error response)`,
      ]);
      // A 200 with no body where an entity is declared.
      assert.deepEqual(graph.checkResponse({ method: 'GET', url, status: 200, body: undefined }), [
        'expected a JSON body (microsoft.graph.contact), got none',
      ]);
    });

    it('a raw JSON string body is parsed before checking', () => {
      const url = '/v1.0/me/contacts/x';
      assert.deepEqual(
        graph.checkResponse({ method: 'GET', url, status: 200, body: JSON.stringify(contact()) }),
        [],
      );
    });
  });

  describe('paths', () => {
    it('the same operation is matched by /me/... and /users/{id}/...', () => {
      const viaMe = graph.match(
        'GET',
        `${ORIGIN}/me/contactFolders/${FOLDER_ID}/contacts/AAMkAD%3D?$select=id`,
      );
      const viaUser = graph.match(
        'get',
        `/v1.0/users/${USER_ID}/contactFolders/${FOLDER_ID}/contacts/AAMkAD%3D`,
      );
      assert.ok(viaMe.ok && viaUser.ok);
      assert.equal(viaMe.operation.template, '/me/contactFolders/{contactFolder-id}/contacts/{contact-id}');
      assert.equal(
        viaUser.operation.template,
        '/users/{user-id}/contactFolders/{contactFolder-id}/contacts/{contact-id}',
      );
      assert.equal(viaMe.operation.canonicalTemplate, viaUser.operation.template);
      assert.equal(viaMe.operation.operationId, `me.${viaUser.operation.operationId}`);
      assert.deepEqual(viaUser.operation.params, {
        'user-id': USER_ID,
        'contactFolder-id': FOLDER_ID,
        'contact-id': 'AAMkAD=',
      });
      const bad = contact({ emailAddresses: 'x' });
      for (const url of [
        `/me/contactFolders/f/contacts/c`,
        `/users/${USER_ID}/contactFolders/f/contacts/c`,
      ]) {
        assert.deepEqual(graph.checkResponse({ method: 'GET', url, status: 200, body: bad }), [
          '/emailAddresses must be array (got "x")',
        ]);
      }
    });

    it('delta, delta(), microsoft.graph.delta() (any case) all match the delta function, never {contact-id}', () => {
      for (const spelling of [
        'delta',
        'delta()',
        'microsoft.graph.delta()',
        'microsoft.graph.delta',
        'Delta',
      ]) {
        const m = graph.match(
          'GET',
          `${ORIGIN}/me/contactFolders/${FOLDER_ID}/contacts/${spelling}?$select=id`,
        );
        assert.ok(m.ok, spelling);
        assert.equal(
          m.operation.template,
          '/me/contactFolders/{contactFolder-id}/contacts/microsoft.graph.delta()',
        );
        assert.equal(m.operation.operationType, 'function');
      }
      const u = graph.match('GET', `/v1.0/users/${USER_ID}/calendars/c1/calendarView/delta()`);
      assert.ok(u.ok);
      assert.equal(u.operation.operationId, 'users.calendars.calendarView_delta');
      const short = graph.match('POST', '/v1.0/me/events/e1/cancel');
      assert.ok(short.ok);
      assert.equal(short.operation.template, '/me/events/{event-id}/microsoft.graph.cancel');
      const id = graph.match('GET', '/v1.0/me/contacts/AAMkdelta');
      assert.ok(id.ok);
      assert.equal(id.operation.template, '/me/contacts/{contact-id}');
    });

    it('an unknown path or method yields an error, not an exception', () => {
      const errors = graph.checkResponse({
        method: 'GET',
        url: `${ORIGIN}/me/mailFolders/inbox`,
        status: 200,
        body: {},
      });
      assert.deepEqual(errors, [
        `no path of the Graph v1.0 description matches /me/mailFolders/inbox (from ${ORIGIN}/me/mailFolders/inbox)`,
      ]);
      assert.deepEqual(
        graph.checkResponse({ method: 'PUT', url: '/v1.0/me/contacts/x', status: 200, body: {} }),
        ['PUT is not declared for /me/contacts/{contact-id} (declares GET, PATCH, DELETE)'],
      );
      assert.deepEqual(graph.checkRequest({ method: 'POST', url: '/v1.0/me/nothing', body: {} }).length, 1);
    });

    it('assertResponse throws an AssertionError naming the template and operationId', () => {
      const url = `${ORIGIN}/users/${USER_ID}/events/e1`;
      assert.throws(
        () => graph.assertResponse({ method: 'GET', url, status: 200, body: event({ start: 'now' }) }),
        (err: unknown) =>
          err instanceof AssertionError &&
          err.message.includes('GET /users/{user-id}/events/{event-id} (operationId users_GetEvents)') &&
          err.message.includes('/start must be object'),
      );
    });
  });

  describe('requests', () => {
    it('checks a create body against the requestBody schema', () => {
      const url = `${ORIGIN}/me/contactFolders/${FOLDER_ID}/contacts`;
      const body = { givenName: 'Pavel', surname: 'Bansky', emailAddresses: [{ address: 'p@contoso.com' }] };
      assert.deepEqual(graph.checkRequest({ method: 'POST', url, body }), []);
      assert.deepEqual(
        graph.checkRequest({ method: 'POST', url, body: { ...body, businessPhones: '+1 555' } }),
        ['/businessPhones must be array (got "+1 555")'],
      );
      assert.deepEqual(graph.checkRequest({ method: 'POST', url, body: undefined }), [
        'me.users.contactFolders_CreateContacts requires a request body',
      ]);
      assert.deepEqual(graph.checkRequest({ method: 'GET', url, body: { a: 1 } }), [
        'me.users.contactFolders_ListContacts declares no request body, but one was given',
      ]);
    });

    it('action parameters match case-insensitively (the document spells them Message, SaveToSentItems)', () => {
      const url = '/v1.0/me/sendMail';
      const message = {
        subject: 'Hello',
        body: { contentType: 'text', content: 'Hi' },
        toRecipients: [{ emailAddress: { address: 'adelev@contoso.onmicrosoft.com' } }],
      };
      assert.deepEqual(
        graph.checkRequest({ method: 'POST', url, body: { message, saveToSentItems: false } }),
        [],
      );
      assert.deepEqual(
        graph.checkRequest({ method: 'POST', url, body: { message, saveToSentItems: 'no' } }),
        ['/SaveToSentItems must be boolean or null (got "no")'],
      );
    });

    it('Teams app install: teamsApp@odata.bind in the request, 201 with an empty body (FACTS §0.19)', () => {
      const url = `${ORIGIN}/users/${USER_ID}/teamwork/installedApps`;
      const bind =
        'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/12345678-abcd-4ef0-9876-0123456789ab';
      assert.deepEqual(
        graph.checkRequest({ method: 'POST', url, body: { 'teamsApp@odata.bind': bind } }),
        [],
      );
      assert.deepEqual(graph.checkRequest({ method: 'POST', url, body: { 'teamsApp@odata.bind': 5 } }), [
        '/teamsApp@odata.bind must be string,array (got 5)',
      ]);
      assert.deepEqual(graph.checkResponse({ method: 'POST', url, status: 201, body: undefined }), []);
      const strict = GraphConformance.create({ serviceDeviations: false });
      assert.deepEqual(strict.checkResponse({ method: 'POST', url, status: 201, body: undefined }), [
        'expected a JSON body (microsoft.graph.userScopeTeamsAppInstallation), got none',
      ]);
    });

    it('an open extension body passes through @odata.type', () => {
      const url = '/v1.0/me/contacts/x/extensions';
      const body = {
        '@odata.type': 'microsoft.graph.openTypeExtension',
        extensionName: 'com.tandem.crm',
        recordId: '1',
      };
      assert.deepEqual(graph.checkRequest({ method: 'POST', url, body }), []);
      // Unqualified: not routed to openTypeExtension, so the abstract `extension` rejects the custom properties too.
      const errors = graph.checkRequest({
        method: 'POST',
        url,
        body: { ...body, '@odata.type': 'openTypeExtension' },
      });
      assert.deepEqual(errors, [
        '/extensionName: not a declared property; the schema admits undeclared properties only with an object value (must be object)',
        '/recordId: not a declared property; the schema admits undeclared properties only with an object value (must be object)',
        "/@odata.type 'openTypeExtension' is not a namespace-qualified Graph type (expected '#microsoft.graph.<type>')",
      ]);
    });
  });
});
