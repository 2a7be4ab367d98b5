import { createHash } from 'node:crypto';
import type { SyncValues } from './sync-resource.js';

/** Only `fields` of `values`, unset ones as null (the merge and hash see every mapped field). */
export function pick(values: SyncValues, fields: readonly string[]): SyncValues {
  return Object.fromEntries(fields.map((f) => [f, values[f] ?? null]));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k] ?? null)]),
    );
  }
  return value ?? null;
}

/** A stable hash of the mapped values (key order ignored): recognises Tandem's own writes coming back. */
export function hashValues(values: SyncValues, fields: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(pick(values, fields))))
    .digest('base64url');
}
