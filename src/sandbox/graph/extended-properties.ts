import type { Item } from '../store/model.js';
import { graphErrors } from './graph-error.js';

export interface ExtendedProperty {
  id: string;
  value: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Merges `singleValueExtendedProperties` of a request into the item's (by id, case-insensitive). */
export function mergeExtendedProperties(existing: unknown, incoming: unknown): ExtendedProperty[] {
  const current = Array.isArray(existing) ? [...(existing as ExtendedProperty[])] : [];
  if (!Array.isArray(incoming))
    throw graphErrors.badRequest('singleValueExtendedProperties must be an array.', 'RequestBodyRead');
  for (const p of incoming as Record<string, unknown>[]) {
    if (
      typeof p?.id !== 'string' ||
      typeof p.value !== 'string' ||
      !/^\w+ \{[0-9a-f-]{36}\} (Name|Id) \S+/i.test(p.id)
    ) {
      throw graphErrors.badRequest(
        `The extended property id '${String(p?.id)}' is not valid.`,
        'ErrorInvalidExtendedPropertyValue',
      );
    }
    const i = current.findIndex((c) => same(c.id, p.id as string));
    if (i >= 0) current[i] = { id: current[i]!.id, value: p.value };
    else current.push({ id: p.id, value: p.value });
  }
  return current;
}

/** `$expand=singleValueExtendedProperties($filter=id eq '…')`: the properties to show, or undefined. */
export function expandedProperties(item: Item, expand: string | undefined): ExtendedProperty[] | undefined {
  if (!expand) return undefined;
  const m = /^singleValueExtendedProperties(?:\(\$filter=id eq '([^']+)'\))?$/i.exec(expand.trim());
  if (!m)
    throw graphErrors.badRequest(
      `Parsing OData Select and Expand failed: Could not find a property named '${expand}'.`,
    );
  const all = (item.singleValueExtendedProperties as ExtendedProperty[] | undefined) ?? [];
  return m[1] ? all.filter((p) => same(p.id, m[1]!)) : all;
}

/**
 * `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')`: a predicate,
 * or undefined when the filter is of another form.
 */
export function extendedPropertyFilter(filter: string): ((item: Item) => boolean) | undefined {
  const m =
    /^singleValueExtendedProperties\/Any\((\w+):\s*\1\/id eq '([^']+)' and \1\/value eq '([^']*)'\)$/i.exec(
      filter.trim(),
    );
  if (!m) return undefined;
  const [, , id, value] = m;
  return (item) =>
    ((item.singleValueExtendedProperties as ExtendedProperty[] | undefined) ?? []).some(
      (p) => same(p.id, id!) && p.value === value,
    );
}
