import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  emailAddressSchema,
  localDate,
  optionalText,
  phoneSchema,
  postalAddressSchema,
  uuidSchema,
} from '../shared/common.schema.js';
import type { RecordDefinition } from '../shared/record.definition.js';
import { contacts } from './contact.table.js';

export const contactDefinition: RecordDefinition = {
  type: 'contact',
  collection: 'contacts',
  module: 'contacts',
  title: 'Contact',
  table: contacts,
  fields: {
    salutation: optionalText(40),
    firstName: optionalText(200),
    middleName: optionalText(200),
    lastName: optionalText(200),
    emails: z.array(emailAddressSchema).max(3, 'Outlook keeps at most 3 email addresses').default([]),
    phones: z.array(phoneSchema).max(20).default([]),
    addresses: z.array(postalAddressSchema).max(3).default([]),
    companyName: optionalText(255),
    accountId: uuidSchema.nullable().optional(),
    jobTitle: optionalText(255),
    department: optionalText(255),
    customerStatus: z
      .enum(['current', 'past'])
      .nullable()
      .optional()
      .meta({ description: 'Customer status: current or past customer; null when not a customer.' }),
    birthday: localDate.nullable().optional(),
    notes: optionalText(32_000),
  },
  searchColumns: (t) => {
    const c = t as unknown as typeof contacts;
    // Only the addresses of the emails, not their JSON keys or types ("work" must not match every contact).
    return [
      c.firstName,
      c.lastName,
      c.companyName,
      c.jobTitle,
      sql`jsonb_path_query_array(${c.emails}, '$[*].address')::text`,
    ];
  },
  references: { accountId: 'account' },
  finalize: (r) => ({
    issues:
      r.firstName || r.lastName || r.companyName || (Array.isArray(r.emails) && r.emails.length)
        ? []
        : [
            {
              pointer: '/lastName',
              in: 'body',
              code: 'contact_unnamed',
              detail: 'a contact needs a first or last name, a company name or an email address',
            },
          ],
  }),
};
