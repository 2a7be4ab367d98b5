import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { deals } from '../../crm/deals/deal.table.js';
import { leads } from '../../crm/leads/lead.table.js';
import type { Tx } from '../../platform/db/database.js';
import type { CandidateScope } from './contact-candidates.repo.js';
import { isPersonContact, type ContactCategoryFacts } from './contact-categories.js';
import { normaliseEmail } from './contact-match-keys.js';

/** The CRM contact fields the category rule reads. */
export interface CategorisedContact {
  id: string;
  firstName?: string | null;
  lastName?: string | null;
  customerStatus?: 'current' | 'past' | null;
  emails?: readonly { address: string }[] | null;
}

type DealStage = ContactCategoryFacts['dealStages'][number];

/**
 * The category facts of a batch of CRM contacts, in two queries (their deals, the leads carrying
 * their addresses). Only deals and leads the member can see count (record scope), so a category
 * never reveals a record the member could not open. Runs inside the caller's `db.scoped` transaction.
 */
export async function loadCategoryFacts(
  tx: Tx,
  scope: CandidateScope,
  contacts: readonly CategorisedContact[],
): Promise<Map<string, ContactCategoryFacts>> {
  const facts = new Map<string, ContactCategoryFacts>();
  if (contacts.length === 0) return facts;
  const ids = contacts.map((c) => c.id);
  const emails = [
    ...new Set(contacts.flatMap((c) => (c.emails ?? []).map((e) => normaliseEmail(e.address)))),
  ];
  const own = <T extends typeof deals | typeof leads>(t: T) =>
    scope.recordScope === 'own' ? eq(t.ownerId, scope.userId) : undefined;
  const dealRows = await tx
    .selectDistinct({ contactId: deals.contactId, stage: deals.stage })
    .from(deals)
    .where(
      and(eq(deals.orgId, scope.orgId), isNull(deals.deletedAt), inArray(deals.contactId, ids), own(deals)),
    );
  const leadRows =
    emails.length === 0
      ? []
      : await tx
          .selectDistinct({ email: sql<string>`lower(btrim(${leads.email}))` })
          .from(leads)
          .where(
            and(
              eq(leads.orgId, scope.orgId),
              isNull(leads.deletedAt),
              inArray(sql`lower(btrim(${leads.email}))`, emails),
              own(leads),
            ),
          );
  const stages = new Map<string, DealStage[]>();
  for (const row of dealRows) stages.set(row.contactId!, [...(stages.get(row.contactId!) ?? []), row.stage]);
  const leadEmails = new Set(leadRows.map((r) => r.email));
  for (const c of contacts)
    facts.set(c.id, {
      isPerson: isPersonContact(c),
      dealStages: stages.get(c.id) ?? [],
      customerStatus: c.customerStatus ?? null,
      hasLead: (c.emails ?? []).some((e) => leadEmails.has(normaliseEmail(e.address))),
    });
  return facts;
}
