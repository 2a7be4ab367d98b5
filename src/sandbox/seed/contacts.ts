import type { Contact } from '@microsoft/microsoft-graph-types';
import type { Rng } from './prng.js';
import {
  COMPANIES,
  GIVEN_NAMES,
  JOB_TITLES,
  PERSONAL_MAIL_DOMAIN,
  PHONE_PATTERNS,
  SURNAMES,
  countryName,
  mailLocalPart,
  type Country,
  type SeedCompany,
  type SeedLanguage,
} from './names.js';

const LANGUAGES: readonly SeedLanguage[] = ['en', 'fr', 'es', 'de'];
const HOME_COUNTRY: Record<SeedLanguage, Country> = { en: 'US', fr: 'FR', es: 'ES', de: 'DE' };
/** How many companies one mailbox's contacts are spread over, and how unevenly. */
const COMPANY_WEIGHTS = [6, 5, 4, 3, 3, 2, 2, 1];

/** Where a contact shared with colleagues goes (see {@link ContactSeedInput.shared}). */
export const SHARED_CONTACT_SLOT = 13;

/**
 * Fixed roles of the first contacts of a mailbox, so that every default-sized mailbox has the
 * cases the sync and the wizard must handle: duplicates by email (a pair copied as is, a pair
 * with another spelling of the name), a pair with the same name and company but no email,
 * people without a company (personal address) and without an email. A mailbox with fewer
 * contacts keeps the roles that fit.
 */
type Role = 'random' | 'dupEmailA' | 'dupEmailB' | 'noCompany' | 'noEmail' | 'dupNameNoEmail' | 'shared';
const ROLES: Readonly<Record<number, Role>> = {
  2: 'dupEmailA',
  5: 'dupEmailB',
  7: 'dupEmailA',
  9: 'noCompany',
  12: 'dupEmailB',
  [SHARED_CONTACT_SLOT]: 'shared',
  15: 'dupNameNoEmail',
  16: 'dupNameNoEmail',
  20: 'noCompany',
  22: 'noEmail',
};
const PAIRED: readonly Role[] = ['dupEmailA', 'dupEmailB', 'dupNameNoEmail'];
const COMPANY_BY_NAME = new Map(COMPANIES.map((c) => [c.name, c]));

export interface ContactSeedInput {
  count: number;
  /** The mailbox owner's language: the companies of that language come first. */
  language: SeedLanguage;
  /** Categories set on the contact at a given position (they must be master categories). */
  slotCategories: ReadonlyMap<number, readonly string[]>;
  /** Master categories drawn at random for the other contacts. */
  categoryPool: readonly string[];
  /** A contact shared with colleagues (the organiser of a shared invitation), if any. */
  shared?: Contact;
}

/** The companies one mailbox's contacts work for: those of the owner's language first. */
export function companiesFor(rng: Rng, language: SeedLanguage): SeedCompany[] {
  const shuffled = rng.shuffle(COMPANIES);
  const own = shuffled.filter((c) => c.language === language);
  const others = shuffled.filter((c) => c.language !== language);
  return [...own.slice(0, 3), ...others, ...own.slice(3)].slice(0, COMPANY_WEIGHTS.length);
}

export function seedContacts(rng: Rng, input: ContactSeedInput): Contact[] {
  const companies = companiesFor(rng, input.language);
  const factory = new PersonFactory(rng, input.language);
  if (input.shared) factory.reserve(input.shared);
  const fresh = (role: Role): Contact => {
    const company = () => rng.weighted(companies, COMPANY_WEIGHTS);
    switch (role) {
      case 'shared':
        return input.shared ? structuredClone(input.shared) : factory.random(companies);
      case 'noCompany':
        return factory.person(null, 'personal');
      case 'noEmail':
      case 'dupNameNoEmail':
        return factory.person(company(), 'none');
      case 'dupEmailA':
      case 'dupEmailB':
        return factory.person(company(), 'work');
      case 'random':
        return factory.random(companies);
    }
  };
  const contacts: Contact[] = [];
  const firstOfPair = new Map<Role, Contact>();
  for (let i = 0; i < input.count; i++) {
    const role = ROLES[i] ?? 'random';
    const first = PAIRED.includes(role) ? firstOfPair.get(role) : undefined;
    let contact: Contact;
    if (first) {
      // The second of a pair: the same person again, with another mobile number.
      contact = role === 'dupEmailB' ? respelled(first) : { ...structuredClone(first), categories: [] };
      contact.mobilePhone = factory.phone(contact, 'mobile');
    } else {
      contact = fresh(role);
      if (PAIRED.includes(role)) firstOfPair.set(role, contact);
    }
    contact.categories = categoriesFor(rng, i, contact, input);
    contacts.push(contact);
  }
  return contacts;
}

/** A person working at `company`, with a work address (e.g. a contact several mailboxes share). */
export function seedPerson(rng: Rng, company: SeedCompany, categories: readonly string[]): Contact {
  const contact = new PersonFactory(rng, company.language).person(company, 'work');
  contact.categories = [...categories];
  return contact;
}

/** The same person entered again with only the initial of the given name: same address. */
function respelled(original: Contact): Contact {
  const copy = structuredClone(original);
  const initial = `${(original.givenName ?? '?').charAt(0)}.`;
  copy.givenName = initial;
  copy.displayName = `${initial} ${original.surname ?? ''}`.trim();
  copy.emailAddresses = (copy.emailAddresses ?? []).map((e) => ({ ...e, name: copy.displayName }));
  delete copy.jobTitle;
  copy.categories = [];
  return copy;
}

function categoriesFor(rng: Rng, index: number, contact: Contact, input: ContactSeedInput): string[] {
  const fixed = input.slotCategories.get(index);
  if (fixed) return [...fixed];
  if (contact.categories?.length) return contact.categories;
  const r = rng.next();
  if (r < 0.7 || input.categoryPool.length === 0) return [];
  const one = rng.pick(input.categoryPool);
  if (r < 0.95) return [one];
  const two = rng.pick(input.categoryPool);
  return two === one ? [one] : [one, two];
}

class PersonFactory {
  private readonly emails = new Set<string>();
  private readonly names = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly ownerLanguage: SeedLanguage,
  ) {}

  /** Keeps generated people from colliding with a contact made elsewhere. */
  reserve(contact: Contact): void {
    for (const e of contact.emailAddresses ?? []) if (e.address) this.emails.add(e.address);
    const company = COMPANY_BY_NAME.get(contact.companyName ?? '') ?? null;
    this.names.add(nameKey(contact.givenName ?? '', contact.surname ?? '', company));
  }

  /** Mostly people at one of the companies; some with no company, no email or a personal one. */
  random(companies: readonly SeedCompany[]): Contact {
    const r = this.rng.next();
    if (r < 0.05) return this.person(null, 'personal');
    const company = this.rng.weighted(companies, COMPANY_WEIGHTS);
    if (r < 0.09) return this.person(company, 'none');
    if (r < 0.13) return this.person(company, 'personal');
    return this.person(company, 'work');
  }

  person(company: SeedCompany | null, email: 'work' | 'personal' | 'none'): Contact {
    const rng = this.rng;
    const language = company
      ? rng.chance(0.7)
        ? company.language
        : rng.pick(LANGUAGES)
      : rng.chance(0.6)
        ? this.ownerLanguage
        : rng.pick(LANGUAGES);
    let givenName = rng.pick(GIVEN_NAMES[language]);
    let surname = rng.pick(SURNAMES[language]);
    // Unrelated people with the same name at the same company would read as duplicates.
    for (let tries = 0; tries < 10 && this.names.has(nameKey(givenName, surname, company)); tries++) {
      givenName = rng.pick(GIVEN_NAMES[language]);
      surname = rng.pick(SURNAMES[language]);
    }
    this.names.add(nameKey(givenName, surname, company));
    const displayName = `${givenName} ${surname}`;
    const contact: Contact = { givenName, surname, displayName };
    if (email !== 'none') {
      const domain = email === 'work' && company ? company.domain : PERSONAL_MAIL_DOMAIN;
      const local = mailLocalPart(givenName, surname);
      contact.emailAddresses = [
        {
          address: this.uniqueAddress(email === 'work' ? local : `${local}.${rng.int(10, 99)}`, domain),
          name: displayName,
        },
      ];
    } else {
      contact.emailAddresses = [];
    }
    if (company) {
      contact.companyName = company.name;
      contact.jobTitle = rng.pick(JOB_TITLES[company.language]);
      contact.businessPhones = [this.phone(contact, 'business', company.country)];
      contact.businessAddress = {
        street: company.street,
        city: company.city,
        ...(company.state ? { state: company.state } : {}),
        postalCode: company.postalCode,
        countryOrRegion: countryName(company.country),
      };
    } else {
      contact.businessPhones = [];
    }
    if (!company || rng.chance(0.7))
      contact.mobilePhone = this.phone(contact, 'mobile', HOME_COUNTRY[language]);
    return contact;
  }

  phone(contact: Contact, kind: 'business' | 'mobile', country?: Country): string {
    const home = country ?? COMPANY_BY_NAME.get(contact.companyName ?? '')?.country ?? 'US';
    const pattern = PHONE_PATTERNS[home][kind];
    let out = '';
    for (const ch of pattern) out += ch === '#' ? String(this.rng.int(0, 9)) : ch;
    return out;
  }

  private uniqueAddress(local: string, domain: string): string {
    let address = `${local}@${domain}`;
    for (let n = 2; this.emails.has(address); n++) address = `${local}${n}@${domain}`;
    this.emails.add(address);
    return address;
  }
}

function nameKey(givenName: string, surname: string, company: SeedCompany | null): string {
  return `${givenName}|${surname}|${company?.name ?? ''}`;
}
