import { z } from 'zod';
import { localDate, optionalText, requiredText, uuidSchema } from '../shared/common.schema.js';
import type { RecordDefinition } from '../shared/record.definition.js';
import { deals } from './deal.table.js';

export const dealDefinition: RecordDefinition = {
  type: 'deal',
  collection: 'deals',
  module: 'deals',
  title: 'Deal',
  table: deals,
  fields: {
    name: requiredText(255),
    stage: z.enum(['open', 'won', 'lost', 'unqualified']).default('open'),
    amount: z.number().min(0).max(1e15).multipleOf(0.01).nullable().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
      .nullable()
      .optional(),
    probability: z.number().int().min(0).max(100).nullable().optional(),
    closeDate: localDate.nullable().optional(),
    contactId: uuidSchema.nullable().optional(),
    accountId: uuidSchema.nullable().optional(),
    description: optionalText(32_000),
  },
  searchColumns: (t) => [(t as unknown as typeof deals).name],
  references: { contactId: 'contact', accountId: 'account' },
  finalize: (r) => ({
    issues:
      r.amount != null && !r.currency
        ? [{ pointer: '/currency', in: 'body', code: 'currency_required', detail: 'required with an amount' }]
        : [],
  }),
};
