import { and, eq, isNull, sql } from 'drizzle-orm';
import type { RecordDefinition } from '../../crm/shared/record.definition.js';
import { contacts } from '../../crm/contacts/contact.table.js';
import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../../tenancy/principal.js';
import type { OwnedProperties } from '../engine/sync-resource.js';
import { categoriesFor, mergeCategories } from './contact-categories.js';
import { loadCategoryFacts, type CategorisedContact } from './contact-category-facts.repo.js';

const categoriesOf = (owned: Record<string, unknown> | undefined): string[] | undefined =>
  Array.isArray(owned?.categories) ? (owned.categories as string[]) : undefined;

/**
 * Tandem's categories on each synced contact (PRODUCT §3 Contacts), kept from CRM data: person or
 * company, deals (`contactId`), customer status and leads (by email). The user's own categories on
 * the contact stay as they are; a write happens only when Tandem's differ from what the contact
 * carries ({@link mergeCategories}).
 */
export const contactCategories: OwnedProperties = {
  of: (item) => ({ categories: Array.isArray(item.categories) ? item.categories : [] }),

  async writes(tx: Tx, actor: Actor, items) {
    if (!items.length || actor.userId === null) return items.map(() => undefined);
    const facts = await loadCategoryFacts(
      tx,
      { orgId: actor.orgId, userId: actor.userId, recordScope: actor.permissions.recordScope },
      items.map((i) => i.record as unknown as CategorisedContact),
    );
    return items.map(({ record, current }) => {
      const f = facts.get(record.id);
      const next = f && mergeCategories(categoriesOf(current), categoriesFor(f));
      return next ? { categories: next } : undefined;
    });
  },

  /**
   * A deal's contact and the contacts carrying a lead's address. The outbox hook asks for the record
   * as it is and as it was before the change, so a deal moved to another contact or a lead's changed
   * address corrects the previous contact's categories too.
   */
  async dependents(tx: Tx, def: RecordDefinition, row: Record<string, unknown>) {
    if (def.type === 'deal') return typeof row.contactId === 'string' ? [row.contactId] : [];
    if (def.type !== 'lead' || typeof row.email !== 'string' || !row.email.trim()) return [];
    const email = row.email.trim().toLowerCase();
    const found = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          eq(contacts.orgId, String(row.orgId)),
          isNull(contacts.deletedAt),
          sql`exists (select 1 from jsonb_array_elements(${contacts.emails}) e
                      where lower(btrim(e->>'address')) = ${email})`,
        ),
      );
    return found.map((c) => c.id);
  },
};
