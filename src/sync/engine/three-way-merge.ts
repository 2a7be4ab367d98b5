import { sameValue } from '../../crm/shared/same-value.js';

/** One field both sides changed since the last sync, and how the rule resolved it. */
export interface FieldConflict {
  field: string;
  kept: unknown;
  overwritten: unknown;
  winner: 'crm' | 'office';
}

export interface MergeInput {
  /** The mapped fields as last synced (empty on the first sync of a pair). */
  base: Record<string, unknown>;
  /** The CRM record projected onto the same fields. */
  crm: Record<string, unknown>;
  /** The Office 365 item projected onto the same fields. */
  office: Record<string, unknown>;
  /** When each side last changed, by its own server clock (CRM `updated_at`, Graph `lastModifiedDateTime`). */
  crmChangedAt: Date;
  officeChangedAt: Date;
  fields: readonly string[];
}

export interface MergeResult {
  merged: Record<string, unknown>;
  /** Fields whose merged value differs from the Office 365 item: PATCH these. */
  toOffice: string[];
  /** Fields whose merged value differs from the CRM record: write these to the CRM. */
  toCrm: string[];
  conflicts: FieldConflict[];
}

const valueOf = (r: Record<string, unknown>, f: string) => r[f] ?? null;
/** Graph's `lastModifiedDateTime` has whole seconds: both clocks are compared at that precision. */
const toSecond = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Field-level three-way merge against the last synced base (RELIABILITY §4.1 "Conflicts"): a field
 * changed on one side only takes that side's value, so edits to different fields both survive; a
 * field changed on both sides to different values goes to the side changed most recently, to the
 * second (a tie keeps the CRM value), and the losing value is reported as overwritten.
 */
export function threeWayMerge(input: MergeInput): MergeResult {
  const merged: Record<string, unknown> = {};
  const conflicts: FieldConflict[] = [];
  const officeWins = toSecond(input.officeChangedAt) > toSecond(input.crmChangedAt);
  for (const field of input.fields) {
    const base = valueOf(input.base, field);
    const crm = valueOf(input.crm, field);
    const office = valueOf(input.office, field);
    const crmChanged = !sameValue(crm, base);
    const officeChanged = !sameValue(office, base);
    if (crmChanged && officeChanged && !sameValue(crm, office)) {
      const [kept, overwritten] = officeWins ? [office, crm] : [crm, office];
      merged[field] = kept;
      conflicts.push({ field, kept, overwritten, winner: officeWins ? 'office' : 'crm' });
    } else {
      merged[field] = officeChanged ? office : crm;
    }
  }
  return {
    merged,
    toOffice: input.fields.filter((f) => !sameValue(merged[f], valueOf(input.office, f))),
    toCrm: input.fields.filter((f) => !sameValue(merged[f], valueOf(input.crm, f))),
    conflicts,
  };
}
