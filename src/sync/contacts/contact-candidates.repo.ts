import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { contacts } from '../../crm/contacts/contact.table.js';
import type { Tx } from '../../platform/db/database.js';
import type { RecordScope } from '../../tenancy/permissions.js';
import { FOLD_FROM, FOLD_TO, matchKeysOf, type MatchableContact } from './contact-match-keys.js';

export type CandidateRow = typeof contacts.$inferSelect;

/** Whose CRM contacts a member syncs: their own, or (managers, `all`) every contact they can see. */
export interface CandidateScope {
  orgId: string;
  userId: string;
  recordScope: RecordScope;
}

/**
 * CRM contacts that may be duplicates of a batch of incoming contacts, in ONE query: those sharing
 * a normalised email address with one of them, or with the same company (accent-folded; the
 * matcher then compares the name). Only contacts the member syncs (record scope) and not deleted.
 * Runs inside the caller's `db.scoped(orgId, …)` transaction; names the organisation explicitly too.
 */
export async function findContactCandidates(
  tx: Tx,
  scope: CandidateScope,
  incoming: readonly MatchableContact[],
): Promise<CandidateRow[]> {
  const keys = incoming.map(matchKeysOf);
  const emails = [...new Set(keys.flatMap((k) => k.emails))];
  const companies = [...new Set(keys.map((k) => k.companyFold).filter((c): c is string => c !== null))];
  const matches: SQL[] = [];
  if (emails.length > 0)
    matches.push(
      sql`exists (select 1 from jsonb_array_elements(${contacts.emails}) as e(v) where lower(btrim(e.v->>'address')) in (${sql.join(
        emails.map((e) => sql`${e}`),
        sql`, `,
      )}))`,
    );
  if (companies.length > 0)
    matches.push(
      inArray(
        sql`regexp_replace(lower(translate(${contacts.companyName}, ${FOLD_FROM}, ${FOLD_TO})), '\\s+', '', 'g')`,
        companies,
      ),
    );
  if (matches.length === 0) return [];
  return tx
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, scope.orgId),
        isNull(contacts.deletedAt),
        scope.recordScope === 'own' ? eq(contacts.ownerId, scope.userId) : undefined,
        or(...matches),
      ),
    );
}
