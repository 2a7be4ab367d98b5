import { z } from 'zod';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { FieldIssue } from '../../platform/errors/app-error.js';
import type { ModuleName } from '../../tenancy/permissions.js';
import { uuidSchema } from './common.schema.js';

export type RecordType = 'contact' | 'account' | 'lead' | 'deal' | 'meeting' | 'task';

/** The columns the generic repository relies on; every record table has them (record.columns.ts). */
export type RecordTable = PgTable & {
  id: PgColumn;
  orgId: PgColumn;
  ownerId: PgColumn;
  version: PgColumn;
  createdAt: PgColumn;
  updatedAt: PgColumn;
  createdBy: PgColumn;
  updatedBy: PgColumn;
  deletedAt: PgColumn;
};

export type Fields = Record<string, unknown>;

/**
 * Everything the generic repository, service, routes and OpenAPI need to know about one CRM
 * aggregate. The writable fields are named as the table's columns and as the API's properties.
 */
export interface RecordDefinition {
  type: RecordType;
  /** URL segment under /api/v1 and the OpenAPI tag. */
  collection: string;
  module: ModuleName;
  /** Singular display name, e.g. "Contact" (also the OpenAPI schema name). */
  title: string;
  table: RecordTable;
  /** Writable fields with create semantics (required ones required, defaults applied). */
  fields: z.ZodRawShape;
  /** Columns matched by `?q=` (case-insensitive substring). */
  searchColumns: (table: RecordTable) => (PgColumn | SQL)[];
  /** Fields holding the id of another record, with that record's type. */
  references: Record<string, RecordType>;
  /**
   * Cross-field rules on the record as it will be stored (after a create, or a patch merged into
   * the current record), plus columns derived from the fields (e.g. UTC instants).
   */
  finalize?: (record: Fields, current?: Fields) => { issues: FieldIssue[]; derived?: Fields };
  /** Columns returned by the API but never written by callers (e.g. a task's completion time). */
  readOnly?: z.ZodRawShape;
}

/** Sort order and paging of lists: newest first (ids are UUIDv7, so id order is creation order). */
export const ownerField = { ownerId: uuidSchema.optional().meta({ description: 'Defaults to the caller.' }) };

export function createSchemaOf(def: RecordDefinition) {
  return z.strictObject({ ...def.fields, ...ownerField });
}

/** PATCH: every field optional; defaults removed so that an absent field is left unchanged. */
export function updateSchemaOf(def: RecordDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(def.fields)) {
    const inner = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : (schema as z.ZodType);
    shape[key] = inner instanceof z.ZodOptional ? inner : inner.optional();
  }
  return z.strictObject({ ...shape, ...ownerField });
}

/** The record as the API returns it. */
export function responseSchemaOf(def: RecordDefinition) {
  return z.object({
    id: uuidSchema,
    ...def.fields,
    ...def.readOnly,
    ownerId: uuidSchema,
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    createdBy: uuidSchema.nullable(),
    updatedBy: uuidSchema.nullable(),
  });
}

export const fieldNamesOf = (def: RecordDefinition) => Object.keys(def.fields);
export const readOnlyNamesOf = (def: RecordDefinition) => Object.keys(def.readOnly ?? {});
