import assert from 'node:assert/strict';
import { graphBaseUrl } from '../../../src/sync/graph/graph-endpoint.js';
import { GraphCallError } from '../../../src/sync/graph/graph-port.js';
import { GraphUrls, preferHeaders, withSelect } from '../../../src/sync/graph/graph-url.js';

describe('Graph URLs and Prefer headers', () => {
  const urls = new GraphUrls('https://graph.microsoft.com/v1.0/');

  it('resolves relative URLs on the root and keeps nextLinks on the root as they are', () => {
    assert.equal(urls.absolute('/users/u1/contacts'), 'https://graph.microsoft.com/v1.0/users/u1/contacts');
    assert.equal(urls.absolute('users/u1'), 'https://graph.microsoft.com/v1.0/users/u1');
    const next = 'https://graph.microsoft.com/v1.0/users/u1/contactFolders/f/contacts/delta?$skiptoken=abc';
    assert.equal(urls.absolute(next), next);
    assert.equal(urls.relative(next), '/users/u1/contactFolders/f/contacts/delta?$skiptoken=abc');
  });

  it('refuses links to another host or API version (a token never leaves the Graph root)', () => {
    for (const bad of [
      'https://evil.example/v1.0/users',
      'http://graph.microsoft.com/v1.0/users',
      'https://graph.microsoft.com/beta/users',
    ]) {
      assert.throws(
        () => urls.absolute(bad),
        (e: unknown) => e instanceof GraphCallError && e.code === 'BAD_REQUEST',
        bad,
      );
    }
  });

  it('asks for immutable ids on Outlook items and folders, not on To Do or the directory', () => {
    const prefer = (url: string) => preferHeaders(url).Prefer;
    assert.equal(prefer('/users/u/contactFolders/f/contacts/delta'), 'IdType="ImmutableId"');
    assert.equal(prefer('/users/u/calendarView/delta?startDateTime=x'), 'IdType="ImmutableId"');
    assert.equal(prefer('/users/u/events/e1/microsoft.graph.cancel'), 'IdType="ImmutableId"');
    assert.equal(prefer('/users/u/todo/lists/l/tasks/delta'), undefined);
    assert.equal(prefer('/users?$select=id'), undefined);
    const subscribe = (resource: string) =>
      preferHeaders('/subscriptions', {}, undefined, { resource }).Prefer;
    assert.equal(
      subscribe('/users/u/contactFolders/f/contacts'),
      'IdType="ImmutableId"',
      'notifications too',
    );
    assert.equal(subscribe('/users/u/todo/lists/l/tasks'), undefined);
  });

  it('asks for the maximum page size on pages of contacts, events and tasks, merged with the caller’s Prefer', () => {
    assert.deepEqual(
      preferHeaders('/users/u/calendarView/delta', { prefer: 'outlook.timezone="UTC"', 'x-a': '1' }, 1000),
      { 'x-a': '1', Prefer: 'outlook.timezone="UTC", IdType="ImmutableId", odata.maxpagesize=1000' },
    );
    assert.equal(
      preferHeaders('/users/u/todo/lists/l/tasks/delta', {}, 1000).Prefer,
      'odata.maxpagesize=1000',
    );
    assert.equal(
      preferHeaders('/users/u/contacts', { Prefer: 'odata.maxpagesize=50' }, 1000).Prefer,
      'odata.maxpagesize=50, IdType="ImmutableId"',
      'the caller’s choice wins',
    );
    assert.equal(preferHeaders('/users/u/contactFolders', {}, 1000).Prefer, 'IdType="ImmutableId"');
  });

  it('finds Graph beside a loopback authority (the sandbox), in the public cloud otherwise', () => {
    const at = (authorityHost: string) => graphBaseUrl({ auth: { authorityHost } as never });
    assert.equal(at('https://localhost:3979'), 'https://localhost:3979/v1.0');
    assert.equal(at('https://127.0.0.1:41234/'), 'https://127.0.0.1:41234/v1.0');
    assert.equal(at('https://login.microsoftonline.com'), 'https://graph.microsoft.com/v1.0');
    assert.equal(at('https://localhost.evil.example'), 'https://graph.microsoft.com/v1.0');
  });

  it('sets $select, replacing one already there', () => {
    assert.equal(
      withSelect('/users/u/contacts', ['id', 'givenName']),
      '/users/u/contacts?$select=id,givenName',
    );
    assert.equal(
      withSelect('/users/u/contacts?$top=5&$select=id', ['surname']),
      '/users/u/contacts?$top=5&$select=surname',
    );
  });
});
