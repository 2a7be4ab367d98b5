import { de } from './de.strings.js';
import { en } from './en.strings.js';
import { es } from './es.strings.js';
import { fr } from './fr.strings.js';
import type { MailStrings } from './mail-strings.js';

export type MailLanguage = 'en' | 'fr' | 'es' | 'de';
const STRINGS: Record<MailLanguage, MailStrings> = { en, fr, es, de };

/** A rendered mail: the subject as text, the body as HTML in which every value is escaped. */
export interface RenderedMail {
  language: MailLanguage;
  subject: string;
  html: string;
}

/** Graph's `preferredLanguage` (`fr-FR`, `de`…) to a mail language; English when unknown. */
export function mailLanguage(preferred: string | null | undefined): MailLanguage {
  const base = (preferred ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return base in STRINGS ? (base as MailLanguage) : 'en';
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const p = (text: string) => `<p style="margin:0 0 12px">${escapeHtml(text)}</p>`;
const button = (label: string, url: string) =>
  `<p style="margin:20px 0"><a href="${escapeHtml(url)}" style="background:#5b5fc7;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:600">${escapeHtml(label)}</a></p>`;

function page(lang: MailLanguage, body: string): string {
  return `<!DOCTYPE html><html lang="${lang}"><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#242424">${body}<p style="margin-top:24px;color:#616161;font-size:12px">${escapeHtml(STRINGS[lang].footer)}</p></body></html>`;
}

function longDate(lang: MailLanguage, date: Date): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function invitationMail(input: {
  language: MailLanguage;
  invitee: string;
  inviter: string;
  organisation: string;
  profile: string;
  acceptUrl: string;
  expiresAt: Date;
}): RenderedMail {
  const s = STRINGS[input.language].invitation;
  return {
    language: input.language,
    subject: s.subject(input),
    html: page(
      input.language,
      [
        p(s.greeting(input)),
        p(s.intro(input)),
        p(s.profile(input)),
        button(s.action, input.acceptUrl),
        p(s.expiry({ date: longDate(input.language, input.expiresAt) })),
        p(s.ignore),
      ].join(''),
    ),
  };
}

export function joinRequestDigestMail(input: {
  language: MailLanguage;
  organisation: string;
  requests: { displayName: string; userPrincipalName: string; message: string | null; reviewUrl: string }[];
}): RenderedMail {
  const s = STRINGS[input.language].joinRequests;
  const count = input.requests.length;
  const items = input.requests
    .map(
      (r) =>
        `<li style="margin-bottom:12px"><strong>${escapeHtml(r.displayName)}</strong> (${escapeHtml(r.userPrincipalName)})` +
        (r.message ? `<br><em>${escapeHtml(r.message)}</em>` : '') +
        `<br><a href="${escapeHtml(r.reviewUrl)}">${escapeHtml(s.action)}</a></li>`,
    )
    .join('');
  return {
    language: input.language,
    subject: s.subject({ count, organisation: input.organisation }),
    html: page(
      input.language,
      p(s.intro({ count, organisation: input.organisation })) + `<ul>${items}</ul>` + p(s.onlyYou),
    ),
  };
}

export function joinRequestOutcomeMail(input: {
  language: MailLanguage;
  approved: boolean;
  approver: string;
  organisation: string;
  profile: string | null;
  reason: string | null;
  openUrl: string;
}): RenderedMail {
  const s = STRINGS[input.language].outcome;
  const body = input.approved
    ? p(s.approved({ ...input, profile: input.profile ?? '' })) + button(s.action, input.openUrl)
    : p(s.declined(input)) + (input.reason ? p(s.reason({ reason: input.reason })) : '');
  return {
    language: input.language,
    subject: input.approved ? s.approvedSubject(input) : s.declinedSubject(input),
    html: page(input.language, body),
  };
}
