import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { recordColumns, recordConstraints } from '../shared/record.columns.js';
import type { PostalAddress } from '../shared/common.schema.js';

export const accounts = pgTable(
  'accounts',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    website: text('website'),
    phone: text('phone'),
    industry: text('industry'),
    description: text('description'),
    address: jsonb('address').$type<PostalAddress>(),
  },
  (t) => recordConstraints('accounts', t),
);
