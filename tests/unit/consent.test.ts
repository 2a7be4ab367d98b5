import assert from 'node:assert/strict';
import {
  authorizeUrl,
  consentPageUrl,
  consentSentence,
  joinWords,
  safeReturnTo,
  shortScopes,
} from '../../src/web/lib/consent.js';
import { en } from '../../src/web/strings.js';

describe('Tab consent helpers (src/web/lib/consent.ts)', () => {
  it('says in plain words what the Graph scopes let Tandem do', () => {
    assert.equal(
      consentSentence(['Contacts.ReadWrite', 'Calendars.ReadWrite', 'Tasks.ReadWrite'], en),
      'Tandem needs your permission to read and update your Outlook contacts, calendar and tasks.',
    );
    assert.equal(
      consentSentence(['https://graph.microsoft.com/Tasks.ReadWrite', 'offline_access'], en),
      'Tandem needs your permission to read and update your tasks.',
    );
    assert.equal(
      consentSentence(['Calendars.Read', 'Contacts.Read'], en),
      'Tandem needs your permission to read your Outlook contacts and calendar.',
    );
    assert.equal(
      consentSentence(['User.Read', 'Sites.Read.All'], en),
      'Tandem needs your permission to read your profile and Microsoft 365 data.',
    );
    assert.equal(consentSentence([], en), 'Tandem needs your permission to read your Microsoft 365 data.');
  });

  it('joins words the English way', () => {
    assert.equal(joinWords([], 'and'), '');
    assert.equal(joinWords(['a'], 'and'), 'a');
    assert.equal(joinWords(['a', 'b'], 'and'), 'a and b');
    assert.equal(joinWords(['a', 'b', 'c'], 'and'), 'a, b and c');
  });

  it('normalises scopes: short names, no OIDC scopes, no duplicates, nothing odd', () => {
    assert.deepEqual(
      shortScopes([
        'https://graph.microsoft.com/Contacts.ReadWrite',
        'Contacts.ReadWrite',
        'openid',
        'offline_access',
        'bad scope&x=1',
        '',
      ]),
      ['Contacts.ReadWrite'],
    );
  });

  it('builds the authorize URL: code + PKCE S256, Graph scopes, prompt=consent, login hint', () => {
    const url = new URL(
      authorizeUrl({
        authority: 'https://login.example/organizations/',
        clientId: 'client-1',
        redirectUri: 'https://tandem.example/tabs/consent-end',
        scopes: ['Contacts.ReadWrite', 'https://graph.microsoft.com/Tasks.ReadWrite'],
        state: 'st',
        codeChallenge: 'ch',
        loginHint: 'ada@contoso.example',
      }),
    );
    assert.equal(url.origin + url.pathname, 'https://login.example/organizations/oauth2/v2.0/authorize');
    const q = url.searchParams;
    assert.equal(q.get('client_id'), 'client-1');
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('redirect_uri'), 'https://tandem.example/tabs/consent-end');
    assert.equal(
      q.get('scope'),
      'openid profile https://graph.microsoft.com/Contacts.ReadWrite https://graph.microsoft.com/Tasks.ReadWrite',
    );
    assert.equal(q.get('prompt'), 'consent');
    assert.equal(q.get('state'), 'st');
    assert.equal(q.get('code_challenge'), 'ch');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.equal(q.get('login_hint'), 'ada@contoso.example');
    assert.equal(q.get('claims'), null);
  });

  it('passes a step-up claims challenge and leaves out an unknown login hint', () => {
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    const q = new URL(
      authorizeUrl({
        authority: 'https://login.example/organizations',
        clientId: 'c',
        redirectUri: 'https://t.example/tabs/consent-end',
        scopes: ['Tasks.ReadWrite'],
        state: 's',
        codeChallenge: 'x',
        claims,
      }),
    ).searchParams;
    assert.equal(q.get('claims'), claims);
    assert.equal(q.has('login_hint'), false);
  });

  it('builds the consent page URL and only returns to tab paths', () => {
    const url = new URL(
      consentPageUrl('https://t.example', {
        scopes: ['https://graph.microsoft.com/Contacts.ReadWrite', 'Tasks.ReadWrite'],
        loginHint: 'ada@contoso.example',
        returnTo: '/tabs/sync',
      }),
    );
    assert.equal(url.pathname, '/tabs/consent');
    assert.equal(url.searchParams.get('scopes'), 'Contacts.ReadWrite Tasks.ReadWrite');
    assert.equal(url.searchParams.get('returnTo'), '/tabs/sync');
    assert.equal(safeReturnTo('/tabs/team?x=1'), '/tabs/team?x=1');
    assert.equal(safeReturnTo('https://evil.example/tabs/sync'), '/tabs/sync');
    assert.equal(safeReturnTo('//evil.example/tabs/'), '/tabs/sync');
    assert.equal(safeReturnTo(null), '/tabs/sync');
  });
});
