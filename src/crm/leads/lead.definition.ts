import { z } from 'zod';
import { emailSchema, optionalText, postalAddressSchema } from '../shared/common.schema.js';
import type { RecordDefinition } from '../shared/record.definition.js';
import { leads } from './lead.table.js';

export const leadDefinition: RecordDefinition = {
  type: 'lead',
  collection: 'leads',
  module: 'leads',
  title: 'Lead',
  table: leads,
  fields: {
    salutation: optionalText(40),
    firstName: optionalText(200),
    lastName: optionalText(200),
    companyName: optionalText(255),
    jobTitle: optionalText(255),
    email: emailSchema.nullable().optional(),
    phone: optionalText(64),
    mobilePhone: optionalText(64),
    website: optionalText(2048),
    status: z.enum(['new', 'contacted', 'qualified', 'unqualified']).default('new'),
    source: optionalText(200),
    description: optionalText(32_000),
    address: postalAddressSchema.nullable().optional(),
  },
  searchColumns: (t) => {
    const l = t as unknown as typeof leads;
    return [l.firstName, l.lastName, l.companyName, l.email];
  },
  references: {},
  finalize: (r) => ({
    issues:
      r.firstName || r.lastName || r.companyName || r.email
        ? []
        : [
            {
              pointer: '/lastName',
              in: 'body',
              code: 'lead_unnamed',
              detail: 'a lead needs a first or last name, a company name or an email address',
            },
          ],
  }),
};
