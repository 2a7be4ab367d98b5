import assert from 'node:assert/strict';
import { DEFAULT_TIMINGS } from '../../../src/sandbox/graph/subscriptions-delivery.js';
import {
  SubscriptionRegistry,
  type Subscription,
} from '../../../src/sandbox/graph/subscriptions-registry.js';
import { parseResource, scopeMatches } from '../../../src/sandbox/graph/subscriptions-resource.js';
import type { ItemChange } from '../../../src/sandbox/store/model.js';
import { OUTLOOK_CLIENT_ID } from '../../../src/sandbox/tools/tools.routes.js';
import { inMinutes, SubscriptionFixture } from '../../support/subscription-fixture.js';
import { TEST_CLIENT_ID } from '../../support/test-identity.js';
import { wellBehaved } from '../../support/webhook-receiver.js';

describe('Sandbox: Graph subscriptions (create, validate, renew, privacy)', () => {
  const f = new SubscriptionFixture();
  before(f.start);
  after(f.stop);

  it('creates a subscription after validating both endpoints (decoded token, text/plain)', async () => {
    const created = await f.subscribe('/hooks/create?route=contacts', {
      lifecycleNotificationUrl: f.hooks.url('/lifecycle/create'),
      resource: `/me/contactFolders/${f.folder}/contacts`,
    });
    assert.equal(created.status, 201);
    const s = created.body;
    assert.match(s.id, /^[0-9a-f-]{36}$/);
    assert.equal(s.resource, `/me/contactFolders/${f.folder}/contacts`);
    assert.equal(s.applicationId, OUTLOOK_CLIENT_ID);
    assert.equal(s.creatorId, f.userA.id);
    assert.equal(s.clientState, 'state-for-/hooks/create?route=contacts');
    assert.equal(s.latestSupportedTlsVersion, 'v1_2');
    assert.equal(s.lifecycleNotificationUrl, f.hooks.url('/lifecycle/create'));
    for (const path of ['/hooks/create', '/lifecycle/create']) {
      const [validation] = f.hooks.received(path);
      assert.ok(validation, `validation request on ${path}`);
      assert.match(validation.contentType, /^text\/plain/);
      assert.match(validation.query.get('validationToken')!, /^Validation: Testing client application/);
      assert.match(validation.rawQuery, /validationToken=Validation%3a\+Testing\+client\+/, 'form-encoded');
    }
    assert.equal(f.hooks.received('/hooks/create')[0]!.query.get('route'), 'contacts', 'query string kept');

    const got = await f.call('GET', `/subscriptions/${s.id}`);
    assert.equal(got.body.clientState, s.clientState);
    const listed = (await f.call('GET', '/subscriptions')).body.value.find((x: any) => x.id === s.id);
    assert.equal(listed.clientState, null, 'the list never shows clientState');
    assert.equal(DEFAULT_TIMINGS.validationTimeoutMs, 10_000);
  });

  it('refuses endpoints that echo the wrong token, answer JSON, answer too late or fail on the lifecycle URL', async () => {
    f.hooks.on('/bad/wrong', () => ({ status: 200, contentType: 'text/plain', body: 'not the token' }));
    f.hooks.on('/bad/json', (r) => ({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify(r.query.get('validationToken')),
    }));
    f.hooks.on('/bad/html', (r) => ({ ...wellBehaved(r), contentType: 'text/html' }));
    f.hooks.on('/bad/late', (r) => ({ ...wellBehaved(r), delayMs: 800 }));
    f.hooks.on('/bad/lifecycle', () => ({ status: 404 }));
    const attempts = [
      { path: '/bad/wrong' },
      { path: '/bad/json' },
      { path: '/bad/html' },
      { path: '/bad/late' },
      { path: '/hooks/fine', lifecycleNotificationUrl: f.hooks.url('/bad/lifecycle') },
    ];
    for (const { path, ...extra } of attempts) {
      const refused = await f.subscribe(path, extra);
      assert.equal(refused.status, 400, path);
      assert.equal(refused.body.error.code, 'InvalidRequest');
      assert.match(refused.body.error.message, /^Subscription validation request failed/);
      assert.equal(f.hooks.received(path).length, 1, `one validation request on ${path}`);
    }
    const urls = (await f.call('GET', '/subscriptions')).body.value.map((s: any) => s.notificationUrl);
    assert.ok(!urls.some((u: string) => /\/bad\/|\/hooks\/fine/.test(u)));
  });

  it('validates requests like the service (scheme, changeType, lifetime, resource, permission, owner)', async () => {
    const cases: [Record<string, unknown>, number, string, RegExp, string?][] = [
      [
        { notificationUrl: 'http://example.com/hook' },
        400,
        'InvalidRequest',
        /scheme='http' is not supported/,
      ],
      [{ changeType: 'created,moved' }, 400, 'ExtensionError', /changeType/],
      [
        { expirationDateTime: inMinutes(4232) },
        400,
        'ExtensionError',
        /^Subscription expiration can only be 4230 minutes in the future\.$/,
      ],
      [{ expirationDateTime: inMinutes(-1) }, 400, 'ExtensionError', /in the future/],
      [{ resource: 'me/messages' }, 400, 'ExtensionError', /Invalid resource specified in payload/],
      [{ resource: 'me/contactFolders/nope/contacts' }, 404, 'ExtensionError', /not found/],
      [{ resource: `users/${f.userB.id}/contacts` }, 403, 'ExtensionError', /Access is denied/],
      [{ encryptionKey: 'x' }, 400, 'RequestBodyRead', /encryptionKey/],
      [{ resource: 'me/contacts' }, 400, 'BadRequest', /delegated authentication flow/, 'app'],
    ];
    for (const [overrides, status, code, message, as] of cases) {
      const res = await f.subscribe('/hooks/never', overrides, as === 'app' ? f.appToken : f.token);
      assert.equal(res.status, status, JSON.stringify(overrides));
      assert.equal(res.body.error.code, code, JSON.stringify(overrides));
      assert.match(res.body.error.message, message);
    }
    const noScope = await f.sbx.token(f.userA.userPrincipalName, 'graph', ['User.Read']);
    assert.equal((await f.subscribe('/hooks/never', {}, noScope)).status, 403);
    assert.equal(f.hooks.received('/hooks/never').length, 0, 'no handshake for a refused request');
  });

  it('renews with PATCH within 4,230 minutes, refuses beyond, and reauthorizes', async () => {
    const { id } = (await f.subscribe('/hooks/renew')).body;
    const renewed = await f.call('PATCH', `/subscriptions/${id}`, { expirationDateTime: inMinutes(4200) });
    assert.equal(renewed.status, 200);
    assert.equal(Date.parse(renewed.body.expirationDateTime) > Date.now() + 4199 * 60_000, true);
    const tooLong = await f.call('PATCH', `/subscriptions/${id}`, { expirationDateTime: inMinutes(4300) });
    assert.equal(tooLong.status, 400);
    assert.equal(
      tooLong.body.error.message,
      'Subscription expiration can only be 4230 minutes in the future.',
    );
    const lifecycle = await f.call('PATCH', `/subscriptions/${id}`, {
      lifecycleNotificationUrl: f.hooks.url('/x'),
    });
    assert.equal(lifecycle.status, 400);
    assert.equal(
      (await f.call('GET', `/subscriptions/${id}`)).body.expirationDateTime,
      renewed.body.expirationDateTime,
    );
    assert.equal((await f.call('POST', `/subscriptions/${id}/reauthorize`)).status, 204);
  });

  it('keeps a subscription private to its app and user: others neither see nor delete it', async () => {
    const mine = (await f.subscribe('/hooks/private')).body;
    const tokenB = await f.sbx.token(f.userB.userPrincipalName, 'graph');
    const foreignApp = await f.sbx
      .msal(f.sbx.tenants[1]!.id)
      .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    for (const as of [f.appToken, tokenB, foreignApp!.accessToken]) {
      const listed = await f.call('GET', '/subscriptions', undefined, as);
      assert.ok(!listed.body.value.some((s: any) => s.id === mine.id));
      const got = await f.call('GET', `/subscriptions/${mine.id}`, undefined, as);
      assert.equal(got.status, 404);
      assert.equal(got.body.error.code, 'ResourceNotFound');
      assert.equal((await f.call('DELETE', `/subscriptions/${mine.id}`, undefined, as)).status, 404);
    }
    const appOwned = await f.subscribe(
      '/hooks/app',
      { resource: `users/${f.userA.id}/contacts` },
      f.appToken,
    );
    assert.equal(appOwned.status, 201);
    assert.equal(appOwned.body.applicationId, TEST_CLIENT_ID);
    assert.notEqual(appOwned.body.creatorId, f.userA.id, 'app-only: the service principal');
    const seenByApp = (await f.call('GET', '/subscriptions', undefined, f.appToken)).body.value.map(
      (s: any) => s.id,
    );
    assert.deepEqual(seenByApp, [appOwned.body.id]);
    const seenByA = (await f.call('GET', '/subscriptions')).body.value.map((s: any) => s.id);
    assert.ok(seenByA.includes(mine.id) && !seenByA.includes(appOwned.body.id));
  });
});

describe('Sandbox: subscription resources and expiry', () => {
  const change = (over: Partial<ItemChange>): ItemChange => ({
    tenantId: 't',
    userId: 'u',
    collection: 'events',
    id: 'i',
    parent: 'cal-2',
    changeType: 'created',
    seq: 1,
    ...over,
  });

  it('parses the resources Tandem uses, with or without a leading slash', () => {
    assert.deepEqual(parseResource('/me/events'), { kind: 'event', userRef: 'me' });
    assert.deepEqual(parseResource("users('u-1')/Contacts"), { kind: 'contact', userRef: 'u-1' });
    assert.deepEqual(parseResource('users/u-1/contactFolders/f-1/contacts'), {
      kind: 'contact',
      userRef: 'u-1',
      container: 'f-1',
    });
    assert.deepEqual(parseResource('me/todo/lists/l-1/tasks'), {
      kind: 'todoTask',
      userRef: 'me',
      container: 'l-1',
    });
    for (const bad of [
      'me/messages',
      'me/todo/lists',
      'users//events',
      'me/events?$filter=x',
      'groups/g/events',
    ])
      assert.equal(parseResource(bad), undefined, bad);
  });

  it('matches events in any calendar, tasks of the list only, and only the subscribed mailbox', () => {
    const events = { tenantId: 't', userId: 'u', kind: 'event' as const };
    assert.ok(scopeMatches(events, change({})));
    assert.ok(!scopeMatches(events, change({ userId: 'other' })));
    assert.ok(!scopeMatches(events, change({ tenantId: 'other' })));
    assert.ok(!scopeMatches(events, change({ collection: 'contacts' })));
    const tasks = { tenantId: 't', userId: 'u', kind: 'todoTask' as const, container: 'list-1' };
    assert.ok(scopeMatches(tasks, change({ collection: 'todoTasks', parent: 'list-1' })));
    assert.ok(!scopeMatches(tasks, change({ collection: 'todoTasks', parent: 'list-2' })));
    assert.ok(!scopeMatches(tasks, change({ collection: 'todoLists', parent: 'list-1' })));
  });

  it('forgets a subscription once its expirationDateTime has passed', () => {
    let now = Date.parse('2026-03-02T10:00:00Z');
    const registry = new SubscriptionRegistry(() => now);
    const subscription = {
      id: 's-1',
      tenantId: 't',
      userId: 'u',
      kind: 'contact',
      expirationDateTime: '2026-03-02T10:05:00.000Z',
    } as Subscription;
    registry.add(subscription);
    assert.equal(registry.get('t', 's-1'), subscription);
    now += 5 * 60_000;
    assert.equal(registry.get('t', 's-1'), undefined);
    assert.deepEqual(registry.list(), []);
    assert.equal(registry.stats('s-1'), undefined);
    registry.clear();
  });
});
