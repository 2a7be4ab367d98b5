import { uuid, type PgColumn } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/account.table.js';
import { contacts } from '../contacts/contact.table.js';
import { deals } from '../deals/deal.table.js';
import { leads } from '../leads/lead.table.js';
import { sameOrgReference } from './record.columns.js';

/** "Who" (contact or lead) and "what" (account or deal) an activity relates to. */
export const relatedColumns = () => ({
  contactId: uuid('contact_id'),
  leadId: uuid('lead_id'),
  accountId: uuid('account_id'),
  dealId: uuid('deal_id'),
});

export function relatedReferences(
  name: string,
  t: { orgId: PgColumn; contactId: PgColumn; leadId: PgColumn; accountId: PgColumn; dealId: PgColumn },
) {
  return [
    sameOrgReference(`${name}_contact_fk`, t.orgId, t.contactId, contacts),
    sameOrgReference(`${name}_lead_fk`, t.orgId, t.leadId, leads),
    sameOrgReference(`${name}_account_fk`, t.orgId, t.accountId, accounts),
    sameOrgReference(`${name}_deal_fk`, t.orgId, t.dealId, deals),
  ];
}
