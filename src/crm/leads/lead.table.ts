import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { recordColumns, recordConstraints } from '../shared/record.columns.js';
import type { PostalAddress } from '../shared/common.schema.js';

export const leads = pgTable(
  'leads',
  {
    ...recordColumns(),
    salutation: text('salutation'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    companyName: text('company_name'),
    jobTitle: text('job_title'),
    email: text('email'),
    phone: text('phone'),
    mobilePhone: text('mobile_phone'),
    website: text('website'),
    status: text('status', { enum: ['new', 'contacted', 'qualified', 'unqualified'] })
      .notNull()
      .default('new'),
    source: text('source'),
    description: text('description'),
    address: jsonb('address').$type<PostalAddress>(),
  },
  (t) => recordConstraints('leads', t),
);
