import type { EmailAddress, Phone, PostalAddress } from '../../crm/shared/common.schema.js';
import { CRM_CONTACT_FIELDS, type ContactMapping, type CrmContactField } from './contact-mapping.js';
import { sameValue } from '../../crm/shared/same-value.js';
import {
  cleanAddress,
  cleanEmails,
  cleanList,
  cleanText,
  type MappedAddress,
  type MappedEmail,
  type MappedValues,
} from './contact-values.js';

/** The CRM contact fields the sync reads and writes (a subset of the contact record). */
export interface CrmContactRecord {
  salutation?: string | null;
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  notes?: string | null;
  birthday?: string | null;
  emails?: EmailAddress[] | null;
  phones?: Phone[] | null;
  addresses?: PostalAddress[] | null;
}
type Patch = Partial<Omit<CrmContactRecord, 'emails' | 'phones' | 'addresses'>> & {
  emails?: EmailAddress[];
  phones?: Phone[];
  addresses?: PostalAddress[];
};

const TEXT_FIELDS = [
  'salutation',
  'firstName',
  'middleName',
  'lastName',
  'companyName',
  'jobTitle',
  'department',
  'notes',
  'birthday',
] as const;
const PHONE_LISTS = { businessPhones: 'business', homePhones: 'home' } as const;
const ADDRESSES = { businessAddress: 'business', homeAddress: 'home', otherAddress: 'other' } as const;
/** The CRM keeps at most 20 phone numbers. */
const MAX_PHONES = 20;

const numbersOf = (phones: Phone[], type: Phone['type']) =>
  phones.filter((p) => p.type === type).map((p) => p.number);
const firstAddress = (addresses: PostalAddress[], type: PostalAddress['type']) =>
  cleanAddress(addresses.find((a) => a.type === type));

/** The value of one mappable field of a CRM contact, in the canonical form of `contact-values.ts`. */
function readField(record: CrmContactRecord, field: CrmContactField) {
  const phones = record.phones ?? [];
  switch (field) {
    case 'emails':
      return cleanEmails(record.emails ?? []);
    case 'businessPhones':
    case 'homePhones':
      return cleanList(numbersOf(phones, PHONE_LISTS[field]));
    case 'mobilePhone':
      return cleanText(numbersOf(phones, 'mobile')[0]);
    case 'businessAddress':
    case 'homeAddress':
    case 'otherAddress':
      return firstAddress(record.addresses ?? [], ADDRESSES[field]);
    default:
      return cleanText(record[field], CRM_CONTACT_FIELDS[field].maxLength);
  }
}

/** The values of a CRM contact for the mapped fields (pure; the input of `toGraphContact`). */
export function readCrmFields(record: CrmContactRecord, mapping: ContactMapping): MappedValues {
  const out: MappedValues = {};
  for (const field of Object.keys(mapping) as CrmContactField[]) out[field] = readField(record, field);
  return out;
}

/**
 * Replaces the entries of one type in place: the n-th entry of that type takes the n-th new value
 * (or goes), extra new values are appended. Entries of other types keep their place.
 */
function replaceOfType<T extends { type: string }>(list: T[], type: string, next: T[]): T[] {
  const queue = [...next];
  const out: T[] = [];
  for (const entry of list) {
    if (entry.type !== type) out.push(entry);
    else if (queue.length > 0) out.push(queue.shift()!);
  }
  return [...out, ...queue];
}

function phonesWith(record: CrmContactRecord, values: MappedValues): Phone[] {
  let phones = [...(record.phones ?? [])];
  for (const [field, type] of Object.entries(PHONE_LISTS) as [keyof typeof PHONE_LISTS, Phone['type']][]) {
    if (!Object.hasOwn(values, field)) continue;
    phones = replaceOfType(
      phones,
      type,
      ((values[field] as string[]) ?? []).map((number) => ({ number, type })),
    );
  }
  if (Object.hasOwn(values, 'mobilePhone')) {
    const mobiles = phones.filter((p) => p.type === 'mobile').slice(1);
    const first = values.mobilePhone as string | null;
    phones = replaceOfType(phones, 'mobile', [
      ...(first ? [{ number: first, type: 'mobile' as const }] : []),
      ...mobiles,
    ]);
  }
  return phones.slice(0, MAX_PHONES);
}

function addressesWith(record: CrmContactRecord, values: MappedValues): PostalAddress[] {
  let addresses = [...(record.addresses ?? [])];
  for (const [field, type] of Object.entries(ADDRESSES) as [
    keyof typeof ADDRESSES,
    PostalAddress['type'],
  ][]) {
    if (!Object.hasOwn(values, field)) continue;
    const others = addresses.filter((a) => a.type === type).slice(1);
    const first = values[field] as MappedAddress | null;
    addresses = replaceOfType(addresses, type, [...(first ? [{ type, ...first }] : []), ...others]);
  }
  return addresses.slice(0, 3);
}

/** Emails as the CRM keeps them: the type of an address already known is kept, new ones are `work`. */
function emailsWith(record: CrmContactRecord, emails: MappedEmail[]): EmailAddress[] {
  const known = new Map((record.emails ?? []).map((e) => [e.address.toLowerCase(), e.type]));
  return emails.map((e) => ({
    address: e.address,
    name: e.name,
    type: known.get(e.address.toLowerCase()) ?? 'work',
  }));
}

/**
 * The CRM record changes that give `record` these values (pure): only fields that change, so an
 * empty patch means nothing to write. Parts of the record no mapped field covers (fax numbers, a
 * second mobile, the types of known emails) are kept.
 */
export function crmPatch(record: CrmContactRecord, values: MappedValues): Patch {
  const patch: Patch = {};
  for (const field of TEXT_FIELDS) {
    if (!Object.hasOwn(values, field)) continue;
    const value = (values[field] as string | null) ?? null;
    if (!sameValue(record[field] ?? null, value)) patch[field] = value;
  }
  if (Object.hasOwn(values, 'emails')) {
    const emails = emailsWith(record, (values.emails as MappedEmail[]) ?? []);
    if (!sameValue(record.emails ?? [], emails)) patch.emails = emails;
  }
  const phones = phonesWith(record, values);
  if (!sameValue(record.phones ?? [], phones)) patch.phones = phones;
  const addresses = addressesWith(record, values);
  if (!sameValue(record.addresses ?? [], addresses)) patch.addresses = addresses;
  return patch;
}
