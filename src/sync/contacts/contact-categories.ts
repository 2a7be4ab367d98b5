/**
 * The seven Outlook categories Tandem keeps on synced contacts (PRODUCT §3 Contacts, after Sell's
 * "Base Person…Base Lead"). Their names are fixed; each has a preset colour (Graph `categoryColor`).
 */
export const TANDEM_CATEGORIES = [
  { name: 'Tandem Person', color: 'preset7' }, // Blue
  { name: 'Tandem Company', color: 'preset10' }, // Steel
  { name: 'Tandem Current Prospect', color: 'preset3' }, // Yellow
  { name: 'Tandem Lost Prospect', color: 'preset12' }, // Gray
  { name: 'Tandem Current Customer', color: 'preset4' }, // Green
  { name: 'Tandem Past Customer', color: 'preset19' }, // DarkGreen
  { name: 'Tandem Lead', color: 'preset1' }, // Orange
] as const;
export type TandemCategoryName = (typeof TANDEM_CATEGORIES)[number]['name'];

const TANDEM_KEYS = new Set<string>(TANDEM_CATEGORIES.map((c) => c.name.toLowerCase()));

/** Whether `name` is one of Tandem's categories (Outlook compares category names without case). */
export const isTandemCategory = (name: string): boolean => TANDEM_KEYS.has(name.trim().toLowerCase());

/** What the CRM knows about a contact that decides its categories. */
export interface ContactCategoryFacts {
  /** A person has a first or last name; a contact with only a company name is a company. */
  isPerson: boolean;
  /** Stages of the (non-deleted) deals whose `contactId` is this contact. */
  dealStages: readonly ('open' | 'won' | 'lost' | 'unqualified')[];
  customerStatus: 'current' | 'past' | null | undefined;
  /** A (non-deleted) lead carries one of the contact's email addresses. */
  hasLead: boolean;
}

/**
 * The Tandem categories a contact carries, in {@link TANDEM_CATEGORIES} order:
 * - Tandem Person or Tandem Company (exactly one);
 * - Tandem Current Prospect: at least one open deal;
 * - Tandem Lost Prospect: lost or unqualified deals, and nothing open or won (a prospect still
 *   pursued or already a customer is not "lost");
 * - Tandem Past Customer: customer status `past` (the explicit status wins over won deals);
 * - Tandem Current Customer: otherwise, customer status `current` or at least one won deal;
 * - Tandem Lead: a lead with one of the contact's email addresses exists.
 */
export function categoriesFor(facts: ContactCategoryFacts): TandemCategoryName[] {
  const stages = new Set(facts.dealStages);
  const open = stages.has('open');
  const won = stages.has('won');
  const past = facts.customerStatus === 'past';
  const out = new Set<TandemCategoryName>([facts.isPerson ? 'Tandem Person' : 'Tandem Company']);
  if (open) out.add('Tandem Current Prospect');
  if ((stages.has('lost') || stages.has('unqualified')) && !open && !won) out.add('Tandem Lost Prospect');
  if (past) out.add('Tandem Past Customer');
  else if (won || facts.customerStatus === 'current') out.add('Tandem Current Customer');
  if (facts.hasLead) out.add('Tandem Lead');
  return TANDEM_CATEGORIES.map((c) => c.name).filter((n) => out.has(n));
}

/** Person or company, from CRM contact fields. */
export const isPersonContact = (c: { firstName?: string | null; lastName?: string | null }): boolean =>
  Boolean(c.firstName?.trim() || c.lastName?.trim());

/**
 * The categories to write on an Outlook contact: the user's own (non-Tandem) categories as they
 * are, in their order, then Tandem's. Returns `undefined` when the contact already carries exactly
 * these (in any order), so no write (and no echo) happens for nothing.
 */
export function mergeCategories(
  current: readonly string[] | null | undefined,
  tandem: readonly TandemCategoryName[],
): string[] | undefined {
  const own = (current ?? []).filter((c) => !isTandemCategory(c));
  const next = [...own, ...tandem];
  const key = (list: readonly string[]) => JSON.stringify([...new Set(list)].sort());
  return current && key(current) === key(next) ? undefined : next;
}
