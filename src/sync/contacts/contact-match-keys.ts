/**
 * Normalised keys for duplicate matching (PRODUCT §3 Contacts: "same email, else same name and
 * company"). Shared by the pure matcher and the database lookup, so both agree on what "same" is.
 */

/** Anything with the contact fields matching reads: CRM records, mapped values, Graph-derived values. */
export interface MatchableContact {
  firstName?: unknown;
  lastName?: unknown;
  companyName?: unknown;
  emails?: unknown;
}

export interface MatchKeys {
  /** Normalised addresses (trimmed, Unicode NFC, lower-case). */
  emails: string[];
  /** Normalised "first last|company", or null without a company (a name alone is too weak). */
  nameCompany: string | null;
  /** {@link foldKey} of the company, for the database preselection; null without a company. */
  companyFold: string | null;
}

export function normaliseEmail(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}

/** Case-, accent- and whitespace-insensitive text (`Müller  & Söhne` ≡ `muller & sohne`; ß ≡ ss). */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Accent folding that SQL's `translate()` reproduces exactly ({@link FOLD_FROM} → {@link FOLD_TO}),
 * then lower-case without spaces. Coarser than {@link normaliseName}: it only narrows the database
 * preselection; the matcher decides with the exact keys.
 */
export const FOLD_FROM = 'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿßŁłŃńŚśŹźŻżČčŠšŽžŘřĆćĘęĄą';
export const FOLD_TO = 'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyysLlNnSsZzZzCcSsZzRrCcEeAa';

export function foldKey(text: string): string {
  let out = '';
  for (const ch of text) {
    const i = FOLD_FROM.indexOf(ch);
    out += i >= 0 ? FOLD_TO[i] : ch;
  }
  return out.toLowerCase().replace(/\s+/g, '');
}

const textOf = (v: unknown): string => (typeof v === 'string' ? v.replaceAll('\u0000', '').trim() : '');

export function matchKeysOf(contact: MatchableContact): MatchKeys {
  const emails = Array.isArray(contact.emails)
    ? contact.emails
        .map((e) => textOf((e as { address?: unknown } | null)?.address))
        .filter(Boolean)
        .map(normaliseEmail)
    : [];
  const company = textOf(contact.companyName);
  const name = normaliseName(`${textOf(contact.firstName)} ${textOf(contact.lastName)}`);
  return {
    emails: [...new Set(emails)],
    nameCompany: company ? `${name}|${normaliseName(company)}` : null,
    companyFold: company ? foldKey(company) : null,
  };
}
