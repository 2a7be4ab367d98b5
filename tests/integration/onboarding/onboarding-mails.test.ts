import assert from 'node:assert/strict';
import {
  invitationMail,
  joinRequestDigestMail,
  joinRequestOutcomeMail,
  mailLanguage,
  type MailLanguage,
} from '../../../src/tenancy/onboarding/mail/mail-templates.js';

/** The onboarding mails: four languages, and no user-supplied HTML ever reaches the body unescaped. */
describe('Onboarding — mails', () => {
  const hostile = '<img src=x onerror=alert(1)>"Eve" & co';

  it('picks the language from Graph preferredLanguage, English when unknown', () => {
    assert.equal(mailLanguage('fr-FR'), 'fr');
    assert.equal(mailLanguage('de_AT'), 'de');
    assert.equal(mailLanguage('ES'), 'es');
    assert.equal(mailLanguage('ja-JP'), 'en');
    assert.equal(mailLanguage(null), 'en');
  });

  it('escapes every value in every language and keeps the accept link intact', () => {
    const url = 'http://localhost:3978/tabs/accept#token=abc_DEF-123';
    for (const language of ['en', 'fr', 'es', 'de'] as MailLanguage[]) {
      const mail = invitationMail({
        language,
        invitee: hostile,
        inviter: hostile,
        organisation: hostile,
        profile: 'Standard',
        acceptUrl: url,
        expiresAt: new Date('2026-12-05T10:00:00Z'),
      });
      assert.ok(!mail.html.includes('<img'), language);
      assert.ok(mail.html.includes('&lt;img src=x onerror=alert(1)&gt;&quot;Eve&quot; &amp; co'), language);
      assert.ok(mail.html.includes(`href="${url}"`), language);
      assert.match(mail.html, new RegExp(`<html lang="${language}">`));
    }
    assert.match(
      invitationMail({
        language: 'de',
        invitee: 'A',
        inviter: 'B',
        organisation: 'C',
        profile: 'P',
        acceptUrl: url,
        expiresAt: new Date('2026-12-05T10:00:00Z'),
      }).html,
      /5\. Dezember 2026/,
    );
  });

  it('lists every pending request in one digest, and tells the requester the outcome', () => {
    const digest = joinRequestDigestMail({
      language: 'es',
      organisation: 'Contoso',
      requests: [
        {
          displayName: hostile,
          userPrincipalName: 'a@contoso.example',
          message: hostile,
          reviewUrl: 'http://x/tabs/team?request=1',
        },
        {
          displayName: 'Bea',
          userPrincipalName: 'b@contoso.example',
          message: null,
          reviewUrl: 'http://x/tabs/team?request=2',
        },
      ],
    });
    assert.equal(digest.subject, '2 personas solicitan unirse a Contoso en Tandem');
    assert.ok(!digest.html.includes('<img'));
    assert.equal((digest.html.match(/tabs\/team\?request=/g) ?? []).length, 2);
    const declined = joinRequestOutcomeMail({
      language: 'fr',
      approved: false,
      approver: 'Olivia',
      organisation: 'Contoso',
      profile: null,
      reason: hostile,
      openUrl: 'http://x/tabs/sync',
    });
    assert.match(declined.html, /Olivia a refusé votre demande/);
    assert.ok(!declined.html.includes('<img'));
  });
});
