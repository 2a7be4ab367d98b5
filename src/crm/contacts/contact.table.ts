import { date, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/account.table.js';
import { recordColumns, recordConstraints, sameOrgReference } from '../shared/record.columns.js';
import type { EmailAddress, Phone, PostalAddress } from '../shared/common.schema.js';

export const contacts = pgTable(
  'contacts',
  {
    ...recordColumns(),
    salutation: text('salutation'),
    firstName: text('first_name'),
    middleName: text('middle_name'),
    lastName: text('last_name'),
    emails: jsonb('emails').$type<EmailAddress[]>().notNull().default([]),
    phones: jsonb('phones').$type<Phone[]>().notNull().default([]),
    addresses: jsonb('addresses').$type<PostalAddress[]>().notNull().default([]),
    companyName: text('company_name'),
    accountId: uuid('account_id'),
    jobTitle: text('job_title'),
    department: text('department'),
    customerStatus: text('customer_status', { enum: ['current', 'past'] }),
    birthday: date('birthday', { mode: 'string' }),
    notes: text('notes'),
  },
  (t) => [
    ...recordConstraints('contacts', t),
    sameOrgReference('contacts_account_fk', t.orgId, t.accountId, accounts),
  ],
);
