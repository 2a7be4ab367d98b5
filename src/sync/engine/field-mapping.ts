import { AppError, type FieldIssue } from '../../platform/errors/app-error.js';

/** A resource's fields on one side: name → label and kind (a CRM field maps to a Graph field of its kind). */
export type FieldTable = Readonly<Record<string, { readonly label: string; readonly kind: string }>>;

/** What a resource's mapping validation needs to know: both sides' fields and how to name them. */
export interface MappingRules {
  crm: FieldTable;
  graph: FieldTable;
  /** "contact", "task": in "… is not a CRM contact field". */
  recordNoun: string;
  /** "Outlook", "To Do": in "… is not a mappable Outlook field". */
  graphNoun: string;
  /** Checks of the whole mapping, once every field is valid (e.g. a name must sync). */
  whole?: (mapping: Record<string, string>) => FieldIssue[];
}

/** A mapping the user asked for that cannot work; `details.errors` names each offending field. */
export class InvalidMappingError extends AppError {
  constructor(
    readonly issues: FieldIssue[],
    userMessage = 'The field mapping is not valid.',
  ) {
    super({ code: 'invalid_mapping', httpStatus: 400, userMessage, details: { errors: issues } });
  }
}

/** One problem of a mapping, at `/mapping/<field>` (or `/mapping` for the whole). */
export const mappingIssue = (field: string, code: string, detail: string): FieldIssue => ({
  pointer: field ? `/mapping/${field.replaceAll('~', '~0').replaceAll('/', '~1')}` : '/mapping',
  in: 'body',
  code,
  detail,
});

/**
 * The problems of `mapping` (`{ crmField: graphField }`), one per offending field; empty when valid:
 * unknown fields on either side, a Graph field mapped twice, kinds that differ, then the rules' own
 * checks of the whole.
 */
export function mappingIssues(mapping: Record<string, unknown>, rules: MappingRules): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const usedBy = new Map<string, string>();
  for (const [crmField, graphField] of Object.entries(mapping)) {
    const crm = Object.hasOwn(rules.crm, crmField) ? rules.crm[crmField] : undefined;
    if (!crm) {
      issues.push(
        mappingIssue(crmField, 'unknown_crm_field', `"${crmField}" is not a CRM ${rules.recordNoun} field`),
      );
      continue;
    }
    const graph =
      typeof graphField === 'string' && Object.hasOwn(rules.graph, graphField)
        ? rules.graph[graphField]
        : undefined;
    if (!graph) {
      issues.push(
        mappingIssue(
          crmField,
          'unknown_graph_field',
          `${JSON.stringify(graphField)} is not a mappable ${rules.graphNoun} field`,
        ),
      );
      continue;
    }
    const target = graphField as string;
    const first = usedBy.get(target);
    if (first !== undefined) {
      issues.push(
        mappingIssue(crmField, 'graph_field_mapped_twice', `"${target}" is already mapped to "${first}"`),
      );
      continue;
    }
    usedBy.set(target, crmField);
    if (crm.kind !== graph.kind)
      issues.push(
        mappingIssue(
          crmField,
          'incompatible_types',
          `"${crmField}" holds a ${crm.kind}; "${target}" holds a ${graph.kind}`,
        ),
      );
  }
  if (!issues.length && rules.whole) issues.push(...rules.whole(mapping as Record<string, string>));
  return issues;
}

/** A table's fields as the catalog lists them. */
export const catalogEntries = (fields: FieldTable) =>
  Object.entries(fields).map(([name, f]) => ({ name, label: f.label }));
