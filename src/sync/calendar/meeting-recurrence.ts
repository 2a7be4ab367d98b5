import type { Recurrence } from '../../crm/shared/common.schema.js';
import { DAYS_OF_WEEK } from '../../platform/time/recurrence.js';

type Pattern = Recurrence['pattern'];
type Range = Recurrence['range'];
type Day = Pattern['firstDayOfWeek'] & string;

/** A series' pattern and range in the one form both sides compare in (see {@link normalRecurrence}). */
export interface SeriesRule {
  pattern: Pattern;
  range: Omit<Range, 'recurrenceTimeZone'>;
}

const dayOrder = (days: readonly string[]): Day[] =>
  DAYS_OF_WEEK.filter((d) => days.some((x) => x.toLowerCase() === d)) as Day[];

/**
 * The properties a pattern type reads, and no others: Graph fills every property of a pattern
 * (`dayOfMonth: 0`, `index: "first"`, `month: 0`…) whatever its type, the CRM only the ones that
 * count, so only those are compared and written. Weekly patterns keep `firstDayOfWeek` (it decides
 * which weeks an interval above 1 skips), Sunday when not said, as Outlook does.
 */
function normalPattern(p: Record<string, unknown>): Pattern {
  const type = p.type as Pattern['type'];
  const out: Record<string, unknown> = { type, interval: Number(p.interval ?? 1) };
  const days = Array.isArray(p.daysOfWeek) ? dayOrder(p.daysOfWeek as string[]) : [];
  if (type === 'weekly') {
    out.daysOfWeek = days;
    out.firstDayOfWeek = String(p.firstDayOfWeek ?? 'sunday').toLowerCase();
  }
  if (type === 'relativeMonthly' || type === 'relativeYearly') {
    out.daysOfWeek = days;
    out.index = p.index ?? 'first';
  }
  if (type === 'absoluteMonthly' || type === 'absoluteYearly') out.dayOfMonth = Number(p.dayOfMonth);
  if (type === 'absoluteYearly' || type === 'relativeYearly') out.month = Number(p.month);
  return out as Pattern;
}

/**
 * The range as compared: its type, start date and the one bound its type reads (Graph answers
 * `endDate: "0001-01-01"` and `numberOfOccurrences: 0` for the bounds a type ignores). The range's
 * own zone is left out: it is the start's zone unless set, and a CRM series keeps its own.
 */
function normalRange(r: Record<string, unknown>): SeriesRule['range'] {
  const type = r.type as Range['type'];
  const out: SeriesRule['range'] = { type, startDate: String(r.startDate) };
  if (type === 'endDate') out.endDate = String(r.endDate);
  if (type === 'numbered') out.numberOfOccurrences = Number(r.numberOfOccurrences);
  return out;
}

/** A recurrence (Graph's or the CRM's) as a {@link SeriesRule}; `null` for no recurrence. */
export function normalRecurrence(value: unknown): SeriesRule | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as { pattern?: Record<string, unknown>; range?: Record<string, unknown> };
  if (!r.pattern || !r.range) return null;
  return { pattern: normalPattern(r.pattern), range: normalRange(r.range) };
}

/** A series rule as Graph's `recurrence`, the range in `zone` (the series start's). */
export function toGraphRecurrence(rule: SeriesRule, zone?: string | null): Record<string, unknown> {
  return {
    pattern: { ...rule.pattern },
    range: { ...rule.range, ...(zone ? { recurrenceTimeZone: zone } : {}) },
  };
}
