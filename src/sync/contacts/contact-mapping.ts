import type { FieldIssue } from '../../platform/errors/app-error.js';
import {
  catalogEntries,
  InvalidMappingError,
  mappingIssue,
  mappingIssues,
  type MappingRules,
} from '../engine/field-mapping.js';
import type { FieldCatalog } from '../engine/sync-contract.js';
import { CONTACT_OPTION_DESCRIPTIONS, DEFAULT_CONTACT_OPTIONS } from './contact-options.js';

/**
 * The contacts field catalog (PRODUCT §3 Contacts: "a default mapping between Graph contact fields
 * and CRM fields, editable per user; only fields that Graph exposes can be mapped").
 *
 * A mapping is `{ crmField: graphField }`. CRM fields are the mappable parts of a CRM contact (the
 * record keeps phones, emails and addresses as typed lists; each Outlook slot is one field here, so
 * the three-way merge works per slot). Graph fields are the writable properties of Graph's
 * `contact`; `displayName` (derived from the name), `categories` (owned by Tandem) and read-only
 * properties are not mappable.
 */

/** What a field holds; a CRM field maps only to a Graph field of the same kind. */
export type FieldKind = 'text' | 'date' | 'textList' | 'emailList' | 'address';

export interface CrmFieldSpec {
  label: string;
  kind: FieldKind;
  /** Longest text the CRM keeps (text fields): longer Outlook values are cut to it. */
  maxLength?: number;
}

const CRM_FIELDS = {
  salutation: { label: 'Salutation', kind: 'text', maxLength: 40 },
  firstName: { label: 'First name', kind: 'text', maxLength: 200 },
  middleName: { label: 'Middle name', kind: 'text', maxLength: 200 },
  lastName: { label: 'Last name', kind: 'text', maxLength: 200 },
  companyName: { label: 'Company', kind: 'text', maxLength: 255 },
  jobTitle: { label: 'Job title', kind: 'text', maxLength: 255 },
  department: { label: 'Department', kind: 'text', maxLength: 255 },
  notes: { label: 'Notes', kind: 'text', maxLength: 32_000 },
  birthday: { label: 'Birthday', kind: 'date' },
  emails: { label: 'Email addresses (up to 3)', kind: 'emailList' },
  businessPhones: { label: 'Business phones', kind: 'textList' },
  homePhones: { label: 'Home phones', kind: 'textList' },
  mobilePhone: { label: 'Mobile phone', kind: 'text', maxLength: 64 },
  businessAddress: { label: 'Business address', kind: 'address' },
  homeAddress: { label: 'Home address', kind: 'address' },
  otherAddress: { label: 'Other address', kind: 'address' },
} as const satisfies Record<string, CrmFieldSpec>;
export type CrmContactField = keyof typeof CRM_FIELDS;
export const CRM_CONTACT_FIELDS: Readonly<Record<CrmContactField, CrmFieldSpec>> = CRM_FIELDS;

/** Writable properties of Graph v1.0 `contact` (FACTS §2), by kind. */
export const GRAPH_CONTACT_FIELDS = {
  givenName: { label: 'First name (givenName)', kind: 'text' },
  middleName: { label: 'Middle name (middleName)', kind: 'text' },
  surname: { label: 'Last name (surname)', kind: 'text' },
  title: { label: 'Title (title)', kind: 'text' },
  generation: { label: 'Suffix (generation)', kind: 'text' },
  initials: { label: 'Initials (initials)', kind: 'text' },
  nickName: { label: 'Nickname (nickName)', kind: 'text' },
  fileAs: { label: 'File as (fileAs)', kind: 'text' },
  companyName: { label: 'Company (companyName)', kind: 'text' },
  jobTitle: { label: 'Job title (jobTitle)', kind: 'text' },
  department: { label: 'Department (department)', kind: 'text' },
  officeLocation: { label: 'Office (officeLocation)', kind: 'text' },
  profession: { label: 'Profession (profession)', kind: 'text' },
  manager: { label: "Manager's name (manager)", kind: 'text' },
  assistantName: { label: "Assistant's name (assistantName)", kind: 'text' },
  spouseName: { label: 'Spouse/partner (spouseName)', kind: 'text' },
  businessHomePage: { label: 'Web page (businessHomePage)', kind: 'text' },
  personalNotes: { label: 'Notes (personalNotes)', kind: 'text' },
  mobilePhone: { label: 'Mobile phone (mobilePhone)', kind: 'text' },
  yomiGivenName: { label: 'Phonetic first name (yomiGivenName)', kind: 'text' },
  yomiSurname: { label: 'Phonetic last name (yomiSurname)', kind: 'text' },
  yomiCompanyName: { label: 'Phonetic company (yomiCompanyName)', kind: 'text' },
  birthday: { label: 'Birthday (birthday)', kind: 'date' },
  emailAddresses: { label: 'Email addresses (emailAddresses)', kind: 'emailList' },
  businessPhones: { label: 'Business phones (businessPhones)', kind: 'textList' },
  homePhones: { label: 'Home phones (homePhones)', kind: 'textList' },
  imAddresses: { label: 'IM addresses (imAddresses)', kind: 'textList' },
  children: { label: 'Children (children)', kind: 'textList' },
  businessAddress: { label: 'Business address (businessAddress)', kind: 'address' },
  homeAddress: { label: 'Home address (homeAddress)', kind: 'address' },
  otherAddress: { label: 'Other address (otherAddress)', kind: 'address' },
} as const satisfies Record<string, { label: string; kind: FieldKind }>;
export type GraphContactField = keyof typeof GRAPH_CONTACT_FIELDS;

/**
 * Every mappable Graph field, for `$select` on delta and list calls: selecting them all (not only
 * the mapped ones) keeps a delta link valid across mapping changes, and a field the user maps later
 * is never read as absent.
 */
export const CONTACT_SELECT_FIELDS: readonly GraphContactField[] = Object.keys(
  GRAPH_CONTACT_FIELDS,
) as GraphContactField[];

/** CRM field → Graph field. */
export type ContactMapping = Partial<Record<CrmContactField, GraphContactField>>;

export const DEFAULT_CONTACT_MAPPING: Readonly<ContactMapping> = Object.freeze({
  salutation: 'title',
  firstName: 'givenName',
  middleName: 'middleName',
  lastName: 'surname',
  companyName: 'companyName',
  jobTitle: 'jobTitle',
  department: 'department',
  notes: 'personalNotes',
  birthday: 'birthday',
  emails: 'emailAddresses',
  businessPhones: 'businessPhones',
  homePhones: 'homePhones',
  mobilePhone: 'mobilePhone',
  businessAddress: 'businessAddress',
  homeAddress: 'homeAddress',
  otherAddress: 'otherAddress',
});

/** A contact needs one of these (CRM rule `contact_unnamed`), so one of them must sync. */
const IDENTIFYING_FIELDS: readonly CrmContactField[] = ['firstName', 'lastName', 'companyName', 'emails'];

/** The Graph fields a CRM field may map to (same kind), for the mapping editor. */
export function compatibleGraphFields(crmField: CrmContactField): GraphContactField[] {
  const kind = CRM_CONTACT_FIELDS[crmField].kind;
  return (Object.keys(GRAPH_CONTACT_FIELDS) as GraphContactField[]).filter(
    (g) => GRAPH_CONTACT_FIELDS[g].kind === kind,
  );
}

const RULES: MappingRules = {
  crm: CRM_CONTACT_FIELDS,
  graph: GRAPH_CONTACT_FIELDS,
  recordNoun: 'contact',
  graphNoun: 'Outlook',
  whole: (mapping) =>
    IDENTIFYING_FIELDS.some((f) => f in mapping)
      ? []
      : [
          mappingIssue(
            '',
            'no_identifying_field',
            `map at least one of ${IDENTIFYING_FIELDS.join(', ')}: a contact needs a name, a company or an email`,
          ),
        ],
};

/** The problems of a mapping, one per offending field; empty when it is valid. */
export const contactMappingIssues = (mapping: Record<string, unknown>): FieldIssue[] =>
  mappingIssues(mapping, RULES);

/** Returns the mapping typed, or throws {@link InvalidMappingError} (400 `invalid_mapping`). */
export function validateMapping(mapping: Record<string, unknown>): ContactMapping {
  const issues = contactMappingIssues(mapping);
  if (issues.length > 0) throw new InvalidMappingError(issues);
  return { ...(mapping as ContactMapping) };
}

/** The catalog the mapping editor shows (`SyncService.catalog('contacts')`). */
export function contactFieldCatalog(): FieldCatalog {
  return {
    module: 'contacts',
    crmFields: catalogEntries(CRM_CONTACT_FIELDS),
    graphFields: catalogEntries(GRAPH_CONTACT_FIELDS),
    defaultMapping: { ...DEFAULT_CONTACT_MAPPING },
    options: Object.entries(DEFAULT_CONTACT_OPTIONS).map(([name, value]) => ({
      name,
      default: structuredClone(value),
      description: CONTACT_OPTION_DESCRIPTIONS[name as keyof typeof DEFAULT_CONTACT_OPTIONS],
    })),
  };
}
