import net from 'node:net';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { contacts } from '../../src/crm/contacts/contact.table.js';
import type { Fields } from '../../src/crm/shared/record.definition.js';
import type { Database } from '../../src/platform/db/database.js';
import { rngFor } from '../../src/sandbox/seed/prng.js';
import { GIVEN_NAMES, SURNAMES } from '../../src/sandbox/seed/names.js';

/**
 * Bulk contacts for the sync fault tests and the benchmark (`npm run bench:sync`): deterministic
 * generation, the same person as a CRM record and as a Graph contact, and a field-by-field
 * comparison of the two sides. No test-framework imports: the benchmark script uses it too.
 */

/** One generated person. Emails and surnames carry the index, so no two are duplicates of each other. */
export interface BulkContact {
  firstName: string;
  lastName: string;
  email: string;
  companyName: string;
  jobTitle: string;
  businessPhone: string;
  mobilePhone: string;
}

const COMPANIES = ['Northwind', 'Litware', 'Adatum', 'Tailspin', 'Woodgrove', 'Proseware', 'Lamna'];
const TITLES = ['Buyer', 'Account manager', 'Director', 'Engineer', 'Analyst', 'Consultant'];

/** `count` people of a named batch (`tag` keeps batches of one run apart), the same for the same seed. */
export function bulkContacts(seed: number, tag: string, count: number): BulkContact[] {
  const rng = rngFor(seed, `bulk:${tag}`);
  const given = [...GIVEN_NAMES.en, ...GIVEN_NAMES.fr, ...GIVEN_NAMES.de];
  const sur = [...SURNAMES.en, ...SURNAMES.fr, ...SURNAMES.de];
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(6, '0');
    return {
      firstName: rng.pick(given),
      lastName: `${rng.pick(sur)} ${tag}${n}`,
      email: `${tag}.${n}@bulk.example`,
      companyName: `${rng.pick(COMPANIES)} ${rng.int(1, 400)}`,
      jobTitle: rng.pick(TITLES),
      businessPhone: `+1 425 555 ${String(rng.int(0, 9999)).padStart(4, '0')}`,
      mobilePhone: `+1 206 555 ${String(rng.int(0, 9999)).padStart(4, '0')}`,
    };
  });
}

/** The person as the CRM record API takes it (`RecordService.create` fields). */
export function crmFieldsOf(c: BulkContact): Fields {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    emails: [{ address: c.email, type: 'work' }],
    companyName: c.companyName,
    jobTitle: c.jobTitle,
    phones: [
      { number: c.businessPhone, type: 'business' },
      { number: c.mobilePhone, type: 'mobile' },
    ],
  };
}

/** The person as a client POSTs it to Graph (`contact` resource). */
export function graphContactOf(c: BulkContact): Record<string, unknown> {
  return {
    givenName: c.firstName,
    surname: c.lastName,
    emailAddresses: [{ address: c.email, name: `${c.firstName} ${c.lastName}` }],
    companyName: c.companyName,
    jobTitle: c.jobTitle,
    businessPhones: [c.businessPhone],
    mobilePhone: c.mobilePhone,
  };
}

/** The fields both sides carry under the default mapping, normalised for comparison. */
export interface ComparableContact {
  firstName: string | null;
  lastName: string | null;
  /** Lower-case addresses, in order. */
  emails: string[];
  companyName: string | null;
  jobTitle: string | null;
  businessPhones: string[];
  mobilePhone: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((x) => text(x)).filter((x): x is string => x !== null) : [];

type CrmRow = typeof contacts.$inferSelect;

export function comparableFromCrm(row: CrmRow): ComparableContact {
  const phones = row.phones ?? [];
  return {
    firstName: text(row.firstName),
    lastName: text(row.lastName),
    emails: (row.emails ?? []).map((e) => e.address.trim().toLowerCase()),
    companyName: text(row.companyName),
    jobTitle: text(row.jobTitle),
    businessPhones: phones.filter((p) => p.type === 'business').map((p) => p.number.trim()),
    mobilePhone: text(phones.find((p) => p.type === 'mobile')?.number),
  };
}

export function comparableFromGraph(item: Record<string, unknown>): ComparableContact {
  const emails = (item.emailAddresses as { address?: string }[] | undefined) ?? [];
  return {
    firstName: text(item.givenName),
    lastName: text(item.surname),
    emails: emails.map((e) => text(e.address)?.toLowerCase()).filter((x): x is string => !!x),
    companyName: text(item.companyName),
    jobTitle: text(item.jobTitle),
    businessPhones: list(item.businessPhones),
    mobilePhone: text(item.mobilePhone),
  };
}

/** Where the two sides (or two runs) disagree. Every list empty means equal, field by field. */
export interface SideDiff {
  /** Keys present more than once on one side, with the count. */
  duplicates: { side: 'left' | 'right'; key: string; count: number }[];
  onlyLeft: string[];
  onlyRight: string[];
  fields: { key: string; field: string; left: unknown; right: unknown }[];
}

export const keyOf = (c: ComparableContact): string =>
  c.emails[0] ?? `${c.firstName ?? ''}|${c.lastName ?? ''}|${c.companyName ?? ''}`;

/** Compares two sets of items (contacts, tasks…) by `key`, which the generated data makes unique. */
export function compareItems<T extends object>(left: T[], right: T[], key: (item: T) => string): SideDiff {
  const diff: SideDiff = { duplicates: [], onlyLeft: [], onlyRight: [], fields: [] };
  const index = (side: 'left' | 'right', items: T[]) => {
    const map = new Map<string, T[]>();
    for (const c of items) map.set(key(c), [...(map.get(key(c)) ?? []), c]);
    for (const [k, all] of map) if (all.length > 1) diff.duplicates.push({ side, key: k, count: all.length });
    return map;
  };
  const l = index('left', left);
  const r = index('right', right);
  for (const [k, [a]] of l) {
    const b = r.get(k)?.[0];
    if (!b) {
      diff.onlyLeft.push(k);
      continue;
    }
    for (const field of Object.keys(a!) as (keyof T & string)[]) {
      if (JSON.stringify(a![field]) !== JSON.stringify(b[field]))
        diff.fields.push({ key: k, field, left: a![field], right: b[field] });
    }
  }
  for (const k of r.keys()) if (!l.has(k)) diff.onlyRight.push(k);
  return diff;
}

/** Compares two sets of contacts keyed by their first email (the generated data makes it unique). */
export const compareContacts = (left: ComparableContact[], right: ComparableContact[]): SideDiff =>
  compareItems(left, right, keyOf);

export const isEqual = (d: SideDiff): boolean =>
  !d.duplicates.length && !d.onlyLeft.length && !d.onlyRight.length && !d.fields.length;

/** A short, readable account of a diff for assertion messages and reports. */
export function describeDiff(d: SideDiff, limit = 5): string {
  return JSON.stringify({
    duplicates: d.duplicates.length,
    onlyLeft: d.onlyLeft.length,
    onlyRight: d.onlyRight.length,
    fieldDiffs: d.fields.length,
    examples: {
      duplicates: d.duplicates.slice(0, limit),
      onlyLeft: d.onlyLeft.slice(0, limit),
      onlyRight: d.onlyRight.slice(0, limit),
      fields: d.fields.slice(0, limit),
    },
  });
}

/** The live (not soft-deleted) CRM contacts of an organisation, read as the database holds them. */
export async function crmContactRows(db: Database, orgId: string): Promise<CrmRow[]> {
  return db.scoped(orgId, (tx) =>
    tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.orgId, orgId), isNull(contacts.deletedAt))),
  );
}

/** How many live CRM contacts a member owns (a count in the database, not a load). */
export async function countCrmContacts(db: Database, orgId: string, ownerId: string): Promise<number> {
  const [row] = await db.scoped(orgId, (tx) =>
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(and(eq(contacts.orgId, orgId), eq(contacts.ownerId, ownerId), isNull(contacts.deletedAt))),
  );
  return row?.n ?? 0;
}

/** The live CRM contacts of an organisation that carry this email address. */
export async function crmContactsByEmail(db: Database, orgId: string, email: string): Promise<CrmRow[]> {
  const probe = JSON.stringify([{ address: email }]);
  return db.scoped(orgId, (tx) =>
    tx
      .select()
      .from(contacts)
      .where(
        and(
          eq(contacts.orgId, orgId),
          isNull(contacts.deletedAt),
          sql`${contacts.emails} @> ${probe}::jsonb`,
        ),
      ),
  );
}

/** A loopback port free right now (for a server whose URL must be known before it listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items` with at most `limit` at a time. */
export async function forEachLimit<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
