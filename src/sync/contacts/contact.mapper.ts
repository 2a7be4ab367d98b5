import type { Contact } from '@microsoft/microsoft-graph-types';
import {
  CRM_CONTACT_FIELDS,
  type ContactMapping,
  type CrmContactField,
  type CrmFieldSpec,
  type GraphContactField,
} from './contact-mapping.js';
import {
  cleanAddress,
  cleanEmails,
  cleanList,
  cleanText,
  emptyAddress,
  graphDateToLocal,
  localDateToGraph,
  type MappedAddress,
  type MappedEmail,
  type MappedValue,
  type MappedValues,
} from './contact-values.js';

/** A Graph contact body Tandem writes: only writable properties (plus `categories`, set elsewhere). */
export type GraphContactBody = Partial<Pick<Contact, GraphContactField | 'displayName' | 'categories'>>;

/** Phone numbers the CRM keeps are at most 64 characters. */
const PHONE_MAX = 64;

const mappedEntries = (mapping: ContactMapping) =>
  Object.entries(mapping) as [CrmContactField, GraphContactField][];

function fromGraph(spec: CrmFieldSpec, raw: unknown): MappedValue | undefined {
  switch (spec.kind) {
    case 'text':
      return cleanText(raw, spec.maxLength);
    case 'date':
      return graphDateToLocal(raw);
    case 'textList':
      return cleanList(raw, PHONE_MAX);
    case 'emailList':
      return cleanEmails(raw);
    case 'address':
      return cleanAddress(raw);
  }
}

/**
 * The CRM values of an Outlook contact, one per mapped CRM field (pure). A property the payload
 * does not carry is left out (unknown: the CRM keeps its value); a property present but `null`,
 * empty or blank is a cleared value (`null` or `[]`), so a field cleared in Outlook is cleared in
 * the CRM. Text is trimmed, NUL-free and cut to the CRM's length; email addresses keep the case the
 * user typed (the matcher compares them normalised).
 */
export function toCrmFields(
  contact: Contact | Record<string, unknown>,
  mapping: ContactMapping,
): MappedValues {
  const source = contact as Record<string, unknown>;
  const out: MappedValues = {};
  for (const [crmField, graphField] of mappedEntries(mapping)) {
    if (!Object.hasOwn(source, graphField)) continue;
    const value = fromGraph(CRM_CONTACT_FIELDS[crmField], source[graphField]);
    if (value !== undefined) out[crmField] = value;
  }
  return out;
}

function toGraph(spec: CrmFieldSpec, value: MappedValue): unknown {
  switch (spec.kind) {
    case 'text':
      return typeof value === 'string' ? value : null;
    case 'date':
      return localDateToGraph(typeof value === 'string' ? value : null);
    case 'textList':
      return Array.isArray(value) ? [...(value as string[])] : [];
    case 'emailList':
      return Array.isArray(value)
        ? (value as MappedEmail[]).map((e) =>
            e.name ? { address: e.address, name: e.name } : { address: e.address },
          )
        : [];
    case 'address':
      // Members set to null clear them; an address object of nulls clears the whole address.
      return value && typeof value === 'object' && !Array.isArray(value)
        ? { ...emptyAddress(), ...(value as MappedAddress) }
        : emptyAddress();
  }
}

/**
 * The Graph body for CRM values (pure): only mapped fields present in `values`, never read-only
 * properties. Pass the complete mapped snapshot: `displayName` is derived from the name fields of
 * the body (given, middle, surname; else company; else first email) because Outlook may regenerate
 * it after other changes (FACTS §2) and Tandem's value must win.
 */
export function toGraphContact(values: MappedValues, mapping: ContactMapping): GraphContactBody {
  const body: Record<string, unknown> = {};
  for (const [crmField, graphField] of mappedEntries(mapping)) {
    if (!Object.hasOwn(values, crmField)) continue;
    body[graphField] = toGraph(CRM_CONTACT_FIELDS[crmField], values[crmField] ?? null);
  }
  const displayName = displayNameOf(body);
  if (displayName) body.displayName = displayName;
  return body as GraphContactBody;
}

/** Outlook's display name from name parts, else company, else the first email address. */
export function displayNameOf(contact: {
  givenName?: unknown;
  middleName?: unknown;
  surname?: unknown;
  companyName?: unknown;
  emailAddresses?: unknown;
}): string | null {
  const name = [contact.givenName, contact.middleName, contact.surname]
    .map((part) => cleanText(part))
    .filter(Boolean)
    .join(' ');
  return name || cleanText(contact.companyName) || cleanEmails(contact.emailAddresses)[0]?.address || null;
}

/** A short label of a contact (CRM record or mapped values) for the journal and the dry run. */
export function contactLabel(contact: {
  firstName?: unknown;
  lastName?: unknown;
  companyName?: unknown;
  emails?: unknown;
}): string {
  return (
    displayNameOf({
      givenName: contact.firstName,
      surname: contact.lastName,
      companyName: contact.companyName,
      emailAddresses: contact.emails,
    }) ?? '(no name)'
  );
}
