import { emailSchema } from '../../crm/shared/common.schema.js';
import type { CrmContactField } from './contact-mapping.js';

/**
 * The values that sync, one per mapped CRM field, in one canonical form on both sides (the unit of
 * the three-way merge and of the snapshot hash):
 * - text: trimmed, NUL-free, non-empty string, or `null` (cleared);
 * - date: `YYYY-MM-DD` or `null`;
 * - textList: trimmed non-empty strings (`[]` when cleared);
 * - emailList: up to 3 `{address, name}`, addresses as typed (trimmed), no two equal without case;
 * - address: a {@link MappedAddress} with at least one member, or `null`.
 */
export interface MappedEmail {
  address: string;
  name: string | null;
}

export interface MappedAddress {
  street: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  countryOrRegion: string | null;
}

export type MappedValue = string | null | string[] | MappedEmail[] | MappedAddress;
export type MappedValues = Partial<Record<CrmContactField, MappedValue>>;

/** Outlook keeps at most 3 email addresses on a contact (FACTS §2). */
export const MAX_EMAILS = 3;
const ADDRESS_PARTS = ['street', 'city', 'state', 'postalCode', 'countryOrRegion'] as const;
const ADDRESS_MAX: Record<(typeof ADDRESS_PARTS)[number], number> = {
  street: 500,
  city: 200,
  state: 200,
  postalCode: 40,
  countryOrRegion: 200,
};

/** PostgreSQL rejects `\u0000` in text (CONVENTIONS rule 7). */
export const stripNul = (s: string): string => s.replaceAll('\u0000', '');

export function cleanText(value: unknown, maxLength?: number): string | null {
  if (typeof value !== 'string') return null;
  const text = stripNul(value).trim();
  if (!text) return null;
  return maxLength !== undefined && text.length > maxLength ? text.slice(0, maxLength).trimEnd() : text;
}

export function cleanList(value: unknown, maxLength?: number): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => cleanText(v, maxLength)).filter((v): v is string => v !== null);
}

export const isEmailAddress = (address: string): boolean => emailSchema.safeParse(address).success;

/**
 * Email entries as the CRM can keep them: valid addresses only (Exchange legacy DNs and typos are
 * left out), the first of addresses equal without case, at most 3. A name equal to the address is
 * no name (Outlook fills a missing name with the address).
 */
export function cleanEmails(value: unknown): MappedEmail[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const out: MappedEmail[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { address: rawAddress, name: rawName } = entry as { address?: unknown; name?: unknown };
    const address = cleanText(rawAddress, 320);
    if (!address || !isEmailAddress(address) || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    const name = cleanText(rawName, 200);
    out.push({ address, name: name && name.toLowerCase() !== address.toLowerCase() ? name : null });
    if (out.length === MAX_EMAILS) break;
  }
  return out;
}

export function cleanAddress(value: unknown): MappedAddress | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const address = Object.fromEntries(
    ADDRESS_PARTS.map((part) => [part, cleanText(raw[part], ADDRESS_MAX[part])]),
  ) as unknown as MappedAddress;
  return ADDRESS_PARTS.some((part) => address[part] !== null) ? address : null;
}

export const emptyAddress = (): MappedAddress => ({
  street: null,
  city: null,
  state: null,
  postalCode: null,
  countryOrRegion: null,
});

const DAY_MS = 86_400_000;

/**
 * Graph's `birthday` (a DateTimeOffset) as a calendar date. Outlook clients store a birthday as
 * midnight local time (e.g. `…T22:00:00Z` the day before, in Paris) or near noon UTC; the nearest
 * UTC day recovers the date for offsets from −11 h to +12 h. `undefined` when unreadable.
 */
export function graphDateToLocal(value: unknown): string | null | undefined {
  if (value === null || value === '') return null;
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(Math.floor((ms + DAY_MS / 2) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar date as Graph's `birthday`: 11:59 UTC, the same date in every zone from −11 h to +12 h. */
export const localDateToGraph = (date: string | null): string | null => (date ? `${date}T11:59:00Z` : null);
