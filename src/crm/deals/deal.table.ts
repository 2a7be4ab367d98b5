import { date, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/account.table.js';
import { contacts } from '../contacts/contact.table.js';
import { recordColumns, recordConstraints, sameOrgReference } from '../shared/record.columns.js';

export const deals = pgTable(
  'deals',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    stage: text('stage', { enum: ['open', 'won', 'lost', 'unqualified'] })
      .notNull()
      .default('open'),
    amount: numeric('amount', { precision: 18, scale: 2, mode: 'number' }),
    currency: text('currency'),
    probability: integer('probability'),
    closeDate: date('close_date', { mode: 'string' }),
    contactId: uuid('contact_id'),
    accountId: uuid('account_id'),
    description: text('description'),
  },
  (t) => [
    ...recordConstraints('deals', t),
    sameOrgReference('deals_contact_fk', t.orgId, t.contactId, contacts),
    sameOrgReference('deals_account_fk', t.orgId, t.accountId, accounts),
  ],
);
