import { optionalText, postalAddressSchema, requiredText } from '../shared/common.schema.js';
import type { RecordDefinition } from '../shared/record.definition.js';
import { accounts } from './account.table.js';

export const accountDefinition: RecordDefinition = {
  type: 'account',
  collection: 'accounts',
  module: 'accounts',
  title: 'Account',
  table: accounts,
  fields: {
    name: requiredText(255),
    website: optionalText(2048),
    phone: optionalText(64),
    industry: optionalText(200),
    description: optionalText(32_000),
    address: postalAddressSchema.nullable().optional(),
  },
  searchColumns: (t) => {
    const a = t as unknown as typeof accounts;
    return [a.name, a.website, a.industry];
  },
  references: {},
};
